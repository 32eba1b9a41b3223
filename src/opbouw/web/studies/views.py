"""Studies of a dataset: the list of kinds, one form per kind, the result (table, map,
summary) and its export.

Who sees what follows the analyses: a study is seen by whoever sees its dataset (members
of the owner, partners the dataset is shared with); starting one needs the role to
analyse; anything else answers 404. A study asked again with the same options on the same
version of the dataset is not computed again: the stored result is shown.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from opbouw.data.writers import write_csv_blocks, write_xlsx_sheets
from opbouw.web.accounts.access import can, organisations, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.areas.catalogue import catalogue_for, label
from opbouw.web.areas.models import Dataset
from opbouw.web.jobs.models import Job
from opbouw.web.jobs.runner import start
from opbouw.web.studies import compute, forms
from opbouw.web.studies.labels import column, decimals, value
from opbouw.web.studies.models import Study, study_key

KINDS: dict[str, tuple[Any, Any, type[forms.StudyForm]]] = {
    "hotspots": (gettext_lazy("Hot spots"), gettext_lazy(
        "Where do high values lie together? Moran's I says whether similar values cluster "
        "at all; LISA finds clusters (high among high, low among low) and outliers; Gi* "
        "finds hot and cold spots. Significance comes from shuffling the values over the "
        "map many times."), forms.HotspotsForm),
    "hidden": (gettext_lazy("Hidden places"), gettext_lazy(
        "Deprived sub-areas (e.g. sub-municipalities) that the average of the area above "
        "them hides (weggemiddeld): each level is compared with its own peers, and the "
        "sub-areas that are deprived while their municipality is not are listed."),
        forms.HiddenForm),
    "uncertainty": (gettext_lazy("Uncertainty of a ranking"), gettext_lazy(
        "How firm is the ranking of the composite index? It is made again many times with "
        "other reasonable choices (normalisation, weights, p, k): the interval of ranks "
        "per area and how often it is in the top show which positions are robust."),
        forms.UncertaintyForm),
    "working_areas": (gettext_lazy("Working areas compared"), gettext_lazy(
        "How many of the highest-scoring areas lie in each working area (province, "
        "institute), how many people live in them and, with the funded staff, how much "
        "staff there is per such area."), forms.WorkingAreasForm),
    "allocation": (gettext_lazy("Staff allocated by need"), gettext_lazy(
        "A budget of staff (FTE) divided over the areas in proportion to their need, in "
        "fixed steps, with a minimum and maximum per area; the sum is always exactly the "
        "budget."), forms.AllocationForm),
    "trends": (gettext_lazy("Trends over years"), gettext_lazy(
        "The rank of every area in the first and the last year, the change, and who "
        "entered or left the top (and became or stopped being deprived)."),
        forms.TrendsForm),
    "typology": (gettext_lazy("Typologies"), gettext_lazy(
        "Which negative conditions coincide in the deprived areas, and types of deprived "
        "areas with what sets each type apart (Atlas)."), forms.TypologyForm),
}
TABLE_ROWS = 2000


def _lang() -> str:
    return (get_language() or "nl")[:2]


def _dataset(request: HttpRequest, pk: int) -> Dataset:
    dataset = visible(Dataset.objects.select_related("organisation"),
                      request.user).filter(pk=pk).first()
    if dataset is None:
        raise Http404
    return dataset


def _studies(request: HttpRequest) -> QuerySet[Study]:
    """Studies whose dataset the user sees."""
    return Study.objects.filter(dataset__in=visible(Dataset.objects, request.user))


def _kind(kind: str) -> tuple[Any, Any, type[forms.StudyForm]]:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _acting(request: HttpRequest, dataset: Dataset) -> Organisation | None:
    """The organisation in which the user studies this dataset (the owner first)."""
    if can(request.user, dataset.organisation, "analyse"):
        return dataset.organisation
    return organisations(request.user, "analyse").filter(
        pk__in=dataset.shared_with.values("pk")).first()


@login_required
def study_index(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _dataset(request, pk)
    done = _studies(request).filter(dataset=dataset).exclude(result={})[:50]
    return render(request, "studies/study_index.html", {
        "dataset": dataset, "kinds": [(k, t, d) for k, (t, d, _f) in KINDS.items()],
        "studies": [(s, KINDS.get(s.kind, (s.kind,))[0]) for s in done],
        "can_start": _acting(request, dataset) is not None})


@login_required
def study_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    dataset = _dataset(request, pk)
    title, description, form_class = _kind(kind)
    org = _acting(request, dataset)
    if org is None:
        raise PermissionDenied
    form = form_class(dataset, request.POST or None)
    if request.method == "POST" and form.is_valid():
        options = form.options()
        key = study_key(dataset, kind, options)
        same = Study.objects.filter(key=key, organisation=org, dataset=dataset,
                                    version=dataset.version).select_related("job")
        ready = same.exclude(result={}).first()
        if ready is not None:
            return redirect("study_detail", pk=ready.pk)
        running = same.filter(job__status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).first()
        if running is not None and running.job is not None:
            return redirect("job_detail", pk=running.job.pk)
        study = Study.objects.create(organisation=org, dataset=dataset, kind=kind,
                                     options=options, version=dataset.version, key=key,
                                     created_by=request.user)
        job = Job.objects.create(organisation=org, created_by=request.user,
                                 kind=f"study:{kind}", key=key, params={"study": study.pk},
                                 title=_("%(study)s of %(dataset)s") % {
                                     "study": title, "dataset": dataset.name})
        Study.objects.filter(pk=study.pk).update(job=job)
        start(job, compute.run_study)
        return redirect("job_detail", pk=job.pk)
    return render(request, "studies/study_new.html", {
        "dataset": dataset, "kind": kind, "title": title, "description": description,
        "form": form, "organisation": org})


def _study(request: HttpRequest, pk: int) -> Study:
    study = _studies(request).select_related("dataset", "organisation", "job",
                                             "created_by").filter(pk=pk).first()
    if study is None:
        raise Http404
    return study


def _options(study: Study) -> list[tuple[str, str]]:
    """The study's options as the form names them, with their values in words."""
    from opbouw.web.areas.templatetags.opbouw_tags import format_num

    form = KINDS[study.kind][2](study.dataset)
    cat = catalogue_for(study.dataset.organisation_id)
    out = []
    for name, field in form.fields.items():
        if name not in study.options:
            continue
        raw = study.options[name]
        choices = dict((str(k), str(v)) for k, v in getattr(field, "choices", []) or [])
        if isinstance(raw, list):
            shown = ", ".join(choices.get(str(v), str(v)) for v in raw) or _("(all)")
        elif isinstance(raw, bool):
            shown = _("Yes") if raw else _("No")
        elif isinstance(raw, dict):
            shown = ", ".join(f"{label(k, cat)} = {format_num(v, 6)}"
                              for k, v in raw.items()) or "–"
        elif raw is None or raw == "":
            shown = choices.get("", "–") or "–"
        else:
            shown = choices.get(str(raw), str(raw))
        out.append((str(field.label), shown))
    return out


