"""Knowledge records on top of the web world: for every kind, one record of the east
institute on its own dataset, one of the west institute, and two on the dataset east
shares with the partner — one shared with the partner, one not."""

from __future__ import annotations

from typing import Any

import pytest

CODE = "46021"  # Sint-Niklaas: in every dataset of the world
POINT = {"type": "Point", "coordinates": [4.1437, 51.1650]}


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def kworld(world: dict[str, Any]) -> dict[str, Any]:
    return build_knowledge(world)


@pytest.fixture
def live_kworld(live_world: dict[str, Any]) -> dict[str, Any]:
    return build_knowledge(live_world)


def make_records(org: Any, area: Any, tag: str, user: Any = None,
                 question: int = 13) -> dict[str, Any]:
    """One record of every kind, with ``tag`` in its visible text."""
    from opbouw.web.knowledge.models import (
        AccessAudit,
        Answer,
        Asset,
        Note,
        Place,
        ProblemStatement,
        Question,
        ServiceScore,
        StatementItem,
        StatementVersion,
    )

    note = Note.objects.create(organisation=org, area=area, kind="history",
                               title=f"Notitie {tag}", text="De wijk werd in 1970 gebouwd.",
                               created_by=user)
    asset = Asset.objects.create(organisation=org, area=area, kind="initiative",
                                 name=f"Kracht {tag}", geometry=POINT)
    place = Place.objects.create(organisation=org, area=area, geometry=POINT,
                                 experience="avoided", name=f"Plaats {tag}",
                                 meaning="Donker tunneltje", group="ouderen")
    answer = Answer.objects.create(organisation=org, area=area,
                                   question=Question.objects.get(organisation=None,
                                                                 number=question),
                                   text=f"Antwoord {tag}", evidence=[f"place:{place.pk}"])
    statement = ProblemStatement.objects.create(organisation=org, area=area,
                                                title=f"Probleemstelling {tag}")
    version = StatementVersion.objects.create(statement=statement, number=1)
    StatementItem.objects.create(version=version, section="need", text=f"Nood {tag}",
                                 evidence=[f"note:{note.pk}"])
    audit = AccessAudit.objects.create(organisation=org, area=area, title=f"Audit {tag}")
    ServiceScore.objects.create(audit=audit, service="OCMW", reachable=2, affordable=4)
    return {"note": note, "asset": asset, "place": place, "answer": answer,
            "statement": statement, "audit": audit}


def build_knowledge(w: dict[str, Any]) -> dict[str, Any]:
    from opbouw.web.areas.models import Area
    from opbouw.web.knowledge.models import PublicForm, Question

    Question.ensure_standard()  # a transactional test flushed the migration's rows

    east, west, partner = w["orgs"]["east"], w["orgs"]["west"], w["orgs"]["partner"]
    areas = {key: Area.objects.get(dataset=w[key], code=CODE)
             for key in ("ds_east", "ds_west", "ds_shared")}
    records = {
        "east": make_records(east, areas["ds_east"], "Oost", w["users"]["worker_e"]),
        "west": make_records(west, areas["ds_west"], "West"),
        "shared": make_records(east, areas["ds_shared"], "Gedeeld"),
        "private": make_records(east, areas["ds_shared"], "Intern", question=12),
    }
    for obj in records["shared"].values():
        obj.shared_with.add(partner)
    open_form = PublicForm.objects.create(organisation=east, area=areas["ds_east"],
                                          enabled=True, precision_m=100)
    closed_form = PublicForm.objects.create(organisation=west, area=areas["ds_west"],
                                            enabled=False)
    return {**w, "areas": areas, "records": records, "open_form": open_form,
            "closed_form": closed_form}
