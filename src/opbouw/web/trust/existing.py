"""The models that existed before the trust app, entered in the audit and GDPR register
(the practice apps register theirs from their own ``apps.py``)."""

from __future__ import annotations

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
