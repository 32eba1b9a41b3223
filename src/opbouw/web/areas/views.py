"""Datasets, imports with preview, the area list and the area page."""

from __future__ import annotations

import json
import secrets
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.analysis.explain import explain
from opbouw.analysis.ranking import percentile_rank, rank
from opbouw.i18n import column_decimals
from opbouw.web.accounts.access import can, get_visible, organisations, require, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.areas import imports, store
from opbouw.web.areas.catalogue import analysable, catalogue_for, label, unit
from opbouw.web.areas.forms import ImportForm
from opbouw.web.areas.models import Area, Dataset, ImportRecord, IndicatorValue
from opbouw.web.areas.templatetags.opbouw_tags import format_num
from opbouw.web.jobs.models import Job
from opbouw.web.jobs.runner import start
from opbouw.wording import explanation_summary, year_notes


@login_required
def dataset_list(request: HttpRequest) -> HttpResponse:
    datasets = visible(Dataset.objects.select_related("organisation"), request.user)
    return render(request, "areas/dataset_list.html", {
        "datasets": datasets, "shared_analyses": _shared_analyses(request.user)})


def _shared_analyses(user: Any) -> int:
    """How many analyses other organisations share with the user's: a partner without
    datasets of their own is told where the shared work is."""
    from opbouw.web.analyses.models import Analysis

    return visible(Analysis.objects, user).exclude(
        organisation__in=organisations(user)).count()


@login_required
def import_new(request: HttpRequest) -> HttpResponse:
    if not organisations(request.user, "import").exists():
        raise PermissionDenied
    initial = {}
    wanted = request.GET.get("dataset", "")
    if wanted.isdigit():
        initial["dataset"] = Dataset.objects.filter(
            pk=wanted, organisation__in=organisations(request.user, "import")).first()
    form = ImportForm(request.user, request.POST or None, request.FILES or None,
                      initial=initial)
    if request.method == "POST" and form.is_valid():
        _forget_abandoned_uploads()
        token = secrets.token_hex(16)
        folder = Path(settings.UPLOAD_DIR) / token
        folder.mkdir(parents=True)
        names = imports.save_upload(folder, form.cleaned_data["files"])
        target = form.cleaned_data.get("dataset")
        pending = request.session.setdefault("imports", {})
        pending[token] = {"organisation": form.cleaned_data["organisation"].pk,
                          "name": target.name if target else form.cleaned_data["name"],
                          "dataset": target.pk if target else None, "files": names}
        request.session.modified = True
        return redirect("import_preview", token=token)
    return render(request, "areas/import_new.html", {"form": form})


UPLOAD_FILES = 4
TABLE_DECIMALS = 2
"""The most decimals a value of the area page tables shows (one number per column)."""
"""How many files of the importers' size limit one upload may carry (an areas file, its
Shapefile parts or indicator files); a larger request is refused before it is read."""


def _forget_abandoned_uploads(hours: float = 24) -> None:
    """Uploads previewed but never confirmed are removed after a day."""
    import time

    root = Path(settings.UPLOAD_DIR)
    if not root.is_dir():
        return
    cutoff = time.time() - hours * 3600
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def _pending(request: HttpRequest, token: str) -> tuple[dict[str, Any], Path, Organisation]:
    info = request.session.get("imports", {}).get(token)
    folder = Path(settings.UPLOAD_DIR) / token
    if info is None or not folder.is_dir():
        raise Http404
    org = Organisation.objects.get(pk=info["organisation"])
    require(request.user, org, "import")
    return info, folder, org


def _target(info: dict[str, Any], org: Organisation) -> Dataset | None:
    """The existing dataset an import adds to (only one of the importing organisation)."""
    if not info.get("dataset"):
        return None
    target = Dataset.objects.filter(pk=info["dataset"], organisation=org).first()
    if target is None:
        raise Http404
    return target


