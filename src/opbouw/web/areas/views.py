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
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.analysis.explain import explain
from opbouw.analysis.flags import FlagRule
from opbouw.analysis.methods import AtlasConfig, run_method
from opbouw.analysis.ranking import percentile_rank, rank
from opbouw.data.problems import errors_only
from opbouw.web.accounts.access import can, get_visible, organisations, require, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.areas import imports, store
from opbouw.web.areas.catalogue import analysable, direction, label
from opbouw.web.areas.forms import ImportForm
from opbouw.web.areas.models import Area, Dataset, ImportRecord
from opbouw.web.jobs.models import Job
from opbouw.web.jobs.runner import start



@login_required
def dataset_list(request: HttpRequest) -> HttpResponse:
    datasets = visible(Dataset.objects.select_related("organisation"), request.user)
    return render(request, "areas/dataset_list.html", {"datasets": datasets})


@login_required
def import_new(request: HttpRequest) -> HttpResponse:
    if not organisations(request.user, "import").exists():
        raise PermissionDenied
    form = ImportForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _forget_abandoned_uploads()
        token = secrets.token_hex(16)
        folder = Path(settings.UPLOAD_DIR) / token
        folder.mkdir(parents=True)
        names = imports.save_upload(folder, form.cleaned_data["files"])
        pending = request.session.setdefault("imports", {})
        pending[token] = {"organisation": form.cleaned_data["organisation"].pk,
                          "name": form.cleaned_data["name"], "files": names}
        request.session.modified = True
        return redirect("import_preview", token=token)
    return render(request, "areas/import_new.html", {"form": form})


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


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    info, folder, org = _pending(request, token)
    lang = (get_language() or "nl")[:2]
    checked = imports.check_upload(folder)
    problems = imports.problems_of(checked)
    errors = errors_only(problems)
    previews, rows = checked["previews"], checked["rows"]
    info["rows"] = rows
    request.session.modified = True
    if errors and not info.get("recorded"):
        ImportRecord.objects.create(organisation=org, user=request.user, files=info["files"],
                                    rows=rows, errors=len(errors),
                                    status=ImportRecord.Status.REJECTED)
        info["recorded"] = True
        request.session.modified = True
    shown = [{"file": p.file, "row": p.row, "column": p.column or "", "found": p.found,
              "message": p.message(lang), "error": p.is_error} for p in problems]
    shown.sort(key=lambda p: (not p["error"], p["file"], p["row"] or 0))
    return render(request, "areas/import_preview.html", {
        "token": token, "info": info, "organisation": org, "previews": previews,
        "problems": shown, "errors": len(errors), "rows": rows})


@login_required
@require_POST
def import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    info, folder, org = _pending(request, token)
    if errors_only(imports.problems_of(imports.check_upload(folder))):
        messages.error(request, _("The files have errors; nothing was imported."))
        return redirect("import_preview", token=token)
    job = Job.objects.create(
        organisation=org, created_by=request.user, kind="import",
        title=_("Import of %(name)s") % {"name": info["name"]},
        params={"folder": str(folder), "name": info["name"], "files": info["files"],
                "rows": int(info.get("rows", 0)), "user": request.user.pk})
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


@login_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_visible(Dataset.objects, request.user, pk=pk)
    areas = Area.objects.filter(dataset=dataset).only("code", "name", "level", "parent_code",
                                                      "population")
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    if q:
        areas = areas.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if level:
        areas = areas.filter(level=level)
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    keys = store.indicators_in(dataset)
    return render(request, "areas/dataset_detail.html", {
        "dataset": dataset, "page": page, "q": q, "level": level,
        "levels": store.levels_in(dataset), "indicators": [(k, label(k)) for k in keys],
        "years": store.years_in(dataset),
        "can_share": can(request.user, dataset.organisation, "share"),
        "organisations": Organisation.objects.exclude(pk=dataset.organisation_id),
        "shared": set(dataset.shared_with.values_list("pk", flat=True))})


