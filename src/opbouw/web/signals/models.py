"""Signals picked up in the practice and the policy dossiers that bundle them.

Signals and dossiers describe situations, never persons: no names, contact details or
addresses; the forms warn when free text looks like personal data (``privacy``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation

# degrees; 0.005 deg is about 550 m north-south and 360 m east-west in Flanders:
# enough to show the neighbourhood, too coarse to point at a house
BLUR_DEGREES = 0.005


def blur(value: float | None) -> float | None:
    """Snap a coordinate to the centre of its grid cell, so a stored point shows a
    neighbourhood and not an address."""
    if value is None:
        return None
    return round((value // BLUR_DEGREES) * BLUR_DEGREES + BLUR_DEGREES / 2, 6)


class Right(models.TextChoices):
    """Fundamental rights as the sector names them (seed 004: wonen, werk, onderwijs, ...)."""

    HOUSING = "housing", _("housing")
    WORK = "work", _("work")
    EDUCATION = "education", _("education")
    SOCIAL_PROTECTION = "social_protection", _("social protection")
    HEALTH = "health", _("health")
    ENERGY_WATER = "energy_water", _("energy and water")
    INCOME = "income", _("income")
    MOBILITY = "mobility", _("mobility")
    CULTURE = "culture", _("culture and leisure")
    JUSTICE = "justice", _("legal aid")
    OTHER = "other", _("other")


class Signal(models.Model):
    class Kind(models.TextChoices):
        RIGHT = "right", _("a right not realised")
        SERVICE = "service", _("a service inaccessible")
        EXCLUDED = "excluded", _("a group excluded from a measure")
        OTHER = "other", _("other")

    class Source(models.TextChoices):
        WORKER = "worker", _("community worker")
        PARTNER = "partner", _("partner")
        RESIDENT = "resident", _("resident")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        CHECKED = "checked", _("checked")
        BUNDLED = "bundled", _("bundled")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="signals", verbose_name=_("organisation"))
    title = models.CharField(_("what is wrong (short)"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RIGHT)
    description = models.TextField(_("what is wrong"))
    right = models.CharField(_("fundamental right"), max_length=30, choices=Right.choices)
    theme = models.CharField(_("theme"), max_length=100, blank=True,
                             help_text=_("For example: social rent, digital services."))
    area = models.CharField(_("area"), max_length=200,
                            help_text=_("Neighbourhood, district or municipality."))
    area_code = models.CharField(_("area code"), max_length=40, blank=True,
                                 help_text=_("NIS code, if known."))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    group = models.CharField(_("affected group"), max_length=200)
    people = models.PositiveIntegerField(_("roughly how many people"), null=True, blank=True)
    since = models.DateField(_("since when"), null=True, blank=True)
    noted_on = models.DateField(_("picked up on"), default=dt.date.today)
    evidence = models.TextField(_("evidence"), blank=True)
    source = models.CharField(_("picked up by"), max_length=20, choices=Source.choices,
                              default=Source.WORKER)
    project = models.CharField(_("project"), max_length=200, blank=True)
    # the planning app's project, once it exists; kept as a plain id so that this app
    # does not depend on it (link it with a migration when planning lands)
    project_ref = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW)
    # how often this situation was reported: merged duplicates add their count here
    reports = models.PositiveIntegerField(_("reports"), default=1)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="duplicates", verbose_name=_("merged into"))
    shared_with = models.ManyToManyField(Organisation, blank=True, related_name="shared_signals",
                                         verbose_name=_("shared with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-noted_on", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.latitude, self.longitude = blur(self.latitude), blur(self.longitude)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @transaction.atomic
    def merge(self, duplicates: list[Signal]) -> None:
        """Fold duplicates into this signal: their reports add up, the largest estimate of
        people counts (they describe the same situation), their dossiers carry over."""
        for dup in duplicates:
            if dup.pk == self.pk or dup.organisation_id != self.organisation_id:
                continue
            self.reports += dup.reports
            if dup.people is not None:
                self.people = max(self.people or 0, dup.people)
            for dossier in dup.dossiers.all():
                dossier.signals.add(self)
            dup.duplicates.update(merged_into=self)
            dup.merged_into = self
            dup.status = Signal.Status.CLOSED
            dup.save(update_fields=["merged_into", "status", "updated_at"])
        self.save()


class Dossier(models.Model):
    """A policy dossier: signals of several projects and areas put to a government."""

    class Level(models.TextChoices):
        LOCAL = "local", _("local government")
        FLEMISH = "flemish", _("Flemish government")
        FEDERAL = "federal", _("federal government")
        INSTITUTION = "institution", _("institution")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="dossiers", verbose_name=_("organisation"))
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the problem"))
    signals = models.ManyToManyField(Signal, blank=True, related_name="dossiers",
                                     verbose_name=_("signals"))
    groups = models.TextField(_("affected groups"), blank=True,
                              help_text=_("Besides the groups of the signals."))
    quotes = models.TextField(_("voices of the people concerned"), blank=True,
                              help_text=_("One quote per line, without names."))
    proposals = models.TextField(_("proposals"), blank=True)
    level = models.CharField(_("addressee"), max_length=20, choices=Level.choices,
                             default=Level.LOCAL)
    addressee = models.CharField(_("addressee (name)"), max_length=200, blank=True,
                                 help_text=_("For example: the municipality's college."))
    follow_up = models.TextField(_("follow-up"), blank=True)
    closed = models.BooleanField(_("closed"), default=False)
    shared_with = models.ManyToManyField(Organisation, blank=True,
                                         related_name="shared_dossiers",
                                         verbose_name=_("shared with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("policy dossier")
        verbose_name_plural = _("policy dossiers")

    def __str__(self) -> str:
        return self.title

    def quote_list(self) -> list[str]:
        return [q.strip() for q in self.quotes.splitlines() if q.strip()]

    def summary(self) -> dict[str, Any]:
        """How many signals (reports) from how many areas and projects, which groups."""
        signals = list(self.signals.all())
        return {
            "signals": len(signals),
            "reports": sum(s.reports for s in signals),
            "areas": len({s.area.strip().lower() for s in signals}),
            "projects": len({s.project.strip().lower() for s in signals if s.project.strip()}),
            "people": sum(s.people or 0 for s in signals),
            "groups": sorted({s.group for s in signals}),
            "rights": sorted({s.get_right_display() for s in signals}),
        }

    @property
    def waiting(self) -> bool:
        return self.requests.filter(answered_on__isnull=True).exists()


class Request(models.Model):
    """What was asked of whom when, and what came of it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="requests")
    asked_on = models.DateField(_("asked on"))
    addressee = models.CharField(_("asked of"), max_length=200)
    question = models.TextField(_("what was asked"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("the response"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        ordering = ["asked_on", "pk"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")

    def __str__(self) -> str:
        return f"{self.addressee} {self.asked_on}"
