"""The example plan stored for an organisation: structure, places linked to areas."""

from __future__ import annotations

from typing import Any


def test_example_plan_is_stored_with_its_structure(plans: dict[str, Any]) -> None:
    plan = plans["p_east"]
    assert plan.goals.filter(kind="external").count() == 3
    assert [o.code for g in plan.goals.filter(kind="external") for o in g.operational.all()] \
        == ["OD1.1", "OD1.2", "OD1.3", "OD1.4", "OD1.5", "OD1.6", "OD2.1", "OD2.2", "OD3.1",
            "OD3.2", "OD3.3", "OD3.4"]
    assert plan.actions.filter(internal=False).count() == 10
    ronse = plan.projects.get(key="onderwijsopbouwwerk-ronse")
    assert sorted(a.code for a in ronse.actions.all()) == ["SA6", "SA7", "SA8"]
    assert [a.code for a in ronse.areas.all()] == ["45041"]  # Ronse in the test dataset
    assert not plan.projects.get(key="aandachtsgebieden-beveren").areas.exists()
    assert [a.code for a in plan.projects.get(key="travak-zelzate").areas.all()] == ["44073"]
    # the example's contributions are the ones its descriptions state
    stek = plan.actions.get(code="SA1").contributions.get()
    assert (stek.od.code, stek.strength, stek.source) == ("OD1.1", "surely", "beschrijving")


def test_example_actions_keep_timing_partners_projects_and_places(plans: dict[str, Any]) -> None:
    """Checked by hand against the action sheets of seed 004 (timing as written there)."""
    import datetime as dt

    plan = plans["p_east"]
    timing = {a.code: (a.timing, a.start, a.end) for a in plan.actions.all()}
    assert timing["SA1"] == ("April 2020 – December 2022", dt.date(2020, 4, 1),
                             dt.date(2022, 12, 31))
    assert timing["SA8"] == ("2022 - 2024", dt.date(2022, 1, 1), dt.date(2024, 12, 31))
    assert timing["SA10"] == ("01/1/2021 – 31/12/2025", dt.date(2021, 1, 1),
                              dt.date(2025, 12, 31))
    assert plan.actions.get(code="SA5").partners.startswith(
        "Samenwerkingspartners zijn onder andere Uit De Marge, Lejo, Kopa")
    assert plan.actions.get(code="SAI1").partners.startswith(
        "sector Samenlevingsopbouw, onze doelgroepen en onze partners")
    fund = plan.actions.get(code="SA3").projects.get(name="Noodkoopfonds Ninove-Denderleeuw")
    assert fund.places == "Ninove, Denderleeuw"
    assert [p.name for p in plan.actions.get(code="SA10").projects.order_by("name")] == [
        "Buurtopbouwwerk Denderleeuw", "Buurtopbouwwerk Ronse",
        "Versterken van aandachtsgebieden Beveren"]
    assert plan.actions.filter(internal=True).count() == 10
