"""The one line every app calls to put a model under audit and in the GDPR register.

In an app's ``apps.py``::

    def ready(self):
        from opbouw.web.trust import register
        register(self.get_model("Note"), sensitive=Sensitivity.PERSONAL,
                 personal_fields={"created_by": "author of the note"},
                 purpose="terrain knowledge of the team", legal_basis="public_task",
                 retention_days=5 * 365)

``register`` registers the model with django-auditlog (every create, change and delete,
with before/after values) and records what personal data it holds, why, on which legal
basis and for how long. The ``purge_expired`` command anonymises the personal fields of
records older than their retention period; the user export and erasure find a user's
records through the model's foreign keys to the user model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.web.trust.sensitivity import Sensitivity

LEGAL_BASES = {
    "consent": _("consent (GDPR art. 6.1.a)"),
    "contract": _("contract (GDPR art. 6.1.b)"),
    "legal_obligation": _("legal obligation (GDPR art. 6.1.c)"),
    "public_task": _("task in the public interest (GDPR art. 6.1.e)"),
    "legitimate_interest": _("legitimate interest (GDPR art. 6.1.f)"),
}


@dataclass
class Entry:
    """One model in the register."""

    model: type[models.Model]
    sensitive: int = Sensitivity.INTERNAL
    personal_fields: dict[str, Any] = field(default_factory=dict)
    purpose: Any = ""  # a lazy translation, shown in the user's language
    legal_basis: str = "legitimate_interest"
    retention_days: int | None = None
    retention_field: str | None = None
    organisation: Callable[[Any], int | None] | None = None
    user_fields: tuple[str, ...] = ()
    #: the level of one record, when it depends on the record (at least ``sensitive``)
    record_level: Callable[[Any], int] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label

    def organisation_id(self, obj: Any) -> int | None:
        if self.organisation is not None:
            return self.organisation(obj)
        return default_organisation_id(obj)


REGISTRY: dict[str, Entry] = {}


def default_organisation_id(obj: Any) -> int | None:
    """``obj.organisation``, else the organisation of ``obj.dataset`` (or of any other
    foreign key that has one): the audit page shows an organisation only its own entries."""
    from opbouw.web.accounts.models import Organisation

    if isinstance(obj, Organisation):
        return obj.pk
    if getattr(obj, "organisation_id", None) is not None:
        return obj.organisation_id
    for f in obj._meta.concrete_fields:
        if f.is_relation and f.many_to_one and f.related_model is not None and \
                any(g.name == "organisation" for g in f.related_model._meta.concrete_fields):
            related_id = getattr(obj, f.attname, None)
            if related_id is None:
                continue
            try:
                return getattr(obj, f.name).organisation_id
            except Exception:  # the related row may already be gone (deletes)
                continue
    return None


def _user_fields(model: type[models.Model]) -> tuple[str, ...]:
    label = settings.AUTH_USER_MODEL.lower()
    return tuple(f.name for f in model._meta.concrete_fields
                 if f.is_relation and f.related_model is not None
                 and f.related_model._meta.label_lower == label)


def register(model: type[models.Model], *, sensitive: int = Sensitivity.INTERNAL,
             personal_fields: Mapping[str, Any] | Iterable[str] = (), purpose: Any = "",
             legal_basis: str = "legitimate_interest", retention_days: int | None = None,
             retention_field: str | None = None,
             organisation: Callable[[Any], int | None] | None = None,
             exclude_fields: Iterable[str] = (), mask_fields: Iterable[str] = (),
             m2m_fields: Iterable[str] = (),
             record_level: Callable[[Any], int] | None = None) -> Entry:
    """Audit every create/change/delete of ``model`` and enter it in the GDPR register."""
    from auditlog.registry import auditlog

    if legal_basis not in LEGAL_BASES:
        raise ValueError(f"legal_basis must be one of {sorted(LEGAL_BASES)}, not {legal_basis!r}")
    fields = dict(personal_fields) if isinstance(personal_fields, Mapping) else \
        {name: "" for name in personal_fields}
    if retention_days is not None and retention_field is None:
        names = {f.name for f in model._meta.concrete_fields}
        retention_field = next((n for n in ("created_at", "created", "date_joined")
                                if n in names), None)
        if retention_field is None:
            raise ValueError(f"{model._meta.label}: retention_days needs a retention_field")
    entry = Entry(model=model, sensitive=sensitive, personal_fields=fields, purpose=purpose,
                  legal_basis=legal_basis, retention_days=retention_days,
                  retention_field=retention_field, organisation=organisation,
                  user_fields=_user_fields(model), record_level=record_level)
    REGISTRY[entry.label] = entry
    if not auditlog.contains(model):
        auditlog.register(model, exclude_fields=list(exclude_fields),
                          mask_fields=list(mask_fields), m2m_fields=set(m2m_fields))
    return entry


def entry_for(model: type[models.Model]) -> Entry | None:
    return REGISTRY.get(model._meta.label)


def entries() -> list[Entry]:
    return sorted(REGISTRY.values(), key=lambda e: e.label)


@dataclass
class ConsentPurpose:
    slug: str
    label: Any
    text: Any


CONSENT_PURPOSES: dict[str, ConsentPurpose] = {}


def register_consent_purpose(slug: str, label: Any, text: Any) -> ConsentPurpose:
    """A purpose for which the legal basis is consent; the user gives and withdraws it on
    the privacy page, and each decision is kept as a :class:`~.models.Consent` record."""
    purpose = ConsentPurpose(slug, label, text)
    CONSENT_PURPOSES[slug] = purpose
    return purpose
