"""Plans in and out of the database: the example plan (or any ``PlanData``) imported for an
organisation, a stored plan turned back into ``PlanData`` for the workbook, and the roll-up
of a stored plan computed by ``opbouw.analysis.planning``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from opbouw.analysis.planning import ProjectInput, RollUp, project_progress, rollup
from opbouw.data import plans as pd_
from opbouw.web.accounts.models import Organisation
from opbouw.web.areas.models import Area, Dataset
from opbouw.web.planning.models import (
    Contribution,
    Objective,
    OperationalGoal,
    Plan,
    PlanChange,
    Project,
    StrategicAction,
    StrategicGoal,
    YearPlan,
)


def log(plan: Plan, user: Any, what: str) -> None:
    PlanChange.objects.create(plan=plan, user=user if getattr(user, "pk", None) else None,
                              what=what[:300])


def match_areas(places: list[str] | tuple[str, ...], dataset: Dataset | None) -> list[Area]:
    """Areas of ``dataset`` named like the places (case-insensitive), municipalities first."""
    if dataset is None or not places:
        return []
    found = []
    for place in places:
        qs = Area.objects.filter(dataset=dataset, name__iexact=place)
        area = qs.filter(level="municipality").first() or qs.first()
        if area is not None:
            found.append(area)
    return found


@transaction.atomic
def import_plan(data: pd_.PlanData, organisation: Organisation, user: Any = None,
                dataset: Dataset | None = None) -> Plan:
    """Store ``data`` as a new plan of ``organisation``; projects are linked to the areas of
    ``dataset`` that carry the names of their places."""
    plan = Plan.objects.create(organisation=organisation, name=data.name,
                               start_year=data.start_year, end_year=data.end_year,
                               source=data.source, created_by=user if user else None)
    ods: dict[str, OperationalGoal] = {}
    for i, g in enumerate(data.goals):
        sd = StrategicGoal.objects.create(plan=plan, code=g.code, title=g.title, kind=g.kind,
                                          statement=g.statement, explanation=g.explanation,
                                          order=i)
        for j, o in enumerate(g.operational):
            ods[o.code] = OperationalGoal.objects.create(
                goal=sd, code=o.code, title=o.title, theme=o.theme, statement=o.statement,
                explanation=o.explanation, order=j)
    projects: dict[str, Project] = {}
    for i, a in enumerate(data.actions):
        action = StrategicAction.objects.create(
            plan=plan, code=a.code, title=a.title, scope=a.scope, internal=a.internal,
            matrix_label=a.matrix_label, context=a.context, description=a.description,
            partners=a.partners, timing=a.timing, start=a.start, end=a.end, order=i)
        Contribution.objects.bulk_create([
            Contribution(action=action, od=ods[c.od], strength=c.strength, source=c.source,
                         quote=c.quote) for c in a.contributions])
        for p in a.projects:
            project = projects.get(p.key)
            if project is None:
                project = projects[p.key] = Project.objects.create(
                    plan=plan, key=p.key, name=p.name, places=", ".join(p.places),
                    document_text=p.document_text, note=p.note, fte=Decimal(str(p.fte)),
                    start=a.start, end=a.end)
                project.areas.set(match_areas(p.places, dataset))
            elif p.document_text and p.document_text not in project.document_text:
                project.document_text += "\n" + p.document_text
                project.save(update_fields=["document_text"])
            project.actions.add(action)
    log(plan, user, f"plan imported: {data.name}")
    return plan


def latest_year(plan: Plan) -> int | None:
    return plan.years.order_by("-year").values_list("year", flat=True).first()


def progress_by_project(plan: Plan, year: int | None) -> dict[int, float | None]:
    """Each project's progress in ``year``: the mean percentage of its objectives."""
    values: dict[int, list[float]] = {}
    if year is not None:
        for pid, pct in Objective.objects.filter(year_plan__plan=plan, year_plan__year=year,
                                                 project__isnull=False).values_list(
                "project_id", "percentage"):
            values.setdefault(pid, []).append(float(pct))
    return {pid: project_progress(v) for pid, v in values.items()}


