"""The models that existed before the trust app, entered in the audit and GDPR register
(the practice apps register theirs from their own ``apps.py``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from opbouw.web.trust.registry import register
from opbouw.web.trust.sensitivity import Sensitivity

#: how long an account may stay unused before it is anonymised (days)
INACTIVE_ACCOUNT_DAYS = 2 * 365
#: how long the network address and e-mail address in audit entries are kept (days)
AUDIT_IDENTIFIERS_DAYS = 365


def register_existing() -> None:
    from opbouw.web.accounts.models import ApiToken, Membership, Organisation
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import Dataset, ImportRecord
    from opbouw.web.trust.models import AuditEntry, Consent

    account = _("user accounts: logging in and knowing who did what")
    register(get_user_model(), sensitive=Sensitivity.PERSONAL,
             personal_fields={"username": _("login name"), "first_name": _("first name"),
                              "last_name": _("last name"), "email": _("e-mail address"),
                              "last_login": _("last login")},
             purpose=account, legal_basis="contract", retention_days=INACTIVE_ACCOUNT_DAYS,
             retention_field="last_login", organisation=lambda obj: None,
             exclude_fields=["password", "last_login"])
    register(Organisation, purpose=_("organisations using opbouw"), legal_basis="contract")
    register(Membership, personal_fields={"user": _("member"), "role": _("role")},
             purpose=account, legal_basis="contract")
    register(ApiToken, personal_fields={"user": _("owner"), "last_used_at": _("last use")},
             purpose=_("access to the API"), legal_basis="contract",
             exclude_fields=["digest", "last_used_at"])
    register(Dataset, personal_fields={"created_by": _("author")},
             purpose=_("area data of the organisation"), legal_basis="public_task",
             m2m_fields=["shared_with"])
    register(ImportRecord, personal_fields={"user": _("who imported")},
             purpose=_("import history: who imported what"), legal_basis="public_task")
    register(Analysis, personal_fields={"created_by": _("author")},
             purpose=_("area analyses of the organisation"), legal_basis="public_task",
             m2m_fields=["shared_with"])
    register(Consent, sensitive=Sensitivity.PERSONAL,
             personal_fields={"user": _("who consented"), "given_at": _("when")},
             purpose=_("proof of consent"), legal_basis="legal_obligation",
             organisation=lambda obj: None)
    # the log itself holds personal data; it is not audited again (that would recurse)
    from opbouw.web.trust.registry import REGISTRY, Entry

    REGISTRY[AuditEntry._meta.label] = Entry(
        model=AuditEntry, sensitive=Sensitivity.PERSONAL,
        personal_fields={"actor": _("who"), "remote_addr": _("network address"),
                         "actor_email": _("e-mail address")},
        purpose=_("audit: who created, changed, deleted or read what"),
        legal_basis="legal_obligation", retention_days=AUDIT_IDENTIFIERS_DAYS,
        retention_field="timestamp", user_fields=("actor",))


def register_consents() -> None:
    from opbouw.web.trust.registry import register_consent_purpose

    register_consent_purpose(
        "user_research", _("contact for user research"),
        _("opbouw may contact me by e-mail to ask about my experience with the software. "
          "I can withdraw this at any time on this page."))


def _plan_of(path: str) -> Any:
    """The organisation of the plan reached through ``path`` (dotted attributes)."""
    def organisation(obj: Any) -> int | None:
        target = obj
        try:
            for name in path.split("."):
                target = getattr(target, name)
        except Exception:  # the parent may already be gone (cascading deletes)
            return None
        return getattr(target, "organisation_id", None)
    return organisation


def register_practice() -> None:
    """The practice data of the knowledge, signals, inclusion and planning apps: every
    create, change and delete is audited; notes, signals, dossiers and public contributions
    hold personal data, so reading one of them is logged too (``log_read``)."""
    from django.apps import apps

    def model(label: str) -> Any:
        return apps.get_model(label) if apps.is_installed(
            "opbouw.web." + label.split(".")[0]) else None

    author = {"created_by": _("author")}
    knowledge = _("terrain knowledge of the team")
    public = Sensitivity.PERSONAL
    for label, level in (("knowledge.Note", Sensitivity.PERSONAL),
                         ("knowledge.Asset", Sensitivity.INTERNAL),
                         ("knowledge.Place", Sensitivity.INTERNAL),
                         ("knowledge.ProblemStatement", Sensitivity.INTERNAL),
                         ("knowledge.AccessAudit", Sensitivity.INTERNAL)):
        m = model(label)
        if m is not None:
            register(m, sensitive=level, personal_fields=author, purpose=knowledge,
                     legal_basis="public_task", m2m_fields=_m2m(m),
                     record_level=_public_place if label == "knowledge.Place" else None)
    if (m := model("knowledge.Answer")) is not None:
        register(m, personal_fields={"created_by": _("author"), "answered_by": _("who answered")},
                 purpose=knowledge, legal_basis="public_task", m2m_fields=_m2m(m))
    signals = _("signals of rights not realised and the policy dossiers built on them")
    if (m := model("signals.Signal")) is not None:
        register(m, sensitive=public, personal_fields=author, purpose=signals,
                 legal_basis="public_task", m2m_fields=_m2m(m))
    if (m := model("signals.Dossier")) is not None:
        register(m, sensitive=public,
                 personal_fields={"created_by": _("author"),
                                  "quotes": _("voices of the people concerned")},
                 purpose=signals, legal_basis="public_task", m2m_fields=_m2m(m))
    if (m := model("signals.Request")) is not None:
        register(m, purpose=signals, legal_basis="public_task")
    inclusion = _("self-assessments of social inclusion")
    if (m := model("inclusion.Assessment")) is not None:
        register(m, personal_fields=author, purpose=inclusion, legal_basis="public_task",
                 m2m_fields=_m2m(m))
    if (m := model("inclusion.Response")) is not None:
        register(m, personal_fields={"user": _("who answered")}, purpose=inclusion,
                 legal_basis="public_task")
    if (m := model("inclusion.Answer")) is not None:
        register(m, purpose=inclusion, legal_basis="public_task",
                 organisation=_plan_of("response.assessment"))
    planning = _("the multi-year plan and its yearly progress")
    for label, path in (("planning.Plan", ""), ("planning.StrategicGoal", "plan"),
                        ("planning.OperationalGoal", "goal.plan"),
                        ("planning.StrategicAction", "plan"), ("planning.Project", "plan"),
                        ("planning.Objective", "year_plan.plan"),
                        ("planning.Measure", "project.plan"),
                        ("planning.MeasureValue", "measure.project.plan"),
                        ("planning.TimelineEntry", "objective.year_plan.plan")):
        m = model(label)
        if m is None:
            continue
        fields = {f.name: _("author") for f in m._meta.concrete_fields
                  if f.name == "created_by"}
        if label == "planning.Project":
            fields["workers"] = _("community workers")
        register(m, personal_fields=fields, purpose=planning, legal_basis="public_task",
                 organisation=_plan_of(path) if path else None, m2m_fields=_m2m(m))


def _public_place(place: Any) -> int:
    """A place from the public form was given by a resident: personal data."""
    return Sensitivity.PERSONAL if getattr(place, "via", "") == "public" else \
        Sensitivity.INTERNAL


def _m2m(model: Any) -> list[str]:
    """The many-to-many fields whose additions and removals are audited."""
    return [f.name for f in model._meta.many_to_many if f.name in ("shared_with", "workers")]