def meta_value(entry: list[Any]) -> str:
    """A ``[key, value]`` or ``[key, number, decimals]`` line of a study's record as shown:
    a number in the user's language with exactly its decimals (``0,2850``), text as is."""
    from opbouw.web.areas.templatetags.opbouw_tags import format_num

    if len(entry) > 2 and isinstance(entry[1], int | float) and not isinstance(entry[1], bool):
        return format_num(entry[1], int(entry[2]), trim=False)
    return str(entry[1])


def _table(columns: list[str], rows: list[list[Any]], cat: Any = None) -> dict[str, Any]:
    """Cells as the page shows them: text (numbers in the language's format, indicators by
    their label in ``cat``), the raw number to sort by, whether it is a number."""
    from opbouw.i18n import column_decimals
    from opbouw.web.areas.templatetags.opbouw_tags import format_num

    shown = [[value(c, r[i], cat) for i, c in enumerate(columns)] for r in rows]
    # one number of decimals per column (17 404,20 under 17 854,48), as the analysis table
    places = [column_decimals([s[i] for s in shown
                               if isinstance(s[i], int | float) and not isinstance(s[i], bool)],
                              decimals(c)) for i, c in enumerate(columns)]

    def cell(i: int, raw: Any, this: Any) -> dict[str, Any]:
        if this is None:
            return {"text": "–", "num": True, "v": ""}
        if isinstance(this, int | float) and not isinstance(this, bool):
            return {"text": format_num(this, places[i], trim=False), "num": True, "v": raw}
        return {"text": str(this), "num": False, "v": None}

    return {"columns": [(c, column(c)) for c in columns],
            "rows": [[(c, r[i], cell(i, r[i], s[i])) for i, c in enumerate(columns)]
                     for r, s in zip(rows, shown, strict=True)]}