def _check(folder: Path, org: Organisation, target: Dataset | None,
           lang: str) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    """The upload's kept check; every problem as the preview shows it, and the number of
    errors.

    An import either brings areas (a new dataset) or adds values for the areas of an
    existing dataset: files without areas and without a target are refused, so that no
    empty dataset is ever made.
    """
    checked = imports.check_upload(folder, catalogue_for(org))
    shown = [{"file": p.file, "row": p.row, "column": p.column or "",
              "found": p.found_text(lang),
              "message": p.message(lang, web=True), "error": p.is_error, "kind": p.kind}
             for p in imports.problems_of(checked)]
    for p in shown:
        if p["kind"] == "unknown_indicator":
            p["message"] = _("'%(found)s' is not a known indicator; it is read without unit "
                             "or direction. Add its definition under Indicators.") % p
            p["define"] = True

    def add(message: str, found: str = "", error: bool = True, file: str = "",
            row: int | None = None, column: str = "") -> None:
        shown.append({"file": file, "row": row, "column": column, "found": found,
                      "message": message, "error": error})

    if target is None and not checked["has_areas"] and not any(p["error"] for p in shown):
        add(_("These files hold no areas. Upload an areas file with them for a new dataset, "
              "or choose the existing dataset that these values add to."))
    if target is not None:
        if checked["has_areas"]:
            add(_("An existing dataset takes new values, not new areas: import areas as a "
                  "new dataset."))
        known = set(Area.objects.filter(dataset=target).values_list("code", flat=True))
        unknown = sorted(set(checked["codes"]) - known)
        places = checked.get("code_places", {})
        for code in unknown[:50]:
            file, row = places.get(code, ["", None])
            add(_("Area code '%(code)s' is not in the dataset '%(name)s'.")
                % {"code": code, "name": target.name}, code, file=file, row=row,
                column="code")
        if len(unknown) > 50:
            add(_("… and %(n)d more unknown area codes.") % {"n": len(unknown) - 50})
        for indicator, year in checked["pairs"]:
            n = IndicatorValue.objects.filter(dataset=target, indicator=indicator, year=year,
                                              area_code__in=checked["codes"]).count()
            if n:
                add(_("%(n)d values of %(indicator)s for %(year)s are already in the dataset "
                      "and will be replaced.") % {"n": n, "indicator": indicator,
                                                  "year": year or "–"},
                    indicator, error=False)
    if not checked["pairs"] and not any(p["error"] for p in shown) and target is not None:
        add(_("These files hold no indicator values to add."))
    # the files' own problems first (with their rows); then what concerns the import
    shown.sort(key=lambda p: (not p["error"], not p["file"], p["file"], p["row"] or 0))
    return checked, shown, sum(1 for p in shown if p["error"])


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    info, folder, org = _pending(request, token)
    lang = (get_language() or "nl")[:2]
    target = _target(info, org)
    checked, shown, errors = _check(folder, org, target, lang)
    previews, rows = checked["previews"], checked["rows"]
    info["rows"] = rows
    request.session.modified = True
    choices = checked.get("choices", [])
    # a file with several layers waits for the user's choice: not a rejected import yet
    waiting = all(p.get("kind") == "several_layers" for p in shown if p["error"])
    if errors and not waiting and not info.get("recorded"):
        ImportRecord.objects.create(organisation=org, user=request.user, files=info["files"],
                                    rows=rows, errors=errors, dataset=target,
                                    status=ImportRecord.Status.REJECTED)
        info["recorded"] = True
        request.session.modified = True
    return render(request, "areas/import_preview.html", {
        "token": token, "info": info, "organisation": org, "previews": previews,
        "problems": shown, "errors": errors, "rows": rows, "target": target,
        "choices": choices, "has_layers": any("layers" in c for c in choices),
        "waiting": errors and waiting})


@login_required
@require_POST
def import_options(request: HttpRequest, token: str) -> HttpResponse:
    """The layer and code column of a geometry file in the upload; checked again after."""
    _info, folder, _org = _pending(request, token)
    if not imports.choose(folder, request.POST.get("file", ""), request.POST.get("layer", ""),
                          request.POST.get("id_column", "")):
        messages.error(request, _("Choose one of the layers or sheets of the file."))
    return redirect("import_preview", token=token)


