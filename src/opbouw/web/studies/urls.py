from django.urls import path

from opbouw.web.studies import views

urlpatterns = [
    path("datasets/<int:pk>/", views.study_index, name="study_index"),
    path("datasets/<int:pk>/<str:kind>/", views.study_new, name="study_new"),
    path("<int:pk>/", views.study_detail, name="study_detail"),
    path("<int:pk>/export.<str:fmt>", views.study_export, name="study_export"),
]
