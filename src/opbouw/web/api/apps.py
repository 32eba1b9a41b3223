from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opbouw.web.api"
    label = "api"
    verbose_name = "API"
