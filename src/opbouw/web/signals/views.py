"""Signals: record, triage, merge duplicates; policy dossiers: bundle, ask, follow up,
share read-only, export; overviews and a map."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.data.writers import defuse
from opbouw.web.accounts.access import can, get_visible, organisations, require, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.signals import overview
from opbouw.web.signals.forms import (
    DossierForm,
    MergeForm,
    OverviewFilter,
    RequestForm,
    SignalForm,
    TriageForm,
)
from opbouw.web.signals.models import Dossier, Request, Right, Signal
from opbouw.web.trust import log_read

RECORD = "analyse"  # administrators, coordinators and community workers record signals
MANAGE = "share"    # administrators and coordinators triage, merge and make dossiers


def _signals(user: Any) -> Any:
    return visible(Signal.objects.select_related("organisation"), user)


def _dossiers(user: Any) -> Any:
    return visible(Dossier.objects.select_related("organisation"), user)


@login_required
def signal_list(request: HttpRequest) -> HttpResponse:
    qs = _signals(request.user)
    status, right = request.GET.get("status", ""), request.GET.get("right", "")
    if status in Signal.Status.values:
        qs = qs.filter(status=status)
    if right in Right.values:
        qs = qs.filter(right=right)
    if not request.GET.get("merged"):
        qs = qs.filter(merged_into__isnull=True)
    return render(request, "signals/signal_list.html", {
        "signals": qs, "statuses": Signal.Status.choices, "rights": Right.choices,
        "status": status, "right": right,
        "can_record": organisations(request.user, RECORD).exists(),
        "can_manage": organisations(request.user, MANAGE).exists()})


def _privacy_context(form: Any) -> dict[str, Any]:
    return {"form": form, "findings": getattr(form, "privacy_findings", [])}


def _base_map(user: Any) -> str:
    """Municipal outlines of a dataset the user sees, as the background of the maps."""
    from django.urls import reverse

    from opbouw.web.areas.models import Dataset

    ds = visible(Dataset.objects, user).filter(areas__level="municipality").first()
    return reverse("dataset_geojson", args=[ds.pk]) + "?level=municipality" if ds else ""


@login_required
def signal_new(request: HttpRequest) -> HttpResponse:
    if not organisations(request.user, RECORD).exists():
        raise PermissionDenied
    form = SignalForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        signal = form.save(commit=False)
        signal.created_by = request.user
        signal.save()
        messages.success(request, _("Signal saved."))
        return redirect("signals:signal_detail", pk=signal.pk)
    return render(request, "signals/signal_form.html", {**_privacy_context(form),
                                                        "signal": None,
                                                        "base_map": _base_map(request.user)})


@login_required
def signal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_visible(Signal.objects, request.user, pk=pk)
    require(request.user, signal.organisation, RECORD)
    form = SignalForm(request.user, request.POST or None, instance=signal)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Signal saved."))
        return redirect("signals:signal_detail", pk=signal.pk)
    return render(request, "signals/signal_form.html", {**_privacy_context(form),
                                                        "signal": signal,
                                                        "base_map": _base_map(request.user)})


@login_required
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_visible(Signal.objects.select_related("organisation", "merged_into"),
                         request.user, pk=pk)
    log_read(request, signal)
    manage = can(request.user, signal.organisation, MANAGE)
    return render(request, "signals/signal_detail.html", {
        "signal": signal, "can_edit": can(request.user, signal.organisation, RECORD),
        "can_manage": manage,
        "triage": TriageForm(initial={"status": signal.status}) if manage else None,
        "merge": MergeForm(signal) if manage and signal.merged_into is None else None,
        "duplicates": signal.duplicates.all(),
        "dossiers": _dossiers(request.user).filter(signals=signal)})


@login_required
@require_POST
def signal_status(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_visible(Signal.objects, request.user, pk=pk)
    require(request.user, signal.organisation, MANAGE)
    form = TriageForm(request.POST)
    if form.is_valid():
        signal.status = form.cleaned_data["status"]
        signal.save(update_fields=["status", "updated_at"])
        messages.success(request, _("Status saved."))
    else:
        messages.error(request, _("Invalid value."))
    return redirect("signals:signal_detail", pk=pk)


@login_required
@require_POST
def signal_merge(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_visible(Signal.objects, request.user, pk=pk)
    require(request.user, signal.organisation, MANAGE)
    form = MergeForm(signal, request.POST)
    if form.is_valid():
        signal.merge(list(form.cleaned_data["duplicates"]))
        messages.success(request, _("Duplicates merged."))
    else:
        messages.error(request, _("Choose at least one duplicate."))
    return redirect("signals:signal_detail", pk=pk)


@login_required
@require_POST
def signal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_visible(Signal.objects, request.user, pk=pk)
    require(request.user, signal.organisation, "delete")
    signal.delete()
    messages.success(request, _("Signal deleted."))
    return redirect("signals:signal_list")


def _filtered(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    """The counted signals within the period and status asked for; bad input is ignored."""
    form = OverviewFilter(request.GET)
    form.is_valid()
    d = {k: v for k, v in form.cleaned_data.items() if v}
    qs = overview.counted(_signals(request.user))
    if d.get("start"):
        qs = qs.filter(noted_on__gte=d["start"])
    if d.get("end"):
        qs = qs.filter(noted_on__lte=d["end"])
    if d.get("status"):
        qs = qs.filter(status=d["status"])
    f = {"start": d["start"].isoformat() if d.get("start") else "",
         "end": d["end"].isoformat() if d.get("end") else "",
         "status": d.get("status", ""), "period": d.get("period") or "quarter"}
    return qs, f


@login_required
def signal_overview(request: HttpRequest) -> HttpResponse:
    qs, f = _filtered(request)
    signals = list(qs)
    tables = [(by, label, overview.counts(signals, by, f["period"]))
              for by, label in (("right", _("By fundamental right")), ("theme", _("By theme")),
                                ("area", _("By area")), ("period", _("By period")))]
    waiting = [d for d in _dossiers(request.user).filter(closed=False).prefetch_related(
        "requests") if any(r.answered_on is None for r in d.requests.all())]
    return render(request, "signals/overview.html", {
        "tables": tables, "total": len(signals),
        "reports": sum(s.reports for s in signals), "f": f,
        "statuses": Signal.Status.choices, "periods": overview.PERIODS,
        "waiting": waiting, "min_count": overview.min_count(),
        "base_map": _base_map(request.user)})


@login_required
def signal_overview_csv(request: HttpRequest) -> HttpResponse:
    """The overview's counts for use outside the organisation: small counts hidden."""
    qs, f = _filtered(request)
    signals = list(qs)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow([_("dimension"), _("key"), _("label"), _("signals"), _("reports"),
                _("people")])
    t = overview.min_count()
    for by in overview.DIMENSIONS:
        for r in overview.hidden(overview.counts(signals, by, f["period"]), t):
            # themes and areas are typed by users: defused, so no cell runs as a formula
            w.writerow([by, defuse(str(r["key"])), defuse(str(r["label"]))]
                       + [f"<{t}" if r[c] is None else r[c]
                          for c in ("signals", "reports", "people")])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="signalen-overzicht.csv"'
    return response


