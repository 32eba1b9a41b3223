"""Saved analyses: create, results table and map, what-if updates, export.

Every setting that reaches the engine, from the creation form, a what-if query or a
save, passes the same :class:`AnalysisForm`; a what-if or an export may only change
what the what-if bar shows (p, k, N, weights), so a shared analysis never reveals more
than it shows.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.data.writers import write_csv_blocks, write_xlsx_sheets
from opbouw.errors import error_message
from opbouw.i18n import column_decimals
from opbouw.web.accounts.access import can, get_visible, organisations, require, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.analyses import engine
from opbouw.web.analyses.forms import (
    AGGREGATE_LABELS,
    METHOD_HELP,
    NORMALISE_LABELS,
    AnalysisForm,
    method_label,
    settings_data,
)
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import analysable, catalogue_for, direction, label, unit
from opbouw.web.areas.models import Dataset
from opbouw.web.areas.templatetags.opbouw_tags import level_label, rank_text
from opbouw.wording import year_notes

TABLE_ROWS = engine.TABLE_ROWS
SCORE_DECIMALS = 3
"""The most decimals a score of the results table shows (results.js: SCORE_CAP)."""
WHATIF = frozenset({"p", "k", "n"})
"""What a what-if query or an export may change (plus ``w_<indicator>`` weights)."""


def _lang() -> str:
    return (get_language() or "nl")[:2]


def _choices(dataset: Dataset | None) -> list[tuple[str, str]]:
    if dataset is None:
        return []
    cat = catalogue_for(dataset.organisation_id)
    return [(k, label(k, cat)) for k in analysable(store.indicators_in(dataset), cat)]


@login_required
def analysis_list(request: HttpRequest) -> HttpResponse:
    analyses = visible(Analysis.objects.select_related("organisation", "dataset"), request.user)
    return render(request, "analyses/analysis_list.html", {
        "analyses": [(a, method_label(a.method, _lang())) for a in analyses]})


@login_required
def analysis_new(request: HttpRequest) -> HttpResponse:
    if not organisations(request.user, "analyse").exists():
        raise PermissionDenied
    datasets = visible(Dataset.objects, request.user)
    chosen = request.POST.get("dataset") or request.GET.get("dataset")
    dataset = datasets.filter(pk=chosen).first() if chosen and str(chosen).isdigit() \
        else datasets.first()
    choices = _choices(dataset)
    levels = store.levels_in(dataset) if dataset else []
    form = AnalysisForm(request.user, _lang(), choices, request.POST or None, dataset=dataset,
                        initial={"dataset": dataset, "indicators": [k for k, _l in choices],
                                 "level": levels[0] if levels else "",
                                 "organisation": organisations(request.user, "analyse").first()})
    if request.method == "POST" and form.is_valid():
        org, ds = form.cleaned_data["organisation"], form.cleaned_data["dataset"]
        if ds.organisation != org and not ds.shared_with.filter(pk=org.pk).exists():
            form.add_error("dataset", _("This dataset is not available to that organisation."))
        elif not choices or not levels:
            form.add_error("dataset", _("This dataset has no areas with indicator values yet."))
        else:
            analysis = Analysis.objects.create(
                organisation=org, dataset=ds, name=form.cleaned_data["name"],
                method=form.cleaned_data["method"], config=form.config(),
                created_by=request.user)
            analysis.shared_with.set(form.cleaned_data["shared_with"].exclude(pk=org.pk))
            return redirect("analysis_detail", pk=analysis.pk)
    return render(request, "analyses/analysis_new.html", {
        "form": form, "datasets": datasets, "dataset": dataset, "levels": levels,
        "method_help": [(method_label(k, _lang()), str(v)) for k, v in METHOD_HELP.items()],
        "empty": dataset is not None and not (choices and levels)})


def _settings(request: HttpRequest, analysis: Analysis, data: Any,
              allowed: Any) -> tuple[dict[str, Any] | None, AnalysisForm]:
    """The analysis's settings with ``data`` applied, checked by the form."""
    form = AnalysisForm(request.user, _lang(), _choices(analysis.dataset),
                        settings_data(analysis, data, allowed), dataset=analysis.dataset,
                        settings_only=True)
    if not form.is_valid():
        return None, form
    return {**form.config(), "method": form.cleaned_data["method"]}, form


