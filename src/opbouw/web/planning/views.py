"""Planning pages: plans, goals, actions and the overview matrix, projects, yearly
progress, measures, coverage of need, exports."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.analysis.planning import target_chart
from opbouw.data.plan_xlsx import write_plan_xlsx
from opbouw.data.plans import load_example
from opbouw.web.accounts.access import get_visible, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas.models import Dataset
from opbouw.web.planning import store
from opbouw.web.planning.access import (
    can_edit,
    can_progress,
    editable_organisations,
    require_edit,
    require_progress,
)
from opbouw.web.planning.coverage import plan_coverage
from opbouw.web.planning.forms import (
    ActionForm,
    GoalForm,
    MeasureForm,
    MeasureValueForm,
    ObjectiveForm,
    OperationalGoalForm,
    PlanForm,
    PopulationIndicatorForm,
    ProgressForm,
    ProjectForm,
    personal_data_warning,
)
from opbouw.web.planning.models import (
    Contribution,
    Measure,
    MeasureValue,
    Objective,
    OperationalGoal,
    Plan,
    Project,
    StrategicAction,
    Strength,
    TimelineEntry,
    Track,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan(request: HttpRequest, pk: int) -> Plan:
    return get_visible(Plan.objects.select_related("organisation"), request.user, pk=pk)


def _warn(request: HttpRequest, *texts: str) -> None:
    warning = personal_data_warning(*texts)
    if warning:
        messages.warning(request, warning)


def _year(request: HttpRequest, plan: Plan) -> int | None:
    raw = request.GET.get("year", "")
    if raw.isdigit():
        return int(raw)
    return store.latest_year(plan)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = visible(Plan.objects.select_related("organisation"), request.user)
    return render(request, "planning/plan_list.html", {
        "plans": plans, "can_create": editable_organisations(request.user).exists()})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    orgs = editable_organisations(request.user)
    if not orgs.exists():
        raise PermissionDenied
    form = PlanForm(orgs, request.POST or None, initial={"organisation": orgs.first()})
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.created_by = request.user
        plan.save()
        store.log(plan, request.user, "plan created")
        _warn(request, plan.description)
        return redirect("plan_detail", pk=plan.pk)
    return render(request, "planning/form.html", {"form": form, "title": _("New multi-year plan")})


@login_required
@require_POST
def plan_example(request: HttpRequest) -> HttpResponse:
    """Import the seed-004 example plan for one of the user's organisations."""
    orgs = editable_organisations(request.user)
    org = orgs.filter(pk=request.POST.get("organisation") or 0).first() or orgs.first()
    if org is None:
        raise PermissionDenied
    datasets = Dataset.objects.filter(organisation=org)
    plan = store.import_plan(load_example(), org, request.user, datasets.first())
    messages.success(request, _("The example plan was loaded."))
    return redirect("plan_detail", pk=plan.pk)


def _tree(plan: Plan, year: int | None) -> tuple[list[dict[str, Any]], Any]:
    r = store.plan_rollup(plan, year)
    goals = []
    for g in plan.goals.prefetch_related("operational"):
        goals.append({"goal": g, "level": r.sds.get(str(g.pk)),
                      "ods": [{"od": o, "level": r.ods.get(str(o.pk))}
                              for o in g.operational.all()]})
    return goals, r


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    year = _year(request, plan)
    goals, r = _tree(plan, year)
    actions = plan.actions.prefetch_related("projects", "contributions__od")
    progress = store.progress_by_project(plan, year)
    projects = [(p, progress.get(p.pk)) for p in plan.projects.prefetch_related("areas",
                                                                                  "actions")]
    return render(request, "planning/plan_detail.html", {
        "plan": plan, "goals": goals, "rollup": r, "year": year,
        "actions": [(a, r.actions.get(str(a.pk))) for a in actions], "projects": projects,
        "years": plan.years.all(), "can_edit": can_edit(request.user, plan),
        "changes": plan.changes.select_related("user")[:8],
        "analyses": visible(Analysis.objects, request.user),
        "organisations": Organisation.objects.exclude(pk=plan.organisation_id),
        "shared": set(plan.shared_with.values_list("pk", flat=True))})


