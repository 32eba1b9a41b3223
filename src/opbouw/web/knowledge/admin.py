from django.contrib import admin

from opbouw.web.knowledge.models import (
    AccessAudit,
    Answer,
    Asset,
    Note,
    Place,
    ProblemStatement,
    PublicForm,
    Question,
)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("number", "organisation", "text_nl", "active")
    list_filter = ("organisation", "active")


for model in (Note, Asset, Place, Answer, ProblemStatement, AccessAudit):
    admin.site.register(model, list_display=("__str__", "organisation", "area", "updated_at"),
                        list_filter=("organisation",), raw_id_fields=("area",))


@admin.register(PublicForm)
class PublicFormAdmin(admin.ModelAdmin):
    list_display = ("area", "organisation", "enabled", "precision_m")
    raw_id_fields = ("area",)
