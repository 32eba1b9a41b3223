from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "opbouw.web.signals"
    label = "signals"
    verbose_name = _("Signals and policy dossiers")

    def ready(self) -> None:
        from opbouw.web.trust import register
        from opbouw.web.trust.sensitivity import Sensitivity

        purpose = _("signals and policy dossiers of the organisation")
        author = {"created_by": _("who recorded it")}
        # signals and dossiers speak of vulnerable people: personal, reads are logged
        register(self.get_model("Signal"), sensitive=Sensitivity.PERSONAL,
                 personal_fields=author, purpose=purpose, legal_basis="public_task",
                 m2m_fields=["shared_with"])
        register(self.get_model("Dossier"), sensitive=Sensitivity.PERSONAL,
                 personal_fields={**author, "quotes": _("voices of the people concerned")},
                 purpose=purpose, legal_basis="public_task",
                 m2m_fields=["shared_with", "signals"])
        register(self.get_model("Request"), purpose=purpose, legal_basis="public_task")
