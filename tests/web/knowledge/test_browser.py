"""Playwright with Debian's Chromium against the live server: a worker records terrain
knowledge and answers questions, a coordinator writes a problem statement whose every
link reaches its source in one click, a resident contributes without an account, and a
partner-reader sees only what is shared."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.knowledge.conftest import CODE
from tests.web.test_browser import chromium_path, log_in


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path())
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text)
          if "Content Security Policy" in m.text else None)
    yield pg
    context.close()
    assert not errors, errors  # no script errors, no violations of the policy


def _open_evidence(page: Any) -> None:
    closed = page.locator("details.evidence-choices:not([open]) > summary")
    while closed.count():
        closed.first.click()


def _record_knowledge(page: Any, base: str, ds: int) -> None:
    page.goto(f"{base}/datasets/{ds}/areas/{CODE}/")
    page.click("#knowledge-link")
    page.wait_for_url(f"{base}/knowledge/{ds}/{CODE}/")

    page.click("#new-note")
    page.select_option("select[name=kind]", "conflict")
    page.fill("input[name=title]", "Spanningen rond het station")
    page.fill("textarea[name=text]", "Jongeren en handelaars botsen over het stationsplein.")
    page.fill("textarea[name=needs]", "Een eigen plek voor jongeren.")
    page.select_option("select[name=source]", "resident")
    page.click("#record-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/knowledge/\d+/\w+/#notes$"))
    assert "Spanningen rond het station" in page.inner_text("#note-list")

    page.click("#new-asset")
    page.wait_for_selector("#picker[data-ready='1']")
    page.select_option("select[name=kind]", "initiative")
    page.fill("input[name=name]", "Repair café in de parochiezaal")
    page.click("#picker", position={"x": 300, "y": 180})
    page.click("#record-form button[type=submit]")
    page.wait_for_selector("#asset-list")
    assert "Repair café in de parochiezaal" in page.inner_text("#asset-list")

    page.click("#new-place")
    page.wait_for_selector("#picker[data-ready='1']")
    page.click("#picker", position={"x": 320, "y": 200})
    assert page.eval_on_selector("#picker", "el => el.dataset.set") == "1"
    page.fill("input[name=name]", "Onderdoorgang aan het station")
    page.select_option("select[name=experience]", "avoided")
    page.fill("textarea[name=meaning]", "Kortste weg naar de bus.")
    page.fill("textarea[name=why]", "Donker en er wordt gedeald.")
    page.fill("input[name=group]", "ouderen")
    page.fill("input[name=time]", "'s avonds")
    page.click("#record-form button[type=submit]")
    page.wait_for_selector("#place-list")
    assert "Onderdoorgang aan het station" in page.inner_text("#place-list")


def test_worker_records_and_answers_then_coordinator_states_the_problem(
        live_server: Any, live_world: dict, page: Any, tmp_path: Path) -> None:
    from opbouw.web.knowledge.models import Answer, Asset, Note, Place

    base, ds = live_server.url, live_world["ds_east"].pk
    log_in(page, base, "worker_e")
    _record_knowledge(page, base, ds)
    note = Note.objects.get(title="Spanningen rond het station")
    place = Place.objects.get(name="Onderdoorgang aan het station")
    asset = Asset.objects.get(name="Repair café in de parochiezaal")
    assert place.experience == "avoided" and place.geometry["type"] == "Point"
    assert asset.geometry["type"] == "Point"

    for number, text, key in ((13, "De onderdoorgang wordt 's avonds gemeden.",
                               f"place:{place.pk}"),
                              (14, "Spanningen tussen jongeren en handelaars.", f"note:{note.pk}"),
                              (7, "Een repair café draait op vrijwilligers.", f"asset:{asset.pk}")):
        page.goto(f"{base}/knowledge/{ds}/{CODE}/questions/")
        page.click(f"li[data-number='{number}'] a.answer-link")
        page.fill("textarea[name=text]", text)
        _open_evidence(page)
        page.check(f"input[name=evidence][value='{key}']")
        page.click("#answer-form button[type=submit]")
        page.wait_for_selector("#checklist")
    assert "3 van 15" in page.inner_text("#completeness")
    assert page.locator("#checklist li.answered").count() == 3
    assert Answer.objects.filter(area__code=CODE, area__dataset_id=ds).count() == 3

    page.goto(f"{base}/knowledge/{ds}/{CODE}/")
    page.wait_for_selector("#knowledge-map[data-ready='1']")
    assert int(page.eval_on_selector("#knowledge-map", "el => el.dataset.features")) >= 3
    page.screenshot(path=str(tmp_path / "area_knowledge.png"), full_page=True)

    # the coordinator writes the problem statement on that evidence
    page.click("form.inline button.link")  # log out
    log_in(page, base, "coord_e")
    page.goto(f"{base}/knowledge/{ds}/{CODE}/")
    page.click("#new-statement")
    page.fill("input[name=title]", "Stationsbuurt 2026")
    page.fill("textarea[name=summary]", "Een buurt met krachten en gemeden plekken.")
    _open_evidence(page)
    page.select_option("select[name='items-0-section']", "need")
    page.fill("textarea[name='items-0-text']", "Jongeren hebben geen eigen plek.")
    page.check(f"#item-0 input[value='note:{note.pk}']")
    page.check(f"#item-0 input[value='place:{place.pk}']")
    page.select_option("select[name='items-1-section']", "opportunity")
    page.fill("textarea[name='items-1-text']", "Het repair café brengt bewoners samen.")
    page.check(f"#item-1 input[value='asset:{asset.pk}']")
    answer13 = Answer.objects.get(question__number=13, area__dataset_id=ds)
    page.check(f"#item-1 input[value='answer:{answer13.pk}']")
    page.fill("textarea[name='goals-0-text']", "De onderdoorgang samen met bewoners heraanleggen.")
    page.check("#goal-0 input[name='goals-0-tracks'][value='public_space']")
    page.check("#goal-0 input[name='goals-0-perspectives'][value='redistribution']")
    page.check(f"#goal-0 input[value='place:{place.pk}']")
    page.click("#statement-form button[type=submit]")
    page.wait_for_selector("#versions")
    page.screenshot(path=str(tmp_path / "statement.png"), full_page=True)

    statement_url = page.url
    links = page.eval_on_selector_all(
        "a.evidence-link", "as => as.map(a => [a.dataset.kind, a.textContent, a.href])")
    assert len(links) == 5
    assert {k for k, _t, _h in links} == {"note", "place", "asset", "answer"}
    for i, (kind, label, href) in enumerate(links):
        page.goto(statement_url)
        with page.expect_navigation() as nav:
            page.locator("a.evidence-link").nth(i).click()  # one click from the statement
        assert nav.value.status == 200 and page.url == href
        title = page.inner_text("#record-title")
        expected = "13." if kind == "answer" else label.split(" (")[0]
        assert expected in title, (label, title)
        assert "Stationsbuurt 2026" in page.inner_text("main")  # "cited in" leads back


def test_public_contribution_arrives_blurred(live_server: Any, live_world: dict, page: Any,
                                             browser: Any) -> None:
    from opbouw.analysis.places import blur_point
    from opbouw.web.knowledge.models import Place

    base, ds = live_server.url, live_world["ds_east"].pk
    log_in(page, base, "coord_e")
    page.goto(f"{base}/knowledge/{ds}/{CODE}/public/")
    page.check("input[name=enabled]")
    page.fill("input[name=precision_m]", "100")
    page.click("#public-settings button[type=submit]")
    url = page.get_attribute("#public-url", "href")

    anonymous = browser.new_context(viewport={"width": 1280, "height": 900})
    visitor = anonymous.new_page()
    visitor.goto(url)
    assert "naam" in visitor.inner_text("#privacy-note")
    visitor.wait_for_selector("#picker[data-ready='1']")
    visitor.click("#picker", position={"x": 250, "y": 150})
    exact = visitor.input_value("#id_geometry")
    visitor.check("input[name=experience][value=avoided]")
    visitor.fill("textarea[name=meaning]", "Hier fiets ik niet graag door.")
    visitor.fill("input[name=group]", "scholieren")
    visitor.click("#public-form button[type=submit]")  # without consent: not sent
    assert visitor.eval_on_selector("input[name=consent]", "el => !el.checkValidity()")
    assert not Place.objects.filter(via="public").exists()
    visitor.check("input[name=consent]")
    visitor.click("#public-form button[type=submit]")
    visitor.wait_for_selector("#thanks")
    anonymous.close()

    import json

    lon, lat = json.loads(exact)["coordinates"]
    place = Place.objects.get(meaning="Hier fiets ik niet graag door.")
    assert place.via == "public" and place.blurred_m == 100 and not place.reviewed
    assert place.geometry["coordinates"] == list(blur_point(lon, lat, 100))
    assert place.geometry["coordinates"] != [lon, lat]

    page.goto(f"{base}/knowledge/{ds}/{CODE}/")
    assert "Hier fiets ik niet graag door." in page.inner_text("#pending")
    page.click("#pending a")
    assert "100 m" in page.inner_text("#blurred")


def test_partner_reader_sees_only_what_is_shared(live_server: Any, live_kworld: dict,
                                                 page: Any) -> None:
    base, w = live_server.url, live_kworld
    log_in(page, base, "partner_p")
    page.goto(f"{base}/knowledge/{w['ds_shared'].pk}/{CODE}/")
    main = page.inner_text("main")
    assert "Notitie Gedeeld" in main and "Plaats Gedeeld" in main
    assert "Intern" not in main
    assert page.locator("#new-note").count() == 0  # readers do not write
    for path in (f"/knowledge/{w['ds_east'].pk}/{CODE}/",
                 f"/knowledge/note/{w['records']['private']['note'].pk}/",
                 f"/knowledge/note/{w['records']['west']['note'].pk}/",
                 f"/knowledge/{w['ds_shared'].pk}/{CODE}/new/note/"):
        response = page.goto(base + path)
        assert response.status in (403, 404), path


def test_one_map_and_one_timeline(live_server: Any, live_kworld: dict, page: Any) -> None:
    base, ds = live_server.url, live_kworld["ds_east"].pk
    log_in(page, base, "worker_e")
    page.goto(f"{base}/knowledge/{ds}/{CODE}/")
    page.wait_for_selector("#knowledge-map[data-ready='1']")
    # numbers, terrain knowledge and meanings as layers of one map, each can be switched off
    overlays = page.eval_on_selector_all(
        ".leaflet-control-layers-overlays label", "ls => ls.map(l => l.textContent.trim())")
    assert overlays == ["plaatsen", "krachten", "terreinkennis", "dichtheid", "cijfers"]
    assert int(page.eval_on_selector("#knowledge-map", "el => el.dataset.notes")) == 1
    assert int(page.eval_on_selector("#knowledge-map", "el => el.dataset.numbersAreas")) >= 2
    options = page.eval_on_selector_all("#numbers-indicator option", "os => os.map(o => o.value)")
    assert len(options) >= 2
    assert page.input_value("#numbers-indicator") == options[0]
    page.select_option("#numbers-indicator", options[1])
    page.wait_for_selector(f"#knowledge-map[data-numbers-indicator='{options[1]}']")
    polygons = page.locator("#knowledge-map path.leaflet-interactive").count()
    page.uncheck(".leaflet-control-layers-overlays label:has-text('cijfers') input")
    assert page.locator("#knowledge-map path.leaflet-interactive").count() < polygons
    # the timeline's filter hides one kind and shows it again
    notes = page.locator("#timeline li[data-kind='note']")
    assert notes.count() == 1 and notes.first.is_visible()
    page.uncheck("#timeline-filter input[value='note']")
    assert not notes.first.is_visible()
    assert page.locator("#timeline li[data-kind='place']").first.is_visible()
    page.check("#timeline-filter input[value='note']")
    assert notes.first.is_visible()
