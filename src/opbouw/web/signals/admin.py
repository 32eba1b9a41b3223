from django.contrib import admin

from opbouw.web.signals.models import Dossier, Request, Signal


@admin.register(Signal)
class SignalAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "right", "area", "status", "reports", "noted_on"]
    list_filter = ["organisation", "status", "right"]
    search_fields = ["title", "area", "theme"]


class RequestInline(admin.TabularInline):
    model = Request
    extra = 0


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "level", "addressee", "closed"]
    list_filter = ["organisation", "level", "closed"]
    filter_horizontal = ["signals", "shared_with"]
    inlines = [RequestInline]
