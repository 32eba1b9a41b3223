from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    name = "opbouw.web.inclusion"
    label = "inclusion"
    verbose_name = _("Map of social inclusion")

    def ready(self) -> None:
        from opbouw.web.trust import register

        purpose = _("self-assessment of the organisation on the map of social inclusion")
        register(self.get_model("Assessment"),
                 personal_fields={"created_by": _("who started the round")},
                 purpose=purpose, legal_basis="legitimate_interest",
                 m2m_fields=["shared_with"])
        register(self.get_model("Response"), personal_fields={"user": _("who answered")},
                 purpose=purpose, legal_basis="legitimate_interest")
        register(self.get_model("Answer"), purpose=purpose, legal_basis="legitimate_interest",
                 organisation=_answer_organisation)


def _answer_organisation(obj: Any) -> int | None:
    """An answer belongs to the organisation of its round."""
    try:
        return obj.response.assessment.organisation_id
    except Exception:  # the response may already be gone (deletes)
        return None


# the navigation link in base.html; its translation lives in this app's catalogue
NAV_LABEL = _("Inclusion map")
