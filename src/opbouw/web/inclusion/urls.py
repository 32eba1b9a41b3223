from django.urls import path

from opbouw.web.inclusion import views

app_name = "inclusion"
urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("new/", views.assessment_new, name="assessment_new"),
    path("<int:pk>/", views.assessment_result, name="assessment_result"),
    path("<int:pk>/fill/", views.assessment_fill, name="assessment_fill"),
    path("<int:pk>/share/", views.assessment_share, name="assessment_share"),
    path("<int:pk>/delete/", views.assessment_delete, name="assessment_delete"),
]