@login_required
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(request, pk)
    result = study.result
    job = study.job
    if not result and job is not None and job.organisation_id in set(
            organisations(request.user).values_list("pk", flat=True)):
        return redirect("job_detail", pk=job.pk)
    title = KINDS[study.kind][0] if study.kind in KINDS else study.kind
    ctx: dict[str, Any] = {"study": study, "title": title, "options": _options(study),
                           "description": KINDS[study.kind][1], "result": result,
                           "stale": study.version != study.dataset.version}
    if result:
        rows = result["rows"]
        cat = catalogue_for(study.dataset.organisation_id)
        ctx.update({
            "table": _table(result["columns"], rows[:TABLE_ROWS], cat),
            "truncated": len(rows) > TABLE_ROWS,
            "tables": [{"title": column(t["title"]), **_table(t["columns"], t["rows"], cat)}
                       for t in result.get("tables", [])],
            "summary": result.get("summary", {}).get(_lang()) or
            result.get("summary", {}).get("nl", []),
            "meta": [(column(m[0]), meta_value(m)) for m in result.get("meta", [])],
            "map": {"classes": result.get("classes", {}),
                    "colors": [c for _l, c in result.get("legend", [])],
                    "legend": [{"label": column(lbl), "color": c}
                               for lbl, c in result.get("legend", [])],
                    "missing_color": result.get("missing_color", "#dddddd"),
                    "values": {r[0]: value(result["columns"][2], r[2]) if len(r) > 2 else None
                               for r in rows}} if result.get("level") is not None else None,
            "legend_title": column(result.get("legend_title", "")),
            "links": result.get("row_links", True)})
    return render(request, "studies/study_detail.html", ctx)


@login_required
def study_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    import pandas as pd

    study = _study(request, pk)
    if not study.result:
        return HttpResponse(_("This study has no result yet."), status=404,
                            content_type="text/plain; charset=utf-8")
    result = study.result
    title = str(KINDS[study.kind][0])

    cat = catalogue_for(study.dataset.organisation_id)

    def frame(columns: list[str], rows: list[list[Any]]) -> pd.DataFrame:
        return pd.DataFrame([[value(c, v, cat) for c, v in zip(columns, r, strict=True)]
                             for r in rows], columns=[column(c) for c in columns])

    meta = [(_("Study"), title), (_("Dataset"), study.dataset.name),
            (_("Dataset version"), str(study.version)),
            (_("Organisation"), study.organisation.name)]
    meta += _options(study)
    meta += [(column(m[0]), meta_value(m)) for m in result.get("meta", [])]
    meta += [(_("Summary"), s) for s in result.get("summary", {}).get(_lang(), [])]
    meta += [(_("Computed on"), timezone.localtime(study.created_at).strftime("%Y-%m-%d %H:%M")),
             (_("Computed by"), study.created_by.get_username() if study.created_by else "–"),
             (_("Exported on"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
             (_("Exported by"), request.user.get_username()), (_("Made with"), "opbouw")]
    sheets = [(_("Results"), frame(result["columns"], result["rows"]))]
    sheets += [(column(t["title"])[:31], frame(t["columns"], t["rows"]))
               for t in result.get("tables", [])]
    sheets.append((_("Method"), pd.DataFrame(meta, columns=[_("Item"), _("Value")])))
    fmt = "xlsx" if fmt == "xlsx" else "csv"
    from opbouw.web.analyses.views import _slug

    name = "-".join(p for p in ("opbouw", _slug(title), _slug(study.dataset.name),
                                timezone.localdate().isoformat()) if p)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"out.{fmt}"
        if fmt == "xlsx":
            write_xlsx_sheets(sheets, path)
            ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            write_csv_blocks([s for _n, s in sheets], path)
            ctype = "text/csv; charset=utf-8"
        data = path.read_bytes()
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
