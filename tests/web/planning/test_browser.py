"""Playwright with Debian's Chromium against the live server: a coordinator builds a small
plan (OD, action, project in two areas), records progress, and the coverage map shows the
project's areas as covered and an uncovered deprived area as a gap."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.web.test_browser import browser, log_in, page  # noqa: F401  (fixtures)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SHOTS = Path(os.environ.get("OPBOUW_SHOTS", "")) if os.environ.get("OPBOUW_SHOTS") else None

GREEN, RED = "#1a9850", "#d73027"


def _warm(base: str) -> None:
    """The live server's first request imports the analysis stack; on a busy machine that
    takes longer than a page load may, so it is made once before the browser starts."""
    import urllib.request

    urllib.request.urlopen(base + "/login/", timeout=300).read()


def _shot(pg: Any, name: str) -> None:
    if SHOTS:
        pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_coordinator_builds_a_plan_and_sees_coverage(live_server: Any, live_world: dict,
                                                     page: Any) -> None:  # noqa: F811
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import Area
    from opbouw.web.planning.models import Objective, OperationalGoal, Plan, Project

    base = live_server.url
    ds = live_world["ds_east"]
    need = Analysis.objects.create(
        organisation=live_world["orgs"]["east"], dataset=ds, name="Nood oost", method="atlas",
        config={"indicators": [], "level": "municipality", "p": 50.0, "k": 1, "n": 3})
    _warm(base)
    log_in(page, base, "coord_e")

    page.goto(base + "/plans/new/")
    page.fill("input[name=name]", "Browserplan 2021-2025")
    page.fill("input[name=start_year]", "2021")
    page.fill("input[name=end_year]", "2025")
    page.click("form.plan-form button[type=submit]")
    page.wait_for_selector("#goals")
    plan = Plan.objects.get(name="Browserplan 2021-2025")

    page.goto(base + f"/plans/{plan.pk}/goals/new/sd/")
    page.fill("input[name=title]", "Grond- en mensenrechten")
    page.click("form.plan-form button[type=submit]")
    page.click("#new-od")
    page.select_option("select[name=goal]", label="SD1 Grond- en mensenrechten")
    page.fill("input[name=code]", "OD1.1")
    page.fill("input[name=title]", "Sociale bescherming")
    page.fill("input[name=theme]", "Sociale bescherming")
    page.click("form.plan-form button[type=submit]")
    page.wait_for_selector("#goals tr[data-code='OD1.1']")
    od = OperationalGoal.objects.get(goal__plan=plan, code="OD1.1")

    page.click("#new-action")
    page.fill("input[name=title]", "Buurtwerking in aandachtsgebieden")
    page.fill("input[name=timing]", "2021-2025")
    page.fill("input[name=start]", "2021-01-01")
    page.fill("input[name=end]", "2020-12-31")  # before the start: a Dutch error, no 500
    page.click("form.plan-form button[type=submit]")
    assert "Het einde ligt voor de start." in page.inner_text("form.plan-form")
    page.fill("input[name=end]", "2025-12-31")
    page.click("form.plan-form button[type=submit]")
    page.wait_for_selector("text=Projecten en acties die bijdragen")
    action = plan.actions.get()

    page.goto(base + f"/plans/{plan.pk}/matrix/")
    page.select_option(f"select[name=c_{action.pk}_{od.pk}]", "surely")
    page.click("#matrix-form button[type=submit]")
    page.wait_for_selector("text=Overzichtsschema bewaard.")
    assert action.contributions.get().od == od

    ronse = Area.objects.get(dataset=ds, code="45041")
    sint_niklaas = Area.objects.get(dataset=ds, code="46021")
    page.goto(base + f"/plans/{plan.pk}/projects/new/?action={action.pk}")
    page.fill("input[name=name]", "Buurtopbouwwerk Waasland-Vlaamse Ardennen")
    page.fill("textarea[name=problem]", "Slechte woonkwaliteit en onderbescherming.")
    page.fill("textarea[name=target_group]", "Huurders op de private huurmarkt.")
    page.select_option("select[name=areas]", [str(ronse.pk), str(sint_niklaas.pk)])
    page.check("input[name=tracks][value=rights]")
    page.fill("input[name=fte]", "1,5")  # Dutch decimal comma
    page.click("form.plan-form button[type=submit]")
    page.wait_for_selector("#project-areas")
    project = Project.objects.get(plan=plan)
    assert float(project.fte) == 1.5
    assert sorted(a.code for a in project.areas.all()) == ["45041", "46021"]
    assert "Ronse" in page.inner_text("#project-areas")

    page.fill("#objective-form input[name=year]", "2022")
    page.fill("#objective-form input[name=title]", "Huurdersgroep opstarten")
    page.click("#objective-form button[type=submit]")
    objective = Objective.objects.get(project=project)
    page.click(f"#objective-{objective.pk} summary")
    form = f"#objective-{objective.pk} form"
    page.select_option(f"{form} select[name=status]", "on_track")
    page.fill(f"{form} input[name=percentage]", "60")
    page.fill(f"{form} input[name=date]", "2022-05-12")
    page.select_option(f"{form} select[name=kind]", "decided")
    page.fill(f"{form} textarea[name=text]", "Huurdersgroep kiest woonkwaliteit als thema.")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector("text=Voortgang genoteerd.")
    assert "60 %" in page.inner_text(f"#objective-{objective.pk} .pct")
    assert "Huurdersgroep kiest woonkwaliteit" in page.inner_text(f"#objective-{objective.pk}")
    _shot(page, "planning-project")

    # the roll-up: the OD and its SD carry the project's FTE and progress
    page.goto(base + f"/plans/{plan.pk}/?year=2022")
    row = page.inner_text("#goals tr[data-code='OD1.1']")
    assert "1,50" in row and "60 %" in row
    _shot(page, "planning-plan")

    page.goto(base + f"/plans/{plan.pk}/coverage/?analysis={need.pk}")
    page.wait_for_selector("#coverage-map[data-ready='1']")
    categories = dict(page.eval_on_selector_all(
        "#coverage-table tbody tr", "trs => trs.map(tr => [tr.dataset.code, tr.dataset.category])"))
    assert categories["45041"] == categories["46021"] == "covered"
    assert categories["44021"] == "gap"  # Gent: deprived, no project
    assert "41002" not in categories  # Aalst: no need, no presence
    # the map colours the two covered areas green and the gaps red
    green = page.eval_on_selector_all(f"#coverage-map path[fill='{GREEN}']", "ps => ps.length")
    red = page.eval_on_selector_all(f"#coverage-map path[fill='{RED}']", "ps => ps.length")
    assert green == 2 and red == 2  # Gent and Zelzate are the uncovered deprived areas
    summary = page.inner_text("#coverage-summary")
    assert "4 gebieden met nood: 2 met aanwezigheid, 2 zonder aanwezigheid" in summary
    assert "0,38 VTE per gebied met nood" in summary  # 1.5 FTE over 4 deprived areas
    _shot(page, "planning-coverage")


def test_partner_reads_a_shared_plan_but_cannot_edit(live_server: Any, live_world: dict,
                                                     page: Any) -> None:  # noqa: F811
    from opbouw.data.plans import load_example
    from opbouw.web.planning import store

    plan = store.import_plan(load_example(), live_world["orgs"]["east"], None,
                             live_world["ds_east"])
    plan.shared_with.add(live_world["orgs"]["partner"])
    _warm(live_server.url)
    log_in(page, live_server.url, "partner_p")
    page.goto(live_server.url + f"/plans/{plan.pk}/matrix/")
    assert "De Stek (sector)" in page.inner_text("#matrix-external")
    assert page.locator("#matrix-external select").count() == 0
    assert page.locator("#matrix-form button[type=submit]").count() == 0
    response = page.goto(live_server.url + f"/plans/{plan.pk}/projects/new/")
    assert response.status == 403
