from django.contrib import admin

from opbouw.web.analyses.models import Analysis


@admin.register(Analysis)
class AnalysisAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "dataset", "method", "updated_at")
    list_filter = ("organisation", "method")
