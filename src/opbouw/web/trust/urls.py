from django.urls import path

from opbouw.web.trust import views

app_name = "trust"
urlpatterns = [
    path("audit/", views.audit, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("audit/export.xlsx", views.audit_export, {"fmt": "xlsx"}, name="audit_export_xlsx"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/consent/", views.consent, name="consent"),
    path("privacy/export.zip", views.export, name="export"),
    path("privacy/erase/", views.erase, name="erase"),
    path("account/two-step/", views.otp_setup, name="otp_setup"),
    path("account/two-step/remove/", views.otp_remove, name="otp_remove"),
    path("account/two-step/verify/", views.otp_verify, name="otp_verify"),
]
