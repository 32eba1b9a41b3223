"""Playwright driving Debian's Chromium against the running server (pytest-django's
live_server): log in, upload good and broken files, run an analysis, look at the map,
change a what-if setting, and check what a partner-reader cannot reach."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import DATA
from tests.web.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures
# are still synchronous, so Django's async-safety guard is told so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str:
    found = os.environ.get("OPBOUW_CHROMIUM") or next(
        (p for p in CANDIDATES if Path(p).exists()), None) or shutil.which("chromium")
    assert found, ("Debian's chromium is needed for the browser tests: apt-get install chromium "
                   "(make test installs it when run as root)")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path())
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def upload(page: Any, base: str, name: str, *files: str) -> None:
    page.goto(base + "/imports/new/")
    page.fill("input[name=name]", name)
    page.set_input_files("input[name=files]", [str(DATA / f) for f in files])
    page.click("form button[type=submit]")


def test_upload_good_and_broken_files(live_server: Any, live_world: dict, page: Any) -> None:
    from opbouw.web.areas.models import Dataset

    log_in(page, live_server.url, "coord_e")
    upload(page, live_server.url, "Browserimport", "areas_ov.csv", "flemish_cp1252_wide.csv")
    page.wait_for_selector("#confirm")
    assert "Sint-Niklaas" in page.inner_text("table.preview")
    page.click("#confirm")
    page.wait_for_selector("#areas")
    assert "Sint-Niklaas" in page.inner_text("#areas")
    count = Dataset.objects.count()

    upload(page, live_server.url, "Kapot", "ten_areas.csv", "ten_problems.csv")
    page.wait_for_selector("#problems")
    header = page.inner_text("#problems thead")
    assert "Rij" in header and "Kolom" in header
    first = page.locator("#problems tbody tr").first.inner_text()
    assert any(ch.isdigit() for ch in first)  # a row number is shown
    assert page.locator("#confirm").count() == 0
    assert Dataset.objects.count() == count


def test_analysis_map_and_what_if(live_server: Any, live_world: dict, page: Any,
                                  tmp_path: Path) -> None:
    from PIL import Image

    log_in(page, live_server.url, "coord_e")
    page.goto(live_server.url + "/analyses/new/")
    page.fill("input[name=name]", "Browseranalyse")
    page.select_option("select[name=method]", "atlas")
    page.fill("input[name=k]", "1")
    page.click("form.analysis-form button[type=submit]")
    page.wait_for_selector("#map[data-ready='1']")
    page.wait_for_timeout(300)
    shot = page.locator("#map").screenshot(path=str(tmp_path / "map.png"))
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    pixels = np.asarray(image, dtype=int)
    saturation = pixels.max(axis=2) - pixels.min(axis=2)
    coloured = int((saturation > 40).sum())  # the map classes are oranges; the ground is grey
    assert coloured > 1000, f"only {coloured} coloured map pixels"

    before = page.inner_text("#results tbody")
    flagged = page.inner_text("#n-flagged")
    page.fill("input[name=p]", "60")
    page.wait_for_selector("#whatif[data-updates]")  # CSS, not eval: the policy forbids eval
    assert page.inner_text("#n-flagged") != flagged
    assert page.inner_text("#results tbody") != before
    # the rows rewritten in place are exactly the answer's rows: code, rank, flag
    answer = page.request.get(live_server.url + page.get_attribute("#whatif", "data-url")
                              + "?p=60&k=1").json()
    shown = page.eval_on_selector_all("#results tbody tr", """trs => trs.map(tr => [
        tr.cells[0].textContent, tr.cells[0].firstChild.getAttribute('href'),
        tr.cells[3].textContent, tr.cells[4].textContent])""")
    assert [[c, h.split("/")[-2], r, f] for c, h, r, f in shown] == [
        [row[0], row[0], "–" if row[3] is None else str(row[3]), "●" if row[4] else ""]
        for row in answer["rows"]]

    page.click("#results th:nth-child(3)")  # score, ascending
    scores = page.eval_on_selector_all(
        "#results tbody tr td:nth-child(3)", "tds => tds.map(td => parseFloat(td.dataset.v))")
    assert scores == sorted(scores) and len(scores) > 2
    page.fill("#table-filter", "Sint-Niklaas")
    visible = page.eval_on_selector_all(
        "#results tbody tr", "trs => trs.filter(tr => tr.style.display !== 'none').length")
    assert visible == 1


def test_partner_reader_cannot_reach_other_data_or_edit(live_server: Any, live_world: dict,
                                                        page: Any) -> None:
    log_in(page, live_server.url, "partner_p")
    page.goto(live_server.url + "/analyses/")
    listing = page.inner_text("main")
    assert "Gedeelde analyse" in listing and "Oost analyse" not in listing
    assert "West analyse" not in listing
    for path, status in ((f"/analyses/{live_world['a_east'].pk}/", 404),
                         (f"/analyses/{live_world['a_west'].pk}/", 404),
                         (f"/datasets/{live_world['ds_east'].pk}/", 404),
                         ("/imports/new/", 403), ("/analyses/new/", 403)):
        response = page.goto(live_server.url + path)
        assert response.status == status, path
    page.goto(live_server.url + f"/analyses/{live_world['a_shared'].pk}/")
    assert page.locator("#whatif button[type=submit]").count() == 0  # no save for readers


def test_area_name_with_markup_is_text_and_policy_forbids_inline_script(
        live_server: Any, live_world: dict, page: Any) -> None:
    from opbouw.web.areas import store
    from opbouw.web.areas.models import Area

    evil = '<img src=x onerror="window.__xss = 1">'
    dataset = live_world["a_east"].dataset
    Area.objects.filter(dataset=dataset).update(name=evil)
    store._CACHE.clear()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    log_in(page, live_server.url, "coord_e")
    response = page.goto(live_server.url + f"/analyses/{live_world['a_east'].pk}/")
    policy = response.headers["content-security-policy"]
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "script-src 'self'" in policy and "unsafe-inline" not in script_src
    page.wait_for_selector("#map[data-ready='1']")
    box = page.locator("#map").bounding_box()
    tooltip = page.locator(".leaflet-tooltip")
    for dx, dy in ((0.5, 0.5), (0.4, 0.5), (0.6, 0.5), (0.5, 0.4), (0.5, 0.6), (0.3, 0.3)):
        page.mouse.move(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
        page.wait_for_timeout(150)
        if tooltip.count():
            break
    assert tooltip.count() == 1, "no tooltip appeared over the map"
    assert "<img" in tooltip.inner_text()  # shown as text
    assert tooltip.locator("img").count() == 0
    assert page.evaluate("window.__xss") is None
    assert not violations, violations