@login_required
def signal_map(request: HttpRequest) -> JsonResponse:
    """Blurred points with how many signals lie in each cell; no text of the signals."""
    qs, _f = _filtered(request)
    cells: dict[tuple[float, float], dict[str, Any]] = {}
    for s in qs.filter(latitude__isnull=False, longitude__isnull=False):
        cell = cells.setdefault((s.latitude, s.longitude), {"signals": 0, "areas": set(),
                                                            "rights": set()})
        cell["signals"] += 1
        cell["areas"].add(s.area)
        cell["rights"].add(s.get_right_display())
    return JsonResponse({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
         "properties": {"signals": c["signals"], "areas": sorted(c["areas"]),
                        "rights": sorted(c["rights"])}}
        for (lat, lon), c in cells.items()]})


# ---- dossiers -------------------------------------------------------------------------

@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    dossiers = _dossiers(request.user).prefetch_related("requests", "signals")
    return render(request, "signals/dossier_list.html", {
        "dossiers": dossiers, "can_manage": organisations(request.user, MANAGE).exists()})


@login_required
def dossier_new(request: HttpRequest) -> HttpResponse:
    if not organisations(request.user, MANAGE).exists():
        raise PermissionDenied
    initial = {"signals": [i for i in request.GET.getlist("signals") if i.isdigit()],
               "organisation": organisations(request.user, MANAGE).first()}
    form = DossierForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        dossier = form.save(commit=False)
        dossier.created_by = request.user
        dossier.save()
        form.save_m2m()
        dossier.signals.filter(status__in=[Signal.Status.NEW, Signal.Status.CHECKED]).update(
            status=Signal.Status.BUNDLED, updated_at=timezone.now())
        messages.success(request, _("Dossier saved."))
        return redirect("signals:dossier_detail", pk=dossier.pk)
    return render(request, "signals/dossier_form.html", {**_privacy_context(form),
                                                         "dossier": None})


