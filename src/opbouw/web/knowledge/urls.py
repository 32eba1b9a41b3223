from django.urls import path

from opbouw.web.knowledge import views
from opbouw.web.knowledge.models import KINDS

AREA = "<int:ds>/<str:code>/"

urlpatterns = [
    path(AREA, views.area_knowledge, name="knowledge_area"),
    path(AREA + "map.json", views.area_map, name="knowledge_map"),
    path(AREA + "numbers.json", views.area_numbers, name="knowledge_numbers"),
    path(AREA + "export.<str:fmt>", views.area_export, name="knowledge_export"),
    path(AREA + "new/<str:kind>/", views.record_new, name="knowledge_new"),
    path(AREA + "questions/", views.questions, name="knowledge_questions"),
    path(AREA + "questions/<int:number>/", views.answer, name="knowledge_answer_question"),
    path(AREA + "statement/new/", views.statement_new, name="knowledge_statement_new"),
    path(AREA + "audit/new/", views.audit_new, name="knowledge_audit_new"),
    path(AREA + "public/", views.public_settings, name="knowledge_public_settings"),
    path(AREA + "indicator/<str:key>/", views.indicator_evidence, name="knowledge_indicator"),
    path("contribute/<str:token>/", views.public_contribution, name="knowledge_public"),
    path("contribute/<str:token>/thanks/", views.public_thanks, name="knowledge_public_thanks"),
    path("place/<int:pk>/review/", views.place_review, name="knowledge_place_review"),
]
for kind in KINDS:
    urlpatterns += [
        path(f"{kind}/<int:pk>/", views.record_detail, {"kind": kind}, name=f"knowledge_{kind}"),
        path(f"{kind}/<int:pk>/edit/", views.record_edit, {"kind": kind},
             name=f"knowledge_{kind}_edit"),
        path(f"{kind}/<int:pk>/share/", views.record_share, {"kind": kind},
             name=f"knowledge_{kind}_share"),
        path(f"{kind}/<int:pk>/delete/", views.record_delete, {"kind": kind},
             name=f"knowledge_{kind}_delete"),
    ]
