from django.contrib import admin

from opbouw.web.areas.models import Dataset, ImportRecord


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "created_at")
    list_filter = ("organisation",)
    filter_horizontal = ("shared_with",)


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "organisation", "user", "status", "rows", "values")
    list_filter = ("status", "organisation")