@login_required
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_visible(Dossier.objects, request.user, pk=pk)
    require(request.user, dossier.organisation, MANAGE)
    form = DossierForm(request.user, request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        form.save()
        dossier.signals.filter(status__in=[Signal.Status.NEW, Signal.Status.CHECKED]).update(
            status=Signal.Status.BUNDLED, updated_at=timezone.now())
        messages.success(request, _("Dossier saved."))
        return redirect("signals:dossier_detail", pk=dossier.pk)
    return render(request, "signals/dossier_form.html", {**_privacy_context(form),
                                                         "dossier": dossier})


def _dossier_context(dossier: Dossier) -> dict[str, Any]:
    return {"dossier": dossier, "summary": dossier.summary(),
            "signals": dossier.signals.select_related("organisation"),
            "requests": dossier.requests.all(), "quotes": dossier.quote_list()}


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_visible(Dossier.objects.select_related("organisation"), request.user, pk=pk)
    log_read(request, dossier)
    manage = can(request.user, dossier.organisation, MANAGE)
    return render(request, "signals/dossier_detail.html", {
        **_dossier_context(dossier), "can_manage": manage,
        "request_form": RequestForm(initial={"addressee": dossier.addressee,
                                             "asked_on": timezone.localdate()})
        if manage else None,
        "organisations": Organisation.objects.exclude(pk=dossier.organisation_id),
        "shared": set(dossier.shared_with.values_list("pk", flat=True))})


@login_required
def dossier_share(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.web.accounts.views import share

    return share(request, get_visible(Dossier.objects, request.user, pk=pk),
                 "signals:dossier_detail")


@login_required
@require_POST
def dossier_delete(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_visible(Dossier.objects, request.user, pk=pk)
    require(request.user, dossier.organisation, "delete")
    dossier.delete()
    messages.success(request, _("Dossier deleted."))
    return redirect("signals:dossier_list")


@login_required
def dossier_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier as one self-contained HTML document (to print, mail or turn into PDF)."""
    dossier = get_visible(Dossier.objects.select_related("organisation"), request.user, pk=pk)
    log_read(request, dossier)
    html = render_to_string("signals/dossier_document.html",
                            {**_dossier_context(dossier), "today": timezone.localdate()},
                            request=request)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="dossier-{dossier.pk}.html"'
    return response


@login_required
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_visible(Dossier.objects, request.user, pk=pk)
    require(request.user, dossier.organisation, MANAGE)
    form = RequestForm(request.POST or None, initial={"addressee": dossier.addressee,
                                                      "asked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        req = form.save(commit=False)
        req.dossier = dossier
        req.save()
        messages.success(request, _("Request saved."))
        return redirect("signals:dossier_detail", pk=dossier.pk)
    return render(request, "signals/request_form.html", {**_privacy_context(form),
                                                         "dossier": dossier, "req": None})


@login_required
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    req = Request.objects.select_related("dossier").filter(pk=pk).first()
    dossier = get_visible(Dossier.objects, request.user, pk=req.dossier_id if req else -1)
    require(request.user, dossier.organisation, MANAGE)
    form = RequestForm(request.POST or None, instance=req)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Request saved."))
        return redirect("signals:dossier_detail", pk=dossier.pk)
    return render(request, "signals/request_form.html", {**_privacy_context(form),
                                                         "dossier": dossier, "req": req})
