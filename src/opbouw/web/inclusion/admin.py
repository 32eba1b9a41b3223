from django.contrib import admin

from opbouw.web.inclusion.models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "held_on", "closed"]
    list_filter = ["organisation", "closed"]
