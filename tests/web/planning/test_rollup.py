"""Roll-up of a stored plan, computed by hand: FTE and progress of a year's objectives add up
from projects to strategic actions to ODs to SDs, on the page too."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.urls import reverse


def _small_plan(org: Any) -> dict[str, Any]:
    from opbouw.web.planning import store
    from opbouw.web.planning.models import Contribution, Plan

    plan = Plan.objects.create(organisation=org, name="Rekenplan", start_year=2021,
                               end_year=2025)
    sd1 = plan.goals.create(code="SD1", title="Rechten", order=0)
    sd2 = plan.goals.create(code="SD2", title="Buurten", order=1)
    od11 = sd1.operational.create(code="OD1.1", title="Bescherming", order=0)
    od12 = sd1.operational.create(code="OD1.2", title="Wonen", order=1)
    od21 = sd2.operational.create(code="OD2.1", title="Buurtwerk", order=0)
    a = plan.actions.create(code="A", title="Actie A", order=0)
    b = plan.actions.create(code="B", title="Actie B", order=1)
    Contribution.objects.create(action=a, od=od11, strength="surely")
    Contribution.objects.create(action=a, od=od21, strength="possibly")  # a surely exists
    Contribution.objects.create(action=b, od=od12, strength="surely")
    Contribution.objects.create(action=b, od=od21, strength="surely")
    p1 = plan.projects.create(name="P1", fte=Decimal("2"))
    p1.actions.set([a, b])
    p2 = plan.projects.create(name="P2", fte=Decimal("1"))
    p2.actions.set([b])
    plan.projects.create(name="P3", fte=Decimal("1"))  # serves no action
    y2022, y2021 = store.year_plan(plan, 2022), store.year_plan(plan, 2021)
    y2022.objectives.create(project=p1, title="o1", percentage=50)
    y2022.objectives.create(project=p1, title="o2", percentage=100)
    y2022.objectives.create(project=p2, title="o3", percentage=30)
    y2021.objectives.create(project=p2, title="vorig jaar", percentage=90)
    return {"plan": plan, "a": a, "b": b, "od11": od11, "od12": od12, "od21": od21,
            "sd1": sd1, "sd2": sd2}


def test_stored_plan_rolls_up_by_hand(world: dict[str, Any], login: Any) -> None:
    import pytest

    from opbouw.web.planning import store

    s = _small_plan(world["orgs"]["east"])
    r = store.plan_rollup(s["plan"], 2022)
    # P1: 2 FTE, progress (50 + 100) / 2 = 75, halved over A and B; P2: 1 FTE, 30, on B
    a, b = r.actions[str(s["a"].pk)], r.actions[str(s["b"].pk)]
    assert (a.fte, a.progress, a.projects) == (1.0, 75.0, 1)
    assert (b.fte, b.projects) == (2.0, 2) and b.progress == pytest.approx(52.5)
    # A only to its surely-OD OD1.1; B halved over OD1.2 and OD2.1
    od11, od12, od21 = (r.ods[str(s[k].pk)] for k in ("od11", "od12", "od21"))
    assert (od11.fte, od11.progress) == (1.0, 75.0)
    assert od12.fte == 1.0 and od12.progress == pytest.approx(52.5)
    assert od21.fte == 1.0 and od21.progress == pytest.approx(52.5)
    sd1, sd2 = r.sds[str(s["sd1"].pk)], r.sds[str(s["sd2"].pk)]
    assert sd1.fte == 2.0 and sd1.progress == pytest.approx((1 * 75 + .5 * 75 + .5 * 30) / 2)
    assert sd2.fte == 1.0 and sd2.progress == pytest.approx(52.5)
    assert r.total_fte == 4.0 and r.unassigned_fte == 1.0
    # another year: only P2's objective of 2021 counts
    r21 = store.plan_rollup(s["plan"], 2021)
    assert r21.ods[str(s["od11"].pk)].progress is None
    assert r21.sds[str(s["sd2"].pk)].progress == 90.0
    body = login("coord_e").get(reverse("plan_detail", args=[s["plan"].pk]) + "?year=2022") \
        .content.decode()

    def cells(code: str) -> list[str]:
        row = body[body.index(f'data-code="{code}"'):]
        row = row[:row.index("</tr>")]
        return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(
            r'<td class="num">(.*?)</td>', row)]

    assert cells("OD1.1") == ["1,00", "75 %", "1"]
    assert cells("OD1.2") == ["1,00", "53 %", "2"]  # 52.5 rounded half up