@login_required
def plan_matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """The overview matrix of seed 004: actions against ODs, surely or possibly."""
    plan = _plan(request, pk)
    editable = can_edit(request.user, plan)
    ods = list(OperationalGoal.objects.filter(goal__plan=plan).select_related("goal"))
    actions = list(plan.actions.all())
    marks = {(c.action_id, c.od_id): c for c in Contribution.objects.filter(action__plan=plan)}
    if request.method == "POST":
        require_edit(request.user, plan)
        with transaction.atomic():
            changed = 0
            for a in actions:
                for o in ods:
                    value = request.POST.get(f"c_{a.pk}_{o.pk}", "")
                    old = marks.get((a.pk, o.pk))
                    if value not in ("", *Strength.values):
                        continue
                    if not value and old:
                        old.delete()
                        changed += 1
                    elif value and (old is None or old.strength != value):
                        Contribution.objects.update_or_create(
                            action=a, od=o, defaults={"strength": value,
                                                      "source": Contribution.Source.USER})
                        changed += 1
            store.log(plan, request.user, f"overview matrix: {changed} marks changed")
        messages.success(request, _("Overview matrix saved."))
        return redirect("plan_matrix", pk=plan.pk)
    tables = []
    for kind, label in (("external", _("External goals")), ("internal", _("Internal goals"))):
        k_ods = [o for o in ods if o.goal.kind == kind]
        k_actions = [a for a in actions if a.internal == (kind == "internal")]
        if not k_ods:
            continue
        # header rows: SDs and themes spanning their ODs, as in the document
        sds: list[list[Any]] = []
        themes: list[list[Any]] = []
        for o in k_ods:
            if sds and sds[-1][0] == o.goal:
                sds[-1][1] += 1
            else:
                sds.append([o.goal, 1])
            if themes and themes[-1][0] == o.theme and themes[-1][2] == o.goal_id:
                themes[-1][1] += 1
            else:
                themes.append([o.theme, 1, o.goal_id])
        rows = [(a, [(o, marks.get((a.pk, o.pk))) for o in k_ods]) for a in k_actions]
        tables.append({"label": label, "kind": kind, "ods": k_ods, "sds": sds,
                       "themes": themes, "rows": rows})
    return render(request, "planning/plan_matrix.html", {
        "plan": plan, "tables": tables, "can_edit": editable, "strengths": Strength.choices})


@login_required
def goal_new(request: HttpRequest, pk: int, level: str) -> HttpResponse:
    plan = _plan(request, pk)
    require_edit(request.user, plan)
    if level == "sd":
        form: Any = GoalForm(plan, request.POST or None,
                             initial={"code": f"SD{plan.goals.count() + 1}"})
        title = _("New strategic goal")
    else:
        form = OperationalGoalForm(plan, request.POST or None,
                                   initial={"goal": request.GET.get("goal")})
        title = _("New operational goal")
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        if level == "sd":
            obj.plan = plan
            obj.order = plan.goals.count()
        else:
            obj.order = obj.goal.operational.count()
        obj.save()
        store.log(plan, request.user, f"goal added: {obj}")
        _warn(request, obj.statement, obj.explanation)
        return redirect("plan_detail", pk=plan.pk)
    return render(request, "planning/form.html", {"form": form, "title": title, "plan": plan})


@login_required
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require_edit(request.user, plan)
    form = ActionForm(plan, request.POST or None,
                      initial={"code": f"SA{plan.actions.count() + 1}"})
    if request.method == "POST" and form.is_valid():
        action = form.save(commit=False)
        action.plan = plan
        action.order = plan.actions.count()
        action.save()
        store.log(plan, request.user, f"action added: {action}")
        _warn(request, action.context, action.description, action.partners)
        return redirect("action_detail", pk=plan.pk, action=action.pk)
    return render(request, "planning/form.html", {"form": form, "plan": plan,
                                                  "title": _("New strategic action")})


