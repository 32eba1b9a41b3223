from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "opbouw.web.planning"
    label = "planning"
    verbose_name = "Planning"
