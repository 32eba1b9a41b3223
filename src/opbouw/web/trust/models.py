"""The audit log entry (django-auditlog's, with the organisation it belongs to), consent
records and the record of erasures."""

from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation


class AuditEntryManager(LogEntryManager):
    """Adds the organisation of the audited object, so administrators see only theirs."""

    @staticmethod
    def _organisation(instance: Any) -> int | None:
        from opbouw.web.trust.registry import default_organisation_id, entry_for

        entry = entry_for(instance._meta.model)  # not type(): request.user is lazy
        return entry.organisation_id(instance) if entry else default_organisation_id(instance)

    def log_create(self, instance: Any, force_log: bool = False, **kwargs: Any) -> Any:
        kwargs.setdefault("organisation_id", self._organisation(instance))
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset: Any, instance: Any, operation: str,
                        field_name: str, **kwargs: Any) -> Any:
        kwargs.setdefault("organisation_id", self._organisation(instance))
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name,
                                       **kwargs)


class AuditEntry(AbstractLogEntry):
    """One create, change, delete or read (``AUDITLOG_LOGENTRY_MODEL``)."""

    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("organisation"))

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["organisation", "-timestamp"])]


class Consent(models.Model):
    """A user's consent for one purpose, given and possibly withdrawn (never deleted)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=50)
    text = models.TextField(_("text agreed to"))
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.purpose} ({self.given_at:%Y-%m-%d})"


class Erasure(models.Model):
    """That (not whose) account was anonymised, when and why: accountability without
    keeping the personal data."""

    user_id_erased = models.PositiveBigIntegerField(_("user id"), unique=True)
    erased_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=20,
                              choices=[("request", _("request of the person")),
                                       ("retention", _("retention period expired"))])

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return str(_("erasure %(number)s") % {"number": self.pk})