@login_required
def action_detail(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    plan = _plan(request, pk)
    obj = get_object_or_404(StrategicAction, plan=plan, pk=action)
    editable = can_edit(request.user, plan)
    form = ActionForm(plan, request.POST or None, instance=obj) if editable else None
    if request.method == "POST":
        require_edit(request.user, plan)
        if form is not None and form.is_valid():
            form.save()
            store.log(plan, request.user, f"action changed: {obj}")
            _warn(request, obj.context, obj.description, obj.partners)
            messages.success(request, _("Saved."))
            return redirect("action_detail", pk=plan.pk, action=obj.pk)
    r = store.plan_rollup(plan)
    return render(request, "planning/action_detail.html", {
        "plan": plan, "action": obj, "form": form, "can_edit": editable,
        "level": r.actions.get(str(obj.pk)),
        "contributions": obj.contributions.select_related("od"),
        "projects": obj.projects.prefetch_related("areas")})


@login_required
def project_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require_edit(request.user, plan)
    form = ProjectForm(plan, request.user, request.POST or None,
                       initial={"actions": request.GET.getlist("action")})
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.plan = plan
        project.save()
        form.save_m2m()
        store.log(plan, request.user, f"project added: {project}")
        _warn(request, project.problem, project.target_group, project.objectives,
              project.involvement, project.partners)
        return redirect("project_detail", pk=plan.pk, project=project.pk)
    return render(request, "planning/form.html", {"form": form, "plan": plan,
                                                  "title": _("New project")})


@login_required
def project_edit(request: HttpRequest, pk: int, project: int) -> HttpResponse:
    plan = _plan(request, pk)
    require_edit(request.user, plan)
    obj = get_object_or_404(Project, plan=plan, pk=project)
    form = ProjectForm(plan, request.user, request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        store.log(plan, request.user, f"project changed: {obj}")
        _warn(request, obj.problem, obj.target_group, obj.objectives, obj.involvement,
              obj.partners)
        return redirect("project_detail", pk=plan.pk, project=obj.pk)
    return render(request, "planning/form.html", {"form": form, "plan": plan,
                                                  "title": obj.name})


@login_required
def project_detail(request: HttpRequest, pk: int, project: int) -> HttpResponse:
    plan = _plan(request, pk)
    obj = get_object_or_404(Project.objects.prefetch_related("areas__dataset", "actions"),
                            plan=plan, pk=project)
    objectives = obj.year_objectives.select_related("year_plan").prefetch_related("timeline")
    measures = _measure_rows(obj.measures.prefetch_related("values"))
    tracks = dict(Track.choices)
    return render(request, "planning/project_detail.html", {
        "plan": plan, "project": obj, "objectives": objectives, "measures": measures,
        "tracks": [tracks.get(t, t) for t in obj.tracks],
        "can_edit": can_edit(request.user, plan),
        "can_progress": can_progress(request.user, obj),
        "objective_form": ObjectiveForm(plan, initial={
            "year": min(max(dt.date.today().year, plan.start_year), plan.end_year)}),
        "progress_form": ProgressForm(initial={"date": dt.date.today()}),
        "measure_form": MeasureForm(), "value_form": MeasureValueForm()})


@login_required
@require_POST
def objective_new(request: HttpRequest, pk: int, project: int) -> HttpResponse:
    plan = _plan(request, pk)
    require_edit(request.user, plan)
    obj = get_object_or_404(Project, plan=plan, pk=project)
    form = ObjectiveForm(plan, request.POST)
    if form.is_valid():
        objective = form.save(commit=False)
        objective.year_plan = store.year_plan(plan, form.cleaned_data["year"])
        objective.project = obj
        objective.save()
        store.log(plan, request.user, f"objective added to {obj}: {objective.title}")
        _warn(request, objective.title, objective.activities)
    else:
        messages.error(request, _errors(form))
    return redirect("project_detail", pk=plan.pk, project=obj.pk)


def _errors(form: Any) -> str:
    return " ".join(f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                    .lstrip(": ") for f, e in form.errors.items())


@login_required
@require_POST
def objective_progress(request: HttpRequest, pk: int, objective: int) -> HttpResponse:
    plan = _plan(request, pk)
    obj = get_object_or_404(Objective.objects.select_related("project"),
                            year_plan__plan=plan, pk=objective)
    if obj.project is None:
        require_edit(request.user, plan)
    else:
        require_progress(request.user, obj.project)
    form = ProgressForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        obj.status, obj.percentage = d["status"], d["percentage"]
        obj.save(update_fields=["status", "percentage"])
        if d["text"]:
            TimelineEntry.objects.create(objective=obj, date=d["date"],
                                         kind=d["kind"] or TimelineEntry.Kind.HAPPENED,
                                         text=d["text"], created_by=request.user)
            _warn(request, d["text"])
        store.log(plan, request.user, f"progress: {obj.title} {obj.percentage}%")
        messages.success(request, _("Progress recorded."))
    else:
        messages.error(request, _errors(form))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    if obj.project is not None:
        return redirect("project_detail", pk=plan.pk, project=obj.project_id)
    return redirect("year_detail", pk=plan.pk, year=obj.year_plan.year)


@login_required
@require_POST
def measure_new(request: HttpRequest, pk: int, project: int) -> HttpResponse:
    plan = _plan(request, pk)
    require_edit(request.user, plan)
    obj = get_object_or_404(Project, plan=plan, pk=project)
    form = MeasureForm(request.POST)
    if form.is_valid():
        measure = form.save(commit=False)
        measure.project = obj
        measure.save()
        store.log(plan, request.user, f"measure added to {obj}: {measure.name}")
    else:
        messages.error(request, _errors(form))
    return redirect("project_detail", pk=plan.pk, project=obj.pk)


@login_required
@require_POST
def measure_value(request: HttpRequest, pk: int, measure: int) -> HttpResponse:
    plan = _plan(request, pk)
    obj = get_object_or_404(Measure.objects.select_related("project"), project__plan=plan,
                            pk=measure)
    require_progress(request.user, obj.project)
    form = MeasureValueForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        MeasureValue.objects.update_or_create(measure=obj, period=d["period"].strip(),
                                              defaults={"value": d["value"],
                                                        "narrative": d["narrative"]})
        store.log(plan, request.user, f"measure value: {obj.name} {d['period']}")
        _warn(request, d["narrative"])
    else:
        messages.error(request, _errors(form))
    return redirect("project_detail", pk=plan.pk, project=obj.project_id)


@login_required
def year_detail(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan = _plan(request, pk)
    if not plan.start_year <= year <= plan.end_year:
        raise Http404
    goals, _r = _tree(plan, year)
    objectives = Objective.objects.filter(year_plan__plan=plan, year_plan__year=year) \
        .select_related("project").prefetch_related("timeline")
    return render(request, "planning/year_detail.html", {
        "plan": plan, "year": year, "goals": goals, "objectives": objectives,
        "years": range(plan.start_year, plan.end_year + 1)})


def _chart(name: str, values: list[tuple[Any, Any]], baseline: float | None,
           target: float | None) -> dict[str, Any]:
    """A small chart of values against target for the ``planning/_chart.html`` include."""
    chart = target_chart([(str(p), v) for p, v in values], baseline, target)
    pct = None if chart is None or chart.progress is None else round(chart.progress * 100)
    return {"chart": chart, "pct": pct, "name": name, "target": target}


def _measure_rows(measures: Any) -> list[dict[str, Any]]:
    return [{"m": m, "chart": _chart(m.name, [(v.period, v.value) for v in m.values.all()],
                                     m.baseline, m.target)} for m in measures]


def _project_ods(plan: Plan) -> dict[int, list[OperationalGoal]]:
    """Per project, the ODs its strategic actions contribute to (surely or possibly)."""
    out: dict[int, dict[int, OperationalGoal]] = {}
    for c in Contribution.objects.filter(action__plan=plan).select_related("od") \
            .prefetch_related("action__projects"):
        for project in c.action.projects.all():
            out.setdefault(project.pk, {})[c.od_id] = c.od
    return {k: sorted(v.values(), key=lambda o: (o.goal_id, o.order, o.code))
            for k, v in out.items()}


@login_required
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    """Per OD: the population indicators of the area analysis it follows, next to the
    performance measures of the projects that serve it, each with a chart against target."""
    from opbouw.web.areas.catalogue import label
    from opbouw.web.planning.models import PopulationIndicator

    plan = _plan(request, pk)
    editable = can_edit(request.user, plan)
    form = PopulationIndicatorForm(plan, request.user, request.POST or None)
    if request.method == "POST":
        require_edit(request.user, plan)
        if form.is_valid():
            form.save()
            store.log(plan, request.user, "population indicator added")
            return redirect("plan_indicators", pk=plan.pk)
    readable = set(visible(Dataset.objects, request.user).values_list("pk", flat=True))
    population: dict[int, list[dict[str, Any]]] = {}
    for pi in PopulationIndicator.objects.filter(od__goal__plan=plan).select_related(
            "od", "dataset").order_by("pk"):
        if pi.dataset_id not in readable:
            continue
        current = _indicator_values(pi)
        name = label(pi.indicator)
        population.setdefault(pi.od_id, []).append({
            "pi": pi, "label": name, "values": current,
            "chart": _chart(name, current, pi.baseline, pi.target)})
    measures = _measure_rows(Measure.objects.filter(project__plan=plan)
                             .select_related("project").prefetch_related("values")
                             .order_by("project__name", "kind", "name"))
    project_ods = _project_ods(plan)
    by_od: dict[int, list[dict[str, Any]]] = {}
    unlinked = []
    for row in measures:
        ods = project_ods.get(row["m"].project_id, [])
        row["ods"] = ods
        for o in ods:
            by_od.setdefault(o.pk, []).append(row)
        if not ods:
            unlinked.append(row)
    sections = [{"od": o, "population": population.get(o.pk, []), "measures": by_od.get(o.pk, [])}
                for o in OperationalGoal.objects.filter(goal__plan=plan).select_related("goal")
                if o.pk in population or o.pk in by_od]
    return render(request, "planning/indicators.html", {
        "plan": plan, "sections": sections, "unlinked": unlinked, "form": form,
        "can_edit": editable, "kinds": Measure.Kind.choices})


def _indicator_values(pi: Any) -> list[tuple[Any, float]]:
    """Values of the indicator over the years, for its area or the mean over the dataset."""
    from django.db.models import Avg

    from opbouw.web.areas.models import IndicatorValue

    qs = IndicatorValue.objects.filter(dataset=pi.dataset, indicator=pi.indicator)
    if pi.area_code:
        return list(qs.filter(area_code=pi.area_code).order_by("year").values_list("year",
                                                                                   "value"))
    return [(y, v) for y, v in qs.values("year").order_by("year").annotate(
        v=Avg("value")).values_list("year", "v")]


def _need_labels() -> list[tuple[str, str]]:
    return [("deprived", _("deprived")), ("hot_spot", _("hot spot")),
            ("averaged_away", _("averaged away"))]


@login_required
def coverage_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    analyses = visible(Analysis.objects.select_related("dataset"), request.user)
    chosen = request.GET.get("analysis", "")
    analysis = analyses.filter(pk=chosen).first() if chosen.isdigit() else \
        analyses.filter(organisation=plan.organisation).first() or analyses.first()
    context: dict[str, Any] = {"plan": plan, "analyses": analyses, "analysis": analysis}
    if analysis is not None:
        try:
            cov, info = plan_coverage(plan, analysis)
        except ValueError as exc:
            context["error"] = str(exc)
        else:
            why = dict(_need_labels())
            rows = [{"code": code, "name": info["names"].get(code, ""), "need": r.need,
                     "fte": r.fte, "category": r.category,
                     "reasons": [why.get(x, x) for x in r.reasons],
                     "projects": [info["projects"][k] for k in r.projects]}
                    for code, r in cov.table.iterrows() if r.category != "none"]
            context.update({"coverage": cov, "rows": rows, "payload": {
                "categories": {code: r.category for code, r in cov.table.iterrows()},
                "fte": {code: round(float(r.fte), 2) for code, r in cov.table.iterrows()
                        if r.fte},
                "projects": {code: [info["projects"][k] for k in r.projects]
                             for code, r in cov.table.iterrows() if r.projects},
                "labels": {"covered": _("need and presence"), "gap": _("need without presence"),
                           "presence_without_need": _("presence without need"),
                           "none": _("neither")}},
                "geo": reverse("dataset_geojson", args=[analysis.dataset_id]) + "?level="
                + str(analysis.config.get("level") or "")})
    return render(request, "planning/coverage.html", context)


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    year = _year(request, plan)
    data, by_code, rows = store.to_data(plan, year)
    with tempfile.TemporaryDirectory() as tmp:
        body = write_plan_xlsx(data, Path(tmp) / "plan.xlsx", lang=(get_language() or "nl")[:2],
                               rollup=by_code, progress=rows,
                               **store.year_rows(plan, year)).read_bytes()
    response = HttpResponse(body, content_type=XLSX)
    name = f"plan-{plan.pk}-{year}" if year else f"plan-{plan.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def plan_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan and a year's progress as one printable document."""
    plan = _plan(request, pk)
    year = _year(request, plan)
    goals, r = _tree(plan, year)
    objectives = Objective.objects.filter(year_plan__plan=plan, year_plan__year=year) \
        .select_related("project").prefetch_related("timeline") if year else []
    return render(request, "planning/report.html", {
        "plan": plan, "year": year, "goals": goals, "rollup": r,
        "actions": plan.actions.prefetch_related("projects", "contributions__od"),
        "objectives": objectives,
        "measures": Measure.objects.filter(project__plan=plan).select_related("project")
        .prefetch_related("values")})


@login_required
def plan_share(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.web.accounts.views import share

    return share(request, _plan(request, pk), "plan_detail")


@login_required
@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    require_edit(request.user, plan)
    plan.delete()
    return redirect("plan_list")