@login_required
def dataset_share(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.web.accounts.views import share

    return share(request, get_visible(Dataset.objects, request.user, pk=pk), "dataset_detail")


@login_required
def dataset_geojson(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_visible(Dataset.objects, request.user, pk=pk)
    level = request.GET.get("level", "")
    data = store.tables(dataset)
    key = ("geo", level)
    if key not in data["derived"]:
        qs = Area.objects.filter(dataset=dataset).exclude(geometry="")
        if level:
            qs = qs.filter(level=level)
        features = [f'{{"type":"Feature","id":{json.dumps(a.code)},"properties":'
                    f'{json.dumps({"code": a.code, "name": a.name})},"geometry":{a.geometry}}}'
                    for a in qs.only("code", "name", "geometry")]
        data["derived"][key] = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
    return HttpResponse(data["derived"][key], content_type="application/geo+json")


def area_profile(dataset: Dataset, area: Area) -> dict[str, Any]:
    """Per indicator: value, rank, percentile, worst-20 % flag, reference (median at the
    level) and the parent's value; plus the explanation of the area's status."""
    lang = (get_language() or "nl")[:2]
    data = store.tables(dataset)
    keys = analysable(store.indicators_in(dataset))
    table = store.wide(dataset, keys, None, area.level or None)
    if area.code not in table.index or table.empty:
        return {"rows": [], "explanation": None}
    keys = [k for k in keys if table[k].notna().sum() >= 2]
    dirs = {k: direction(k) for k in keys}
    ranks = rank(table[keys], dirs)
    pct = percentile_rank(table[keys], dirs)
    result = run_method("atlas", table[keys], dirs, AtlasConfig(FlagRule(p=20.0), 4))
    flags = result.flags if result.flags is not None else pd.DataFrame()
    parent = None
    if area.parent_code:
        pw = store.wide(dataset, keys, None, None)
        parent = pw.loc[area.parent_code] if area.parent_code in pw.index else None
    rows = []
    for k in keys:
        value = table.at[area.code, k]
        rows.append({
            "key": k, "label": label(k), "value": value,
            "rank": None if pd.isna(ranks.at[area.code, k]) else int(ranks.at[area.code, k]),
            "of": int(table[k].notna().sum()),
            "percentile": None if pd.isna(pct.at[area.code, k]) else round(100 * pct.at[area.code, k]),
            "flag": bool(flags.at[area.code, k]) if k in flags else False,
            "reference": float(np.nanmedian(table[k])),
            "parent_value": None if parent is None or pd.isna(parent.get(k)) else parent.get(k),
            "worse": _("higher is worse") if dirs[k] > 0 else _("lower is worse"),
        })
    expl = explain(area.code, result, table[keys], dirs, area.name or area.code,
                   {k: label(k) for k in keys}, lang)
    return {"rows": rows, "explanation": expl, "year_note": data["values"]["year"].max()}


@login_required
def area_detail(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    dataset = get_visible(Dataset.objects, request.user, pk=pk)
    area = Area.objects.filter(dataset=dataset, code=code).first()
    if area is None:
        raise Http404
    parent = Area.objects.filter(dataset=dataset, code=area.parent_code).first() \
        if area.parent_code else None
    children = Area.objects.filter(dataset=dataset, parent_code=area.code).only("code", "name")
    profile = area_profile(dataset, area)
    return render(request, "areas/area_detail.html", {
        "dataset": dataset, "area": area, "parent": parent, "children": children,
        "profile": profile, "geometry": area.geometry or "null"})


@login_required
def dataset_indicators(request: HttpRequest, pk: int) -> JsonResponse:
    dataset = get_visible(Dataset.objects, request.user, pk=pk)
    return JsonResponse({"indicators": [{"key": k, "label": label(k)}
                                        for k in store.indicators_in(dataset)]})
