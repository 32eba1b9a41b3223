"""Home page and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.web.accounts.access import visible
from opbouw.web.accounts.models import ApiToken
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas.models import Dataset


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {
        "datasets": visible(Dataset.objects.select_related("organisation"), request.user)[:10],
        "analyses": visible(Analysis.objects.select_related("organisation"), request.user)[:10]})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/tokens.html", {
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_token": request.session.pop("new_token", None)})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "").strip() or "token"
    _token, raw = ApiToken.issue(request.user, name[:100])
    request.session["new_token"] = raw
    messages.success(request, _("Copy the token now: it is shown only once."))
    return redirect("tokens")


@login_required
@require_POST
def token_delete(request: HttpRequest, pk: int) -> HttpResponse:
    ApiToken.objects.filter(user=request.user, pk=pk).delete()
    return redirect("tokens")


def share(request: HttpRequest, obj: object, back: str) -> HttpResponse:
    """Set which other organisations see ``obj`` (a dataset or an analysis)."""
    from django.http import HttpResponseNotAllowed

    from opbouw.web.accounts.access import require
    from opbouw.web.accounts.models import Organisation

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    owner = obj.organisation
    require(request.user, owner, "share")
    ids = [int(i) for i in request.POST.getlist("organisations") if i.isdigit()]
    obj.shared_with.set(Organisation.objects.filter(pk__in=ids).exclude(pk=owner.pk))
    messages.success(request, _("Sharing saved."))
    return redirect(back, pk=obj.pk)
