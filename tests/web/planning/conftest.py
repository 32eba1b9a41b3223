"""Plans for the organisations of the base world: the seed-004 example for the east
institute (with a worker on one project), a plan of the west institute, and an east plan
shared with the partner; an analysis whose highest group has several municipalities."""

from __future__ import annotations

from typing import Any

import pytest


def build_plans(w: dict[str, Any]) -> dict[str, Any]:
    from opbouw.data.plans import load_example
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.planning import store
    from opbouw.web.planning.models import Objective, Plan

    east, west, partner = w["orgs"]["east"], w["orgs"]["west"], w["orgs"]["partner"]
    p_east = store.import_plan(load_example(), east, w["users"]["coord_e"], w["ds_east"])
    p_east.name = "Oost meerjarenplan"
    p_east.save()
    project = p_east.projects.get(key="buurtopbouwwerk-ronse")
    project.workers.add(w["users"]["worker_e"])
    objective = Objective.objects.create(year_plan=store.year_plan(p_east, 2022),
                                         project=project, title="Buurtcomité opstarten",
                                         percentage=40)
    other = p_east.projects.get(key="den-botaniek")
    p_west = Plan.objects.create(organisation=west, name="West meerjarenplan", start_year=2021,
                                 end_year=2025)
    p_shared = Plan.objects.create(organisation=east, name="Gedeeld sectorplan",
                                   start_year=2021, end_year=2025)
    p_shared.shared_with.add(partner)
    need = Analysis.objects.create(
        organisation=east, dataset=w["ds_east"], name="Oost nood", method="atlas",
        config={"indicators": [], "level": "municipality", "p": 50.0, "k": 1, "n": 3})
    return {"p_east": p_east, "p_west": p_west, "p_shared": p_shared, "project": project,
            "other_project": other, "objective": objective, "need": need,
            "measure": project.measures.create(kind="how_much", name="Bewonersbijeenkomsten",
                                               baseline=0, target=10)}


@pytest.fixture
def plans(world: dict[str, Any]) -> dict[str, Any]:
    return {**world, **build_plans(world)}


@pytest.fixture
def live_plans(live_world: dict[str, Any]) -> dict[str, Any]:
    return {**live_world, **build_plans(live_world)}
