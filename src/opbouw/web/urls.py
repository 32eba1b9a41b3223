from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from opbouw.web.accounts import views as accounts
from opbouw.web.analyses import documents as analysis_documents
from opbouw.web.analyses import views as analyses
from opbouw.web.api.views import api
from opbouw.web.areas import documents as area_documents
from opbouw.web.areas import views as areas
from opbouw.web.jobs import views as jobs

urlpatterns = [
    path("", accounts.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("tokens/", accounts.tokens, name="tokens"),
    path("tokens/new/", accounts.token_create, name="token_create"),
    path("tokens/<int:pk>/delete/", accounts.token_delete, name="token_delete"),
    path("datasets/", areas.dataset_list, name="dataset_list"),
    path("datasets/<int:pk>/", areas.dataset_detail, name="dataset_detail"),
    path("datasets/<int:pk>/share/", areas.dataset_share, name="dataset_share"),
    path("datasets/<int:pk>/delete/", areas.dataset_delete, name="dataset_delete"),
    path("indicators/", areas.indicator_list, name="indicator_list"),
    path("indicators/new/", areas.indicator_edit, name="indicator_new"),
    path("indicators/<int:pk>/", areas.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/delete/", areas.indicator_delete, name="indicator_delete"),
    path("organisations/<int:pk>/members/", accounts.members, name="members"),
    path("datasets/<int:pk>/geo.json", areas.dataset_geojson, name="dataset_geojson"),
    path("datasets/<int:pk>/indicators.json", areas.dataset_indicators, name="dataset_indicators"),
    path("datasets/<int:pk>/areas/<str:code>/", areas.area_detail, name="area_detail"),
    path("imports/", areas.import_history, name="import_history"),
    path("imports/new/", areas.import_new, name="import_new"),
    path("imports/<str:token>/", areas.import_preview, name="import_preview"),
    path("imports/<str:token>/confirm/", areas.import_confirm, name="import_confirm"),
    path("imports/<str:token>/layer/", areas.import_options, name="import_options"),
    path("analyses/", analyses.analysis_list, name="analysis_list"),
    path("analyses/new/", analyses.analysis_new, name="analysis_new"),
    path("analyses/<int:pk>/", analyses.analysis_detail, name="analysis_detail"),
    path("analyses/<int:pk>/results.json", analyses.analysis_results, name="analysis_results"),
    path("analyses/<int:pk>/save/", analyses.analysis_save, name="analysis_save"),
    path("analyses/<int:pk>/share/", analyses.analysis_share, name="analysis_share"),
    path("analyses/<int:pk>/delete/", analyses.analysis_delete, name="analysis_delete"),
    path("analyses/<int:pk>/export.<str:fmt>", analyses.analysis_export, name="analysis_export"),
    path("analyses/<int:pk>/annex.pdf", analysis_documents.analysis_annex_pdf,
         name="analysis_annex"),
    path("datasets/<int:pk>/areas/<str:code>/profile.pdf", area_documents.area_profile_pdf,
         name="area_profile_pdf"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/status.json", jobs.job_status, name="job_status"),
    path("knowledge/", include("opbouw.web.knowledge.urls")),
    path("plans/", include("opbouw.web.planning.urls")),
    path("signals/", include("opbouw.web.signals.urls")),
    path("inclusion/", include("opbouw.web.inclusion.urls")),
    path("api/", api.urls),
    path("", include("opbouw.web.trust.urls")),
    path("analyses/<int:pk>/annex/", analysis_documents.analysis_annex_start,
         name="analysis_annex_start"),
    path("studies/", include("opbouw.web.studies.urls")),
    path("favicon.ico", RedirectView.as_view(url=static("opbouw/favicon.svg"), permanent=True)),
]
