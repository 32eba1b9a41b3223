from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "opbouw.web.knowledge"
    label = "knowledge"
    verbose_name = _("Terrain knowledge")

    def ready(self) -> None:
        from opbouw.web.trust import register

        purpose = _("terrain knowledge, meanings and problem statements of the team")
        author = {"created_by": _("who recorded it")}
        shared = ["shared_with"]
        for name, extra in (("Note", ["other_areas"]), ("Asset", []), ("Place", []),
                            ("ProblemStatement", []), ("AccessAudit", [])):
            register(self.get_model(name), personal_fields=author, purpose=purpose,
                     legal_basis="public_task", m2m_fields=shared + extra)
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
