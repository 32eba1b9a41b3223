from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "opbouw.web.knowledge"
    label = "knowledge"
    verbose_name = _("Terrain knowledge")

    def ready(self) -> None:
        from opbouw.web.trust import register
        from opbouw.web.trust.sensitivity import Sensitivity

        purpose = _("terrain knowledge, meanings and problem statements of the team")
        author = {"created_by": _("who recorded it")}
        shared = ["shared_with"]
        # notes may say things about people: personal; a place from the public form was
        # given by a resident, so that one is personal too (its reads are logged)
        for name, extra, level in (("Note", ["other_areas"], Sensitivity.PERSONAL),
                                   ("Asset", [], Sensitivity.INTERNAL),
                                   ("Place", [], Sensitivity.INTERNAL),
                                   ("ProblemStatement", [], Sensitivity.INTERNAL),
                                   ("AccessAudit", [], Sensitivity.INTERNAL)):
            register(self.get_model(name), sensitive=level, personal_fields=author,
                     purpose=purpose, legal_basis="public_task", m2m_fields=shared + extra,
                     record_level=_public_place if name == "Place" else None)
        register(self.get_model("Answer"),
                 personal_fields={**author, "answered_by": _("who answered")},
                 purpose=purpose, legal_basis="public_task", m2m_fields=shared)
        register(self.get_model("StatementVersion"), personal_fields=author, purpose=purpose,
                 legal_basis="public_task")
        for name in ("StatementItem", "WorkGoal"):
            register(self.get_model(name), purpose=purpose, legal_basis="public_task",
                     organisation=_statement_organisation)
        register(self.get_model("ServiceScore"), purpose=purpose, legal_basis="public_task")
        register(self.get_model("Question"), legal_basis="public_task",
                 purpose=_("the organisation's exploratory questions"))
        register(self.get_model("PublicForm"), purpose=_("public contribution forms"),
                 legal_basis="public_task", exclude_fields=["token"])


def _statement_organisation(obj: Any) -> int | None:
    """A statement's item or goal belongs to the organisation of its statement."""
    try:
        return obj.version.statement.organisation_id
    except Exception:  # the version may already be gone (deletes)
        return None


def _public_place(place: Any) -> int:
    """A place from the public form was given by a resident: personal data."""
    from opbouw.web.trust.sensitivity import Sensitivity

    return Sensitivity.PERSONAL if getattr(place, "via", "") == "public" else \
        Sensitivity.INTERNAL