@login_required
@require_POST
def import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    info, folder, org = _pending(request, token)
    target = _target(info, org)
    _checked, _shown, errors = _check(folder, org, target, (get_language() or "nl")[:2])
    if errors:
        messages.error(request, _("The files have errors; nothing was imported."))
        return redirect("import_preview", token=token)
    job = Job.objects.create(
        organisation=org, created_by=request.user, kind="import",
        title=_("Import of %(name)s") % {"name": info["name"]},
        params={"folder": str(folder), "name": info["name"], "files": info["files"],
                "rows": int(info.get("rows", 0)), "user": request.user.pk,
                "dataset": target.pk if target else None})
    request.session.get("imports", {}).pop(token, None)
    request.session.modified = True
    start(job, imports.run_import)
    return redirect("job_detail", pk=job.pk)


@login_required
def import_history(request: HttpRequest) -> HttpResponse:
    records = ImportRecord.objects.filter(
        organisation__in=organisations(request.user)).select_related("user", "dataset",
                                                                      "organisation")
    return render(request, "areas/import_history.html", {"records": records[:200]})


def _dataset_for(request: HttpRequest, pk: int) -> tuple[Dataset, Any, bool]:
    """The dataset, the analysis it is reached through (``?analysis=ID``) and whether the
    user sees the dataset itself. An analysis shared without its dataset opens the parts
    of the dataset that the analysis shows (its level and indicators), nothing more."""
    from opbouw.web.analyses.models import Analysis

    aid = request.GET.get("analysis", "")
    analysis = visible(Analysis.objects.select_related("dataset", "organisation"),
                       request.user).filter(pk=aid, dataset_id=pk).first() \
        if aid.isdigit() else None
    dataset = visible(Dataset.objects.select_related("organisation"),
                      request.user).filter(pk=pk).first()
    if dataset is not None:
        return dataset, analysis, True
    if analysis is None:
        raise Http404
    return analysis.dataset, analysis, False


def _analysis_cfg(analysis: Any) -> dict[str, Any]:
    return dict(analysis.config or {}) if analysis is not None else {}


def _analysis_keys(analysis: Any, dataset: Dataset | None = None) -> list[str]:
    ds = dataset or analysis.dataset
    cat = catalogue_for(ds.organisation_id)
    return list(_analysis_cfg(analysis).get("indicators") or
                analysable(store.indicators_in(ds), cat))


@login_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset, analysis, direct = _dataset_for(request, pk)
    areas = Area.objects.filter(dataset=dataset).only("code", "name", "level", "parent_code",
                                                      "population")
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    levels = store.levels_in(dataset)
    keys = store.indicators_in(dataset)
    years = store.years_in(dataset)
    if not direct:
        level = _analysis_cfg(analysis).get("level") or ""
        levels = [level] if level else levels
        keys = _analysis_keys(analysis)
        year = _analysis_cfg(analysis).get("year")
        years = [int(year)] if year else years
    if q:
        areas = areas.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if level:
        areas = areas.filter(level=level)
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    names = dict(Area.objects.filter(dataset=dataset, code__in={a.parent_code for a in page})
                 .values_list("code", "name"))
    cat = catalogue_for(dataset.organisation_id)
    return render(request, "areas/dataset_detail.html", {
        "dataset": dataset, "page": page, "q": q, "level": level, "direct": direct,
        "analysis": analysis, "parents": names,
        "levels": levels, "indicators": [(k, label(k, cat)) for k in keys],
        "years": years,
        "can_share": direct and can(request.user, dataset.organisation, "share"),
        "can_delete": direct and can(request.user, dataset.organisation, "delete"),
        "can_import": direct and can(request.user, dataset.organisation, "import"),
        "can_analyse": direct and organisations(request.user, "analyse").exists(),
        "organisations": Organisation.objects.exclude(pk=dataset.organisation_id),
        "shared": set(dataset.shared_with.values_list("pk", flat=True))})