def _result(request: HttpRequest, analysis: Analysis,
            data: Any = None) -> tuple[dict[str, Any] | None, dict[str, Any], str | None]:
    """(result, settings, error): the error is a Dutch sentence, never an exception."""
    cfg, form = _settings(request, analysis, data or {}, WHATIF)
    if cfg is None:
        return None, dict(analysis.config), form.errors_text()
    try:
        return engine.compute(analysis.dataset, cfg["method"], cfg), cfg, None
    except ValueError as exc:
        return None, cfg, _("This analysis cannot be computed: %(why)s") % {
            "why": error_message(exc, get_language())}


@login_required
def analysis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = get_visible(Analysis.objects.select_related("dataset", "organisation"),
                           request.user, pk=pk)
    result, cfg, error = _result(request, analysis)
    rows = []
    if result is not None:
        table = result["table"].sort_values(["rank", "score"], ascending=[True, False],
                                            na_position="last").head(TABLE_ROWS)
        rows = [(c, r) for c, r in zip(table.index, table.itertuples(index=False), strict=True)]
    # one number of decimals for the whole score column (results.js keeps it: SCORE_CAP)
    score_decimals = column_decimals([r.score for _c, r in rows], SCORE_DECIMALS)
    keys = result["keys"] if result else []
    cat = catalogue_for(analysis.dataset.organisation_id)
    areas = store.tables(analysis.dataset)["areas"]
    return render(request, "analyses/analysis_detail.html", {
        "analysis": analysis, "result": result, "rows": rows, "error": error,
        "score_decimals": score_decimals,
        "year_notes": year_notes(result.get("notes", []) if result else [],
                                 {k: label(k, cat) for k in keys}, _lang()),
        "cfg": cfg, "method_label": method_label(analysis.method, _lang()),
        "method_help": METHOD_HELP.get(analysis.method, ""),
        "normalise_label": NORMALISE_LABELS.get(cfg.get("normalise", ""), ""),
        "aggregate_label": AGGREGATE_LABELS.get(cfg.get("aggregate", ""), ""),
        "within": areas["name"].get(cfg.get("within")) if cfg.get("within") else None,
        "excluded": [areas["name"].get(c) or c for c in cfg.get("exclude") or []],
        "indicators": [(label(k, cat), direction(k, cat), unit(k, cat)) for k in keys],
        "weights": [(k, label(k, cat), float(cfg.get("weights", {}).get(k, 1.0))) for k in keys],
        "can_edit": can(request.user, analysis.organisation, "analyse"),
        "can_share": can(request.user, analysis.organisation, "share"),
        "organisations": Organisation.objects.exclude(pk=analysis.organisation_id),
        "shared": set(analysis.shared_with.values_list("pk", flat=True)),
        "payload": engine.payload(result) if result else None,
        "truncated": result is not None and len(result["table"]) > TABLE_ROWS})


@login_required
def analysis_results(request: HttpRequest, pk: int) -> JsonResponse:
    """What-if: the saved configuration with the query's p, k, N and weights; nothing is
    saved; a value the form refuses answers 400 with the form's message."""
    analysis = get_visible(Analysis.objects.select_related("dataset"), request.user, pk=pk)
    result, _cfg, error = _result(request, analysis, request.GET)
    if result is None:
        return JsonResponse({"error": error}, status=400)
    return JsonResponse(engine.payload(result, order=request.GET.get("order", "")))


@login_required
@require_POST
def analysis_save(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = get_visible(Analysis.objects.select_related("dataset"), request.user, pk=pk)
    require(request.user, analysis.organisation, "analyse")
    cfg, form = _settings(request, analysis, request.POST, None)
    if cfg is None:
        messages.error(request, _("Not saved: %(errors)s") % {"errors": form.errors_text()})
        return redirect("analysis_detail", pk=pk)
    analysis.method = cfg.pop("method")
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


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:60] or "analyse"


