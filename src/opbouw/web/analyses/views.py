"""Saved analyses: create, results table and map, what-if updates, export."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.analysis.methods import METHODS
from opbouw.data.writers import write_csv, write_xlsx
from opbouw.web.accounts.access import can, get_visible, organisations, require, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.analyses import engine
from opbouw.web.analyses.forms import AnalysisForm
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import analysable, label
from opbouw.web.areas.models import Dataset

TABLE_ROWS = 2000


def _lang() -> str:
    return (get_language() or "nl")[:2]


@login_required
def analysis_list(request: HttpRequest) -> HttpResponse:
    analyses = visible(Analysis.objects.select_related("organisation", "dataset"), request.user)
    return render(request, "analyses/analysis_list.html", {"analyses": analyses})


@login_required
def analysis_new(request: HttpRequest) -> HttpResponse:
    if not organisations(request.user, "analyse").exists():
        raise PermissionDenied
    datasets = visible(Dataset.objects, request.user)
    chosen = request.POST.get("dataset") or request.GET.get("dataset")
    dataset = datasets.filter(pk=chosen).first() if chosen and str(chosen).isdigit() \
        else datasets.first()
    keys = analysable(store.indicators_in(dataset)) if dataset else []
    form = AnalysisForm(request.user, _lang(), [(k, label(k)) for k in keys],
                        request.POST or None,
                        initial={"dataset": dataset, "indicators": keys,
                                 "level": store.levels_in(dataset)[0] if dataset else "",
                                 "organisation": organisations(request.user, "analyse").first()})
    if request.method == "POST" and form.is_valid():
        org, ds = form.cleaned_data["organisation"], form.cleaned_data["dataset"]
        if ds.organisation != org and not ds.shared_with.filter(pk=org.pk).exists():
            form.add_error("dataset", _("This dataset is not available to that organisation."))
        else:
            analysis = Analysis.objects.create(
                organisation=org, dataset=ds, name=form.cleaned_data["name"],
                method=form.cleaned_data["method"], config=form.config(),
                created_by=request.user)
            analysis.shared_with.set(form.cleaned_data["shared_with"])
            return redirect("analysis_detail", pk=analysis.pk)
    return render(request, "analyses/analysis_new.html", {
        "form": form, "datasets": datasets, "dataset": dataset,
        "levels": store.levels_in(dataset) if dataset else []})


def _result(analysis: Analysis, overrides: dict[str, Any]) -> tuple[dict[str, Any], dict]:
    cfg = engine.merge(analysis.config, overrides)
    method = cfg.pop("method", None) or analysis.method
    return engine.compute(analysis.dataset, method, cfg), {**cfg, "method": method}


@login_required
def analysis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = get_visible(Analysis.objects.select_related("dataset", "organisation"),
                           request.user, pk=pk)
    error = None
    try:
        result, cfg = _result(analysis, {})
    except ValueError as exc:
        result, cfg, error = None, analysis.config, str(exc)
    rows = []
    if result is not None:
        table = result["table"].sort_values(["rank", "score"], ascending=[True, False],
                                            na_position="last").head(TABLE_ROWS)
        rows = [(c, r) for c, r in zip(table.index, table.itertuples(index=False), strict=True)]
    method = METHODS[analysis.method]
    keys = result["keys"] if result else []
    return render(request, "analyses/analysis_detail.html", {
        "analysis": analysis, "result": result, "rows": rows, "error": error,
        "cfg": cfg, "method_label": method.label_en if _lang() == "en" else method.label_nl,
        "weights": [(k, label(k), cfg.get("weights", {}).get(k, 1.0)) for k in keys],
        "can_edit": can(request.user, analysis.organisation, "analyse"),
        "can_share": can(request.user, analysis.organisation, "share"),
        "organisations": Organisation.objects.exclude(pk=analysis.organisation_id),
        "shared": set(analysis.shared_with.values_list("pk", flat=True)),
        "payload": engine.payload(result) if result else None,
        "truncated": result is not None and len(result["table"]) > TABLE_ROWS})


@login_required
def analysis_results(request: HttpRequest, pk: int) -> JsonResponse:
    """What-if: the saved configuration with the query's overrides; nothing is saved."""
    analysis = get_visible(Analysis.objects.select_related("dataset"), request.user, pk=pk)
    try:
        result, _cfg = _result(analysis, request.GET.dict())
    except ValueError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse(engine.payload(result))


@login_required
@require_POST
def analysis_save(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = get_visible(Analysis.objects, request.user, pk=pk)
    require(request.user, analysis.organisation, "analyse")
    try:
        cfg = engine.merge(analysis.config, request.POST.dict())
    except ValueError:
        messages.error(request, _("Invalid value."))
        return redirect("analysis_detail", pk=pk)
    analysis.method = cfg.pop("method", analysis.method)
    analysis.config = cfg
    analysis.save()
    messages.success(request, _("Analysis saved."))
    return redirect("analysis_detail", pk=pk)


@login_required
def analysis_share(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.web.accounts.views import share

    return share(request, get_visible(Analysis.objects, request.user, pk=pk), "analysis_detail")


@login_required
@require_POST
def analysis_delete(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = get_visible(Analysis.objects, request.user, pk=pk)
    require(request.user, analysis.organisation, "delete")
    analysis.delete()
    return redirect("analysis_list")


@login_required
def analysis_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    analysis = get_visible(Analysis.objects.select_related("dataset"), request.user, pk=pk)
    params = request.GET.dict()
    try:
        result, _cfg = _result(analysis, params)
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain")
    table = result["table"].join(result["values"].add_prefix("value_"))
    table.index.name = "code"
    table = table.sort_values("rank", na_position="last").reset_index()
    writer: Callable[[Any, Path], Path]
    if fmt == "xlsx":
        writer = write_xlsx
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        writer, ctype, fmt = write_csv, "text/csv; charset=utf-8", "csv"
    with tempfile.TemporaryDirectory() as tmp:
        data = writer(table, Path(tmp) / f"out.{fmt}").read_bytes()
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="analysis-{analysis.pk}.{fmt}"'
    return response
