"""JSON API of the plans: the same visibility as the pages (``visible``)."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.errors import HttpError

from opbouw.web.accounts.access import visible
from opbouw.web.planning import store
from opbouw.web.planning.models import Plan

# the group in the API documentation, in the user's language (the schema is built per
# request)
router = Router(tags=[cast(str, gettext_lazy("Plans"))])


class PlanOut(Schema):
    id: int
    name: str
    organisation: str
    start_year: int
    end_year: int


class LevelOut(Schema):
    fte: float
    progress: float | None
    projects: int


class OperationalGoalOut(Schema):
    code: str
    title: str
    theme: str
    rollup: LevelOut | None


class GoalOut(Schema):
    code: str
    title: str
    kind: str
    operational: list[OperationalGoalOut]
    rollup: LevelOut | None


class ContributionOut(Schema):
    od: str
    strength: str
    source: str


class ActionOut(Schema):
    code: str
    title: str
    timing: str
    partners: str
    contributions: list[ContributionOut]
    projects: list[str]


class ProjectOut(Schema):
    id: int
    name: str
    places: str
    areas: list[str]
    actions: list[str]
    fte: float
    status: str


class PlanDetailOut(PlanOut):
    year: int | None
    goals: list[GoalOut]
    actions: list[ActionOut]
    projects: list[ProjectOut]


def _plan(request: HttpRequest, pk: int) -> Plan:
    found = visible(Plan.objects.select_related("organisation"), request.user).filter(
        pk=pk).first()
    if found is None:
        raise HttpError(404, "not found")
    return found


def _out(p: Plan) -> dict[str, Any]:
    return {"id": p.pk, "name": p.name, "organisation": p.organisation.name,
            "start_year": p.start_year, "end_year": p.end_year}


def _level(level: Any) -> dict[str, Any] | None:
    return None if level is None else {"fte": level.fte, "progress": level.progress,
                                       "projects": level.projects}


@router.get("/plans", response=list[PlanOut])
def plans(request: HttpRequest) -> list[dict[str, Any]]:
    return [_out(p) for p in visible(Plan.objects.select_related("organisation"), request.user)]


@router.get("/plans/{pk}", response=PlanDetailOut)
def plan(request: HttpRequest, pk: int, year: int | None = None) -> dict[str, Any]:
    p = _plan(request, pk)
    year = year if year is not None else store.latest_year(p)
    r = store.plan_rollup(p, year)
    return {**_out(p), "year": year,
            "goals": [{"code": g.code, "title": g.title, "kind": g.kind,
                       "rollup": _level(r.sds.get(str(g.pk))),
                       "operational": [{"code": o.code, "title": o.title, "theme": o.theme,
                                        "rollup": _level(r.ods.get(str(o.pk)))}
                                       for o in g.operational.all()]}
                      for g in p.goals.prefetch_related("operational")],
            "actions": [{"code": a.code, "title": a.title, "timing": a.timing,
                         "partners": a.partners,
                         "contributions": [{"od": c.od.code, "strength": c.strength,
                                            "source": c.source}
                                           for c in a.contributions.all()],
                         "projects": [pr.name for pr in a.projects.all()]}
                        for a in p.actions.prefetch_related("contributions__od", "projects")],
            "projects": [{"id": pr.pk, "name": pr.name, "places": pr.places,
                          "areas": [a.code for a in pr.areas.all()],
                          "actions": [a.code for a in pr.actions.all()],
                          "fte": float(pr.fte), "status": pr.status}
                         for pr in p.projects.prefetch_related("areas", "actions")]}