def export_tables(request: HttpRequest, analysis: Analysis, result: dict[str, Any],
                  cfg: dict[str, Any]) -> tuple[Any, Any]:
    """The results as the page shows them (its column names, rounded, Ja/Nee) and the
    record of how they were made (method, settings, scope, indicators, who, when)."""
    import pandas as pd

    cat = catalogue_for(analysis.dataset.organisation_id)
    yes, no = _("Yes"), _("No")
    res = result["table"].sort_values(["rank", "score"], ascending=[True, False],
                                      na_position="last")
    out = pd.DataFrame({
        _("Code"): res.index.astype(str), _("Name"): res["name"].to_numpy(),
        _("Score"): res["score"].astype(float).round(3).to_numpy(),
        _("Rank"): [rank_text(r) for r in res["rank"]],
        _("Highest group"): [yes if f else no for f in res["flag"].fillna(False)]})
    values = result["values"].reindex(res.index)
    for k in result["keys"]:
        u = unit(k, cat)
        out[f"{label(k, cat)} ({u})" if u else label(k, cat)] = \
            values[k].astype(float).round(2).to_numpy()
    flags = result.get("flags")
    if flags is not None:
        for k in result["keys"]:
            if k in flags:
                out[_("Worst group: %(indicator)s") % {"indicator": label(k, cat)}] = \
                    [yes if f else no for f in flags[k].reindex(res.index).fillna(False)]
    areas = store.tables(analysis.dataset)["areas"]
    meta = [
        (_("Analysis"), analysis.name),
        (_("Method"), method_label(cfg["method"], _lang())),
        (_("Dataset"), analysis.dataset.name),
        (_("Organisation"), analysis.organisation.name),
        (_("Area level"), level_label(cfg.get("level") or "")),
        (_("Year"), str(cfg.get("year") or _("latest year of each indicator"))),
        (_("Only the areas within"), areas["name"].get(cfg["within"]) or cfg["within"]
         if cfg.get("within") else _("(all areas)")),
        (_("Leave out"), ", ".join(areas["name"].get(c) or c for c in cfg.get("exclude") or [])
         or "–"),
        (_("Number of areas"), str(len(res))),
    ]
    if cfg["method"] in ("atlas", "score"):
        meta.append((_("Worst p percent"), str(cfg.get("p"))))
    if cfg["method"] == "atlas":
        meta.append((_("Deprived from k conditions"), str(cfg.get("k"))))
    if cfg["method"] in ("top-n", "composite"):
        meta.append((_("Top N"), str(cfg.get("n"))))
    if cfg["method"] == "composite":
        meta.append((_("Normalisation"), str(NORMALISE_LABELS.get(str(cfg.get("normalise")), ""))))
        meta.append((_("Aggregation"), str(AGGREGATE_LABELS.get(str(cfg.get("aggregate")), ""))))
    for k in result["keys"]:
        w = (cfg.get("weights") or {}).get(k)
        meta.append((_("Indicator"), f"{label(k, cat)} ({k}): "
                     + (_("higher is worse") if direction(k, cat) > 0 else _("lower is worse"))
                     + (f"; {_('weight')} {w:g}" if w is not None else "")))
    meta += [(_("Made on"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
             (_("Made by"), request.user.get_username()),
             (_("Made with"), "opbouw")]
    return out, pd.DataFrame(meta, columns=[_("Item"), _("Value")])


@login_required
def analysis_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    analysis = get_visible(Analysis.objects.select_related("dataset", "organisation"),
                           request.user, pk=pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    result, cfg, error = _result(request, analysis, request.GET)
    if result is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    table, meta = export_tables(request, analysis, result, cfg)
    year = str(cfg.get("year") or "")
    slug = _slug(analysis.name)
    # the year once, also when the analysis's name already holds it
    name = "-".join(p for p in ("opbouw", slug, "" if year and year in slug else year,
                                timezone.localdate().isoformat()) if p)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"out.{fmt}"
        if fmt == "xlsx":
            write_xlsx_sheets([(_("Results"), table), (_("Method"), meta)], path)
            ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            write_csv_blocks([table, meta], path)
            ctype = "text/csv; charset=utf-8"
        data = path.read_bytes()
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
