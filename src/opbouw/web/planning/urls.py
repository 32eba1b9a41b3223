from django.urls import path

from opbouw.web.planning import documents
from opbouw.web.planning import views as v

urlpatterns = [
    path("", v.plan_list, name="plan_list"),
    path("new/", v.plan_new, name="plan_new"),
    path("example/", v.plan_example, name="plan_example"),
    path("<int:pk>/", v.plan_detail, name="plan_detail"),
    path("<int:pk>/matrix/", v.plan_matrix, name="plan_matrix"),
    path("<int:pk>/goals/new/<str:level>/", v.goal_new, name="goal_new"),
    path("<int:pk>/actions/new/", v.action_new, name="action_new"),
    path("<int:pk>/actions/<int:action>/", v.action_detail, name="action_detail"),
    path("<int:pk>/projects/new/", v.project_new, name="project_new"),
    path("<int:pk>/projects/<int:project>/", v.project_detail, name="project_detail"),
    path("<int:pk>/projects/<int:project>/edit/", v.project_edit, name="project_edit"),
    path("<int:pk>/projects/<int:project>/objectives/", v.objective_new, name="objective_new"),
    path("<int:pk>/projects/<int:project>/measures/", v.measure_new, name="measure_new"),
    path("<int:pk>/objectives/<int:objective>/progress/", v.objective_progress,
         name="objective_progress"),
    path("<int:pk>/measures/<int:measure>/values/", v.measure_value, name="measure_value"),
    path("<int:pk>/years/<int:year>/", v.year_detail, name="year_detail"),
    path("<int:pk>/indicators/", v.indicators, name="plan_indicators"),
    path("<int:pk>/coverage/", v.coverage_view, name="plan_coverage"),
    path("<int:pk>/export.xlsx", v.plan_export, name="plan_export"),
    path("<int:pk>/report/", v.plan_report, name="plan_report"),
    path("<int:pk>/share/", v.plan_share, name="plan_share"),
    path("<int:pk>/delete/", v.plan_delete, name="plan_delete"),
    path("<int:pk>/document.<str:fmt>", documents.plan_document_view, name="plan_document"),
]
