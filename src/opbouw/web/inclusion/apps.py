from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    name = "opbouw.web.inclusion"
    label = "inclusion"
    verbose_name = _("Map of social inclusion")


# the navigation link in base.html; its translation lives in this app's catalogue
NAV_LABEL = _("Inclusion map")
