from django.contrib import admin

from opbouw.web.areas.models import Dataset, ImportRecord, IndicatorDefinition


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "created_at")
    list_filter = ("organisation",)
    filter_horizontal = ("shared_with",)


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "organisation", "user", "status", "rows", "values")
    list_filter = ("status", "organisation")


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    list_display = ("key", "label_nl", "unit", "direction", "organisation")
    list_filter = ("organisation",)