@login_required
def dataset_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first (what goes with it), delete on POST; coordinators and administrators."""
    dataset = get_visible(Dataset.objects, request.user, pk=pk)
    require(request.user, dataset.organisation, "delete")
    if request.method == "POST":
        name = dataset.name
        store.forget(dataset.pk)
        dataset.delete()
        messages.success(request, _("Dataset '%(name)s' deleted.") % {"name": name})
        return redirect("dataset_list")
    return render(request, "areas/dataset_delete.html", {
        "dataset": dataset, "areas": Area.objects.filter(dataset=dataset).count(),
        "values": IndicatorValue.objects.filter(dataset=dataset).count(),
        "analyses": dataset.analyses.all()})


@login_required
def dataset_share(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.web.accounts.views import share

    return share(request, get_visible(Dataset.objects, request.user, pk=pk), "dataset_detail")


@login_required
def dataset_geojson(request: HttpRequest, pk: int) -> HttpResponse:
    """The areas of one level (``?level=``) or below one area (``?within=CODE``)."""
    dataset, analysis, direct = _dataset_for(request, pk)
    level = request.GET.get("level", "")
    within = request.GET.get("within", "")
    if not direct:
        level, within = _analysis_cfg(analysis).get("level") or "", ""
    data = store.tables(dataset)
    key = ("geo", level, within)
    if key not in data["derived"]:
        qs = Area.objects.filter(dataset=dataset).exclude(geometry="")
        if within:
            qs = qs.filter(code__in=store.descendants(dataset, within))
        elif level:
            qs = qs.filter(level=level)
        features = [f'{{"type":"Feature","id":{json.dumps(a.code)},"properties":'
                    f'{json.dumps({"code": a.code, "name": a.name})},"geometry":{a.geometry}}}'
                    for a in qs.only("code", "name", "geometry")]
        data["derived"][key] = ('{"type":"FeatureCollection","features":['
                                + ",".join(features) + "]}")
    return HttpResponse(data["derived"][key], content_type="application/geo+json")


def _parent_values(dataset: Dataset, area: Area, keys: list[str], year: int | None,
                   table: pd.DataFrame) -> tuple[dict[str, float], str]:
    """The parent's own values, or else the mean of its areas at this level (weighted by
    inhabitants where every one of them has a number): what the parent column shows."""
    if not area.parent_code:
        return {}, ""
    own = store.wide(dataset, keys, year, None)
    if area.parent_code in own.index and own.loc[area.parent_code].notna().any():
        return own.loc[area.parent_code].dropna().to_dict(), "own"
    areas = store.tables(dataset)["areas"]
    siblings = areas.index[(areas["parent"] == area.parent_code)]
    part = table.loc[table.index.isin(siblings)]
    if part.empty:
        return {}, ""
    pop = areas["population"].reindex(part.index)
    out = {}
    for k in keys:
        col = part[k].dropna()
        if col.empty:
            continue
        w = pop.reindex(col.index)
        out[k] = float(np.average(col, weights=w)) if w.notna().all() and w.sum() > 0 \
            else float(col.mean())
    return out, "weighted" if pop.notna().all() else "mean"


def _trend_points(series: pd.Series, width: int = 120, height: int = 28) -> str:
    """An SVG polyline of one indicator over the years (no script, so no CSP question)."""
    s = series.dropna().sort_index()
    if len(s) < 2:
        return ""
    xs = (s.index.to_numpy(dtype=float) - s.index.min()) / max(s.index.max() - s.index.min(), 1)
    lo, hi = float(s.min()), float(s.max())
    ys = (s.to_numpy(dtype=float) - lo) / (hi - lo) if hi > lo else np.full(len(s), 0.5)
    return " ".join(f"{2 + x * (width - 4):.1f},{height - 2 - y * (height - 4):.1f}"
                    for x, y in zip(xs, ys, strict=True))


def _scoped_run(dataset: Dataset, area: Area, cfg: dict[str, Any], keys: list[str],
                year: int | None, method: str) -> Any:
    """The library's one pipeline (:func:`opbouw.analysis.pipeline.run_analysis`) on the
    area's level with the analysis's scope, so the area page compares within the same
    reference set as the analysis (Brussels left out of Flemish comparisons, ``within``,
    ``exclude``). An area outside that scope by default only (a Brussels commune opened
    without an analysis) is compared with its own region instead."""
    from opbouw.analysis.pipeline import AnalysisSpec, Scope, run_analysis

    data = store.tables(dataset)
    scope = {**cfg, "level": area.level or None}

    def run(settings: dict[str, Any]) -> Any:
        spec = AnalysisSpec(method=method, options=settings, indicators=tuple(keys),
                            year=year, scope=Scope.from_settings(settings))
        return run_analysis(data["values"], data["areas"], catalogue_for(dataset.organisation_id),
                            spec, wide=store.wide(dataset, keys, year, None))

    found = run(scope)
    if area.code not in found.table.index and not cfg.get("brussels") and \
            not cfg.get("within") and not cfg.get("exclude"):
        other = run({**scope, "brussels": True})
        if area.code in other.table.index:
            return other
    return found


def area_profile(dataset: Dataset, area: Area, cfg: dict[str, Any] | None = None,
                 method: str = "atlas") -> dict[str, Any]:
    """Per indicator: value, rank, percentile, worst-p % flag, reference (median of the
    reference set) and the parent's value, with a small trend; plus the explanation of
    the area's status, all with the analysis's own settings (``cfg``) when given, through
    the same pipeline and scope as the analysis."""
    from opbouw.analysis import defaults
    from opbouw.errors import OpbouwError

    cfg = dict(cfg or {})
    lang = (get_language() or "nl")[:2]
    cat = catalogue_for(dataset.organisation_id)
    keys = list(cfg.get("indicators") or analysable(store.indicators_in(dataset), cat))
    keys = [k for k in keys if k in set(store.indicators_in(dataset))]
    year = int(cfg["year"]) if cfg.get("year") else None
    empty: dict[str, Any] = {"rows": [], "explanation": None}
    if not keys:
        return empty
    p = float(cfg["p"]) if cfg.get("p") not in (None, "") else float(defaults.P)
    k_rule = int(cfg["k"]) if cfg.get("k") not in (None, "") else int(defaults.K)
    try:
        atlas = _scoped_run(dataset, area, {**cfg, "p": p, "k": k_rule}, keys, year, "atlas")
    except (OpbouwError, ValueError):
        return empty
    table, dirs = atlas.table, atlas.directions
    keys = list(dirs)
    if area.code not in table.index:
        return {**empty, "outside": True, "n_areas": len(table)}
    result = atlas.result
    if method != "atlas":
        try:
            result = _scoped_run(dataset, area, cfg, keys, year, method).result
        except (OpbouwError, ValueError):  # the per-indicator view still stands
            result = atlas.result
    ranks = rank(table[keys], dirs)
    pct = percentile_rank(table[keys], dirs)
    flags = atlas.result.flags if atlas.result.flags is not None else pd.DataFrame()
    parent, parent_kind = _parent_values(dataset, area, keys, year, table)
    history = store.tables(dataset)["values"]
    history = history[history["code"] == area.code]
    rows = []
    for k in keys:
        value = table.at[area.code, k]
        series = history[history["indicator"] == k].dropna(subset=["year"])
        series = pd.Series(series["value"].to_numpy(), index=series["year"].astype(int))
        series = series[~series.index.duplicated(keep="last")]
        pct_k = pct.at[area.code, k]
        rows.append({
            "key": k, "label": label(k, cat), "value": value, "unit": unit(k, cat),
            "rank": None if pd.isna(ranks.at[area.code, k]) else int(ranks.at[area.code, k]),
            "of": int(table[k].notna().sum()),
            "percentile": None if pd.isna(pct_k) else round(100 * pct_k),
            "flag": bool(flags.at[area.code, k]) if k in flags else False,
            "reference": float(np.nanmedian(table[k])),
            "parent_value": parent.get(k),
            "worse": _("higher is worse") if dirs[k] > 0 else _("lower is worse"),
            "trend": _trend_points(series),
            "trend_from": (int(series.index.min()), format_num(series.loc[series.index.min()]))
            if len(series) > 1 else None,
            "trend_to": (int(series.index.max()), format_num(series.loc[series.index.max()]))
            if len(series) > 1 else None,
        })
    expl = explain(area.code, result, table[keys], dirs, area.name or area.code,
                   {k: label(k, cat) for k in keys})
    brussels_out = sum(int(n.split(":")[1]) for n in atlas.notes
                       if n.startswith("brussels_left_out:"))
    return {"rows": rows, "explanation": explanation_summary(expl, lang), "p": p, "k": k_rule,
            "n_areas": len(table), "parent_kind": parent_kind, "year": year,
            "brussels_left_out": brussels_out,
            "year_notes": year_notes(atlas.notes, {k: label(k, cat) for k in keys}, lang),
            "within": cfg.get("within") or "", "exclude": cfg.get("exclude") or []}


def _sub_areas(dataset: Dataset, area: Area, keys: list[str], year: int | None,
               cat: Any) -> dict[str, Any]:
    """The areas below ``area`` at the finest level that has values (a province's
    municipalities, a municipality's wijken or sectors), with their values."""
    shown_keys = keys  # every indicator: the table scrolls sideways, its name column stays
    found = store.sub_area_values(dataset, area.code, shown_keys, year)
    if found is None:
        return {}
    lvl, lvl_codes, table = found
    areas = store.tables(dataset)["areas"]
    n = int(table.notna().any(axis=1).sum()) if not table.empty else 0
    rows = [{"code": c, "name": areas.at[c, "name"] or c,
             "values": [table.at[c, k] if c in table.index else None for k in shown_keys]}
            for c in sorted(lvl_codes, key=lambda c: str(areas.at[c, "name"] or c))]
    # one number of decimals per column (issue: 66,01 next to 66,795)
    digits = [column_decimals([r["values"][i] for r in rows], TABLE_DECIMALS)
              for i in range(len(shown_keys))]
    for r in rows:
        r["cells"] = list(zip(r["values"], digits, strict=True))
    return {"level": lvl, "rows": rows, "keys": [label(k, cat) for k in shown_keys],
            "with_values": n}


@login_required
def area_detail(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    dataset, analysis, direct = _dataset_for(request, pk)
    area = Area.objects.filter(dataset=dataset, code=code).first()
    if area is None:
        raise Http404
    cfg = _analysis_cfg(analysis)
    if not direct and (cfg.get("level") or "") not in ("", area.level):
        raise Http404  # through a share: only the areas the analysis shows
    years = store.years_in(dataset)
    if not direct:  # through a share: the analysis's year only, not the dataset's history
        shown_year = int(cfg["year"]) if cfg.get("year") else (max(years) if years else None)
        years = [shown_year] if shown_year is not None else []
    chosen = request.GET.get("year", "")
    year_error = None
    if chosen:
        if chosen.isdigit() and int(chosen) in years:
            cfg["year"] = int(chosen)
        else:
            year_error = _("There are no values for year %(year)s; choose one of the years "
                           "in the list.") % {"year": chosen[:10]}
    parent = Area.objects.filter(dataset=dataset, code=area.parent_code).first() \
        if area.parent_code else None
    method = analysis.method if analysis is not None else "atlas"
    profile = area_profile(dataset, area, cfg, method)
    if not direct:
        for row in profile.get("rows", []):
            row.update(trend=None, trend_from=None, trend_to=None)
    names = store.tables(dataset)["areas"]["name"]
    if profile.get("within"):
        profile["within_name"] = names.get(profile["within"]) or profile["within"]
    if profile.get("exclude"):
        profile["excluded_names"] = ", ".join(names.get(c) or c for c in profile["exclude"])
    cat = catalogue_for(dataset.organisation_id)
    keys = list(cfg.get("indicators") or analysable(store.indicators_in(dataset), cat))
    sub = _sub_areas(dataset, area, keys, int(cfg["year"]) if cfg.get("year") else None,
                     cat) if direct else {}
    suffix = f"?analysis={analysis.pk}" if analysis is not None else ""
    # one number of decimals per column of the indicator table
    profile["decimals"] = {col: column_decimals([r.get(col) for r in profile.get("rows", [])],
                                                TABLE_DECIMALS)
                           for col in ("value", "reference", "parent_value")}
    return render(request, "areas/area_detail.html", {
        "dataset": dataset, "area": area, "parent": parent, "analysis": analysis,
        "direct": direct, "suffix": suffix, "sub": sub, "years": years,
        "year": cfg.get("year"), "year_error": year_error,
        # a profile needs the area's own values (a province page may only add up its parts)
        "has_values": IndicatorValue.objects.filter(dataset=dataset,
                                                    area_code=area.code).exists(),
        "children": Area.objects.filter(dataset=dataset, parent_code=area.code)
        .only("code", "name", "level") if direct else [],
        "profile": profile, "geometry": area.geometry or "null",
        "geo_url": reverse("dataset_geojson", args=[dataset.pk]) + suffix,
        "has_geometry": bool(area.geometry)})


@login_required
def dataset_indicators(request: HttpRequest, pk: int) -> JsonResponse:
    dataset, analysis, direct = _dataset_for(request, pk)
    keys = store.indicators_in(dataset) if direct else _analysis_keys(analysis)
    cat = catalogue_for(dataset.organisation_id)
    return JsonResponse({"indicators": [{"key": k, "label": label(k, cat)} for k in keys]})


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The definitions of the user's organisations and the bundled ones they extend."""
    from opbouw.web.areas.models import IndicatorDefinition

    orgs = organisations(request.user)
    defs = IndicatorDefinition.objects.filter(organisation__in=orgs).select_related(
        "organisation")
    lang = (get_language() or "nl")[:2]
    bundled = sorted(catalogue_for(None), key=lambda i: i.label(lang))
    return render(request, "areas/indicator_list.html", {
        "definitions": defs, "bundled": bundled,
        "can_define": organisations(request.user, "define").exists(),
        "editable": set(organisations(request.user, "define").values_list("pk", flat=True))})


@login_required
def indicator_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    from opbouw.web.areas.forms import IndicatorDefinitionForm
    from opbouw.web.areas.models import IndicatorDefinition

    if not organisations(request.user, "define").exists():
        raise PermissionDenied
    instance = None
    if pk is not None:
        instance = IndicatorDefinition.objects.filter(
            pk=pk, organisation__in=organisations(request.user)).first()
        if instance is None:
            raise Http404
        require(request.user, instance.organisation, "define")
    initial: dict[str, Any] = {}
    if instance is None:
        key = request.GET.get("key", "")[:80]
        initial = {"key": key, "label_nl": key}
        base = catalogue_for(None).indicators.get(key) if key else None
        if base is not None:
            initial.update(label_nl=base.label_nl, label_en=base.label_en, unit=base.unit,
                           direction=base.direction.value, source=base.source, year=base.year)
        org = request.GET.get("organisation", "")
        if org.isdigit():
            initial["organisation"] = org
    form = IndicatorDefinitionForm(request.user, request.POST or None, instance=instance,
                                   initial=initial)
    if request.method == "POST" and form.is_valid():
        definition = form.save()
        for ds in Dataset.objects.filter(organisation=definition.organisation):
            store.forget(ds.pk)
        messages.success(request, _("Definition of %(key)s saved.") % {"key": definition.key})
        return redirect("indicator_list")
    return render(request, "areas/indicator_edit.html", {"form": form, "instance": instance})


@login_required
@require_POST
def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.web.areas.models import IndicatorDefinition

    instance = IndicatorDefinition.objects.filter(
        pk=pk, organisation__in=organisations(request.user)).first()
    if instance is None:
        raise Http404
    require(request.user, instance.organisation, "define")
    instance.delete()
    messages.success(request, _("Definition deleted."))
    return redirect("indicator_list")


