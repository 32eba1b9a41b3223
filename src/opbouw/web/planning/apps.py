from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "opbouw.web.planning"
    label = "planning"
    verbose_name = "Planning"

    def ready(self) -> None:
        from opbouw.web.planning.audit import register_planning

        register_planning()
