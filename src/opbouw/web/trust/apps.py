from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    name = "opbouw.web.trust"
    label = "trust"
    verbose_name = _("Trust: audit and privacy")

    def ready(self) -> None:
        from opbouw.web.trust import checks  # noqa: F401  (registers the system checks)
        from opbouw.web.trust.existing import register_consents, register_existing

        # the practice apps (knowledge, planning, signals, inclusion) register their own
        # models in their AppConfig.ready(); this app registers the accounts and data ones
        register_existing()
        register_consents()
