"""Playwright with Debian's Chromium against the live server: two people fill in the map
of social inclusion differently and the result marks exactly those factors; a round a
year later shows the change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opbouw.web.inclusion.factors import load
from opbouw.web.inclusion.forms import field_name
from tests.web.test_browser import log_in

DIMS = ("culture", "practice", "policy")


def _fill(page: Any, base: str, pk: int, base_score: int,
          overrides: dict[tuple[str, str], str]) -> None:
    page.goto(f"{base}/inclusion/{pk}/fill/")
    for key in load().factors:
        for dim in DIMS:
            page.select_option(f"select[name='{field_name(key, dim)}']",
                               overrides.get((key, dim), str(base_score)))
    page.click("#save-answers")
    page.wait_for_selector("#participants")


def _disagreeing(page: Any) -> set[str]:
    return set(page.eval_on_selector_all(
        "table.agreement tr.disagree", "rows => rows.map(r => r.dataset.factor)"))


def test_two_people_disagree_and_a_year_later_shows_change(live_server: Any, live_world: dict,
                                                           page: Any, browser: Any,
                                                           tmp_path: Path) -> None:
    from opbouw.web.inclusion.models import Assessment

    base = live_server.url
    page.set_default_timeout(90_000)  # the live server shares a busy machine
    log_in(page, base, "coord_e")
    page.goto(f"{base}/inclusion/new/")
    page.fill("input[name=name]", "Zelfevaluatie 2025")
    page.fill("input[name=held_on]", "2025-03-01")
    page.click("#save-round")
    page.wait_for_selector("#participants")
    first = Assessment.objects.get(name="Zelfevaluatie 2025")
    _fill(page, base, first.pk, 3, {})

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    worker = other.new_page()
    worker.set_default_timeout(90_000)
    log_in(worker, base, "worker_e")
    _fill(worker, base, first.pk, 3, {("org.leadership", "policy"): "1",
                                      ("pub.network", "culture"): "1",
                                      ("staff.vision", "practice"): "2",  # close enough
                                      ("env.layout", "culture"): ""})  # don't know
    other.close()

    page.goto(f"{base}/inclusion/{first.pk}/")
    assert "2 deelnemers" in page.inner_text("#participants")
    assert _disagreeing(page) == {"org.leadership", "pub.network"}
    assert "2 factoren" in page.inner_text("#disagreement-summary")
    cell = page.locator("tr[data-factor='org.leadership'] td[data-dimension='policy']")
    assert "disagree" in (cell.get_attribute("class") or "")
    assert "1–3" in cell.inner_text()
    page.screenshot(path=str(tmp_path / "inclusion_result.png"), full_page=True)

    # a year later the coordinator holds a second round; leadership policy improved
    page.goto(f"{base}/inclusion/new/")
    page.fill("input[name=name]", "Zelfevaluatie 2026")
    page.fill("input[name=held_on]", "2026-03-01")
    page.click("#save-round")
    page.wait_for_selector("#participants")
    second = Assessment.objects.get(name="Zelfevaluatie 2026")
    assert second.previous() == first
    _fill(page, base, second.pk, 3, {("org.leadership", "policy"): "4"})
    page.goto(f"{base}/inclusion/{second.pk}/")
    assert page.input_value("#compare") == str(first.pk)
    deltas = dict(page.eval_on_selector_all(
        "span.delta.up, span.delta.down",
        "ss => ss.map(s => [s.closest('tr').dataset.factor + '/' +"
        " s.closest('td').dataset.dimension, s.dataset.delta])"))
    # leadership policy: 4 now against the mean of 3 and 1; the network culture: 3 against
    # 2; staff vision practice: 3 against 2.5; env.layout culture was 3 (one answer)
    assert deltas == {"org.leadership/policy": "2,00", "pub.network/culture": "1,00",
                      "staff.vision/practice": "0,50"}
    up = page.locator("tr[data-factor='org.leadership'] td[data-dimension='policy'] .delta")
    assert "▲" in up.inner_text()
