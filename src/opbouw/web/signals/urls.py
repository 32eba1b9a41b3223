from django.urls import path

from opbouw.web.signals import documents, views

app_name = "signals"
urlpatterns = [
    path("", views.signal_list, name="signal_list"),
    path("new/", views.signal_new, name="signal_new"),
    path("overview/", views.signal_overview, name="overview"),
    path("overview.csv", views.signal_overview_csv, name="overview_csv"),
    path("map.json", views.signal_map, name="map"),
    path("<int:pk>/", views.signal_detail, name="signal_detail"),
    path("<int:pk>/edit/", views.signal_edit, name="signal_edit"),
    path("<int:pk>/status/", views.signal_status, name="signal_status"),
    path("<int:pk>/merge/", views.signal_merge, name="signal_merge"),
    path("<int:pk>/delete/", views.signal_delete, name="signal_delete"),
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("dossiers/new/", views.dossier_new, name="dossier_new"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/edit/", views.dossier_edit, name="dossier_edit"),
    path("dossiers/<int:pk>/share/", views.dossier_share, name="dossier_share"),
    path("dossiers/<int:pk>/delete/", views.dossier_delete, name="dossier_delete"),
    path("dossiers/<int:pk>/export.html", views.dossier_export, name="dossier_export"),
    path("dossiers/<int:pk>/requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("dossiers/<int:pk>/document.<str:fmt>", documents.dossier_document_view,
         name="dossier_document"),
]
