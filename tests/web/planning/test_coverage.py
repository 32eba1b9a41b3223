"""Coverage of need on the page: every area with need says why (deprived, hot spot,
averaged away), FTE per area with need, sub-areas deprived inside a parent that is not."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def _rows(body: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'data-code="([^"]+)" data-category="([^"]+)"', body))


def test_coverage_table_says_why_there_is_need(plans: dict[str, Any], login: Any) -> None:
    from opbouw.web.analyses import engine

    need = plans["need"]
    flagged = {str(c) for c, f in engine.compute(need.dataset, need.method, need.config)[
        "table"]["flag"].items() if f}
    client = login("coord_e")
    body = client.get(reverse("plan_coverage", args=[plans["p_east"].pk])
                      + f"?analysis={need.pk}").content.decode()
    rows = _rows(body)
    assert flagged and all(rows[c] in ("covered", "gap") for c in flagged)
    for code in flagged:
        row = body[body.index(f'data-code="{code}"'):]
        row = row[:row.index("</tr>")]
        assert '<span class="tag">achtergesteld</span>' in row
    assert "Waarom nood" in body


def test_averaged_away_sub_areas_count_as_need(plans: dict[str, Any], monkeypatch: Any) -> None:
    """A sub-area flagged one level finer inside a parent that is not flagged is need; the
    project working there covers it."""
    import pandas as pd

    from opbouw.web.planning import coverage as cov

    need, plan = plans["need"], plans["p_east"]
    real = cov.engine.compute
    base = real(need.dataset, need.method, need.config)["table"]
    calm = next(str(c) for c, f in base["flag"].items() if not f)
    child = f"{calm}A01"

    def areas(_analysis: Any) -> pd.DataFrame:
        return pd.DataFrame({"name": [*base["name"], "Wijk"],
                             "level": ["municipality"] * len(base) + ["sector"],
                             "parent": ["40000"] * len(base) + [calm],
                             "population": [1000.0] * len(base) + [100.0]},
                            index=[*map(str, base.index), child])

    def compute(ds: Any, method: str, cfg: dict[str, Any]) -> dict[str, Any]:
        if cfg.get("level") == "sector":
            return {"table": pd.DataFrame({"name": ["Wijk"], "score": [3.0], "flag": [True]},
                                          index=[child])}
        return real(ds, method, cfg)

    monkeypatch.setattr(cov, "_areas", areas)
    monkeypatch.setattr(cov.engine, "compute", compute)
    monkeypatch.setattr(cov, "hot_spots", lambda _a, _s: [])
    project = plan.projects.create(name="Wijkwerking", fte=2)
    from opbouw.web.areas.models import Area

    project.areas.add(Area.objects.create(dataset=need.dataset, code=child, name="Wijk",
                                          level="sector", parent_code=calm))
    result, info = cov.plan_coverage(plan, need)
    row = result.table.loc[child]
    assert row["category"] == "covered" and row["reasons"] == ["averaged_away"]
    assert row["fte"] == 2.0 and info["names"][child] == "Wijk"
    assert result.table.loc[calm, "category"] != "gap"  # the parent itself has no need