def plan_rollup(plan: Plan, year: int | None = None) -> RollUp:
    """FTE and progress of every action, OD and SD of a stored plan."""
    year = year if year is not None else latest_year(plan)
    progress = progress_by_project(plan, year)
    inputs = [ProjectInput(key=str(p.pk), fte=float(p.fte), progress=progress.get(p.pk),
                           actions=tuple(str(a.pk) for a in p.actions.all()))
              for p in plan.projects.prefetch_related("actions")]
    contributions: dict[str, dict[str, str]] = {}
    for c in Contribution.objects.filter(action__plan=plan):
        contributions.setdefault(str(c.action_id), {})[str(c.od_id)] = c.strength
    od_parent = {str(o.pk): str(o.goal_id)
                 for o in OperationalGoal.objects.filter(goal__plan=plan)}
    return rollup(inputs, contributions, od_parent)


def year_rows(plan: Plan, year: int | None) -> dict[str, list[list[Any]]]:
    """The rows of a year's timeline and of the plan's measures for the workbook."""
    from opbouw.web.planning.models import Measure, TimelineEntry

    timeline = []
    if year is not None:
        for e in TimelineEntry.objects.filter(objective__year_plan__plan=plan,
                                              objective__year_plan__year=year) \
                .select_related("objective__project").order_by("date", "pk"):
            o = e.objective
            timeline.append([year, o.project.name if o.project else "", o.title, e.date,
                             e.get_kind_display(), e.text])
    measures = []
    for m in Measure.objects.filter(project__plan=plan).select_related("project") \
            .prefetch_related("values").order_by("project__name", "kind", "name"):
        head = [m.project.name, m.get_kind_display(), m.name, m.unit, m.baseline, m.target]
        values = list(m.values.all())
        for v in values:
            measures.append([*head, v.period, v.value, v.narrative])
        if not values:
            measures.append([*head, "", None, ""])
    return {"timeline": timeline, "measures": measures}


def to_data(plan: Plan, year: int | None = None) -> tuple[pd_.PlanData, dict, list]:
    """A stored plan as ``PlanData`` for the workbook, with the roll-up per SD/OD code and
    the progress rows of ``year`` (default: the latest yearly plan)."""
    year = year if year is not None else latest_year(plan)
    progress = progress_by_project(plan, year)
    goals = []
    for g in plan.goals.prefetch_related("operational"):
        goals.append(pd_.Goal(code=g.code, title=g.title, kind=g.kind, statement=g.statement,
                              explanation=g.explanation, operational=tuple(
                                  pd_.OperationalGoal(code=o.code, title=o.title, theme=o.theme,
                                                      statement=o.statement,
                                                      explanation=o.explanation)
                                  for o in g.operational.all())))
    actions = []
    for a in plan.actions.prefetch_related("contributions__od", "projects"):
        actions.append(pd_.Action(
            code=a.code, title=a.title, scope=a.scope, internal=a.internal,
            matrix_label=a.matrix_label, context=a.context, description=a.description,
            partners=a.partners, timing=a.timing, start=a.start, end=a.end,
            projects=tuple(pd_.ProjectRef(key=str(p.pk), name=p.name,
                                          places=tuple(x.strip() for x in p.places.split(",")
                                                       if x.strip()),
                                          document_text=p.document_text, fte=float(p.fte),
                                          status=p.get_status_display(),
                                          progress=progress.get(p.pk))
                           for p in a.projects.all()),
            contributions=tuple(pd_.Contribution(od=c.od.code, strength=c.strength,
                                                 source=c.source, quote=c.quote)
                                for c in a.contributions.all())))
    data = pd_.PlanData(name=plan.name, start_year=plan.start_year, end_year=plan.end_year,
                        source=plan.source, goals=tuple(goals), actions=tuple(actions))
    r = plan_rollup(plan, year)
    sd_codes = {str(g.pk): g.code for g in plan.goals.all()}
    od_codes = {str(o.pk): o.code for o in OperationalGoal.objects.filter(goal__plan=plan)}

    def _out(level: Any) -> dict[str, Any]:
        return {"fte": round(level.fte, 2),
                "progress": None if level.progress is None else round(level.progress, 1)}

    by_code = {sd_codes[k]: _out(v) for k, v in r.sds.items() if k in sd_codes}
    by_code.update({od_codes[k]: _out(v) for k, v in r.ods.items() if k in od_codes})
    rows = []
    if year is not None:
        for o in Objective.objects.filter(year_plan__plan=plan, year_plan__year=year) \
                .select_related("project").prefetch_related("timeline"):
            last = o.timeline.first()
            rows.append([year, o.project.name if o.project else "", o.title,
                         o.get_status_display(), o.percentage,
                         last.date if last else None, last.text if last else ""])
    return data, by_code, rows


def year_plan(plan: Plan, year: int) -> YearPlan:
    return YearPlan.objects.get_or_create(plan=plan, year=year)[0]
