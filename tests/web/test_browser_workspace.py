"""Issue 10 in the browser (Playwright, Debian's Chromium): an import that adds a year,
a partner reading a shared analysis, Dutch error pages, visible weights and form errors,
the area page at 1366 px with its map, deleting a dataset, print."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from tests.web.test_browser import browser, log_in, page  # noqa: F401 - fixtures

YEAR_FILE = ("code;indicator;jaar;waarde\n"
             "46021;werkloosheidsdruk;2031;8,1\n45041;werkloosheidsdruk;2031;9,9\n")


def _coloured(shot: bytes) -> int:
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"), dtype=int)
    return int(((pixels.max(axis=2) - pixels.min(axis=2)) > 40).sum())


def test_an_indicator_only_import_adds_a_year(live_server: Any, live_world: dict,
                                              page: Any, tmp_path: Path) -> None:
    from opbouw.web.areas.models import Dataset, IndicatorValue

    ds = live_world["ds_east"]
    count = Dataset.objects.count()
    log_in(page, live_server.url, "coord_e")
    page.goto(live_server.url + f"/datasets/{ds.pk}/")
    page.click("#add-values")
    assert page.locator("select[name=dataset]").input_value() == str(ds.pk)
    f = tmp_path / "jaar2031.csv"
    f.write_text(YEAR_FILE, encoding="utf-8")
    page.set_input_files("input[name=files]", [str(f)])
    page.click("form button[type=submit]")
    page.wait_for_selector("#confirm")
    assert "Oost gegevens" in page.inner_text("#import-target")
    page.click("#confirm")
    page.wait_for_selector("#areas")
    assert "2031" in page.inner_text("main")
    assert Dataset.objects.count() == count
    assert IndicatorValue.objects.filter(dataset=ds, year=2031).count() == 2
    page.goto(live_server.url + f"/datasets/{ds.pk}/areas/46021/?year=2031")
    assert "8,1" in page.inner_text("#indicators")


def test_a_partner_opens_a_shared_analysis_with_a_coloured_map(live_server: Any,
                                                               live_world: dict,
                                                               page: Any) -> None:
    a = live_world["a_east"]  # its dataset is not shared with the partner
    a.shared_with.add(live_world["orgs"]["partner"])
    log_in(page, live_server.url, "partner_p")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live_server.url + f"/analyses/{a.pk}/")
    page.wait_for_selector("#map[data-ready='1']")
    page.wait_for_timeout(300)
    assert _coloured(page.locator("#map").screenshot()) > 1000
    assert not errors
    link = page.locator("#results tbody a").first
    code = link.inner_text()
    response_holder = {}
    page.on("response", lambda r: response_holder.setdefault(r.url, r.status))
    link.click()
    page.wait_for_selector("#indicators")
    assert code in page.inner_text("h1")
    assert page.locator("#settings").count() == 1
    page.goto(live_server.url + f"/analyses/{a.pk}/")
    page.click("#dataset-link")
    page.wait_for_selector("#areas")
    assert not [u for u, s in response_holder.items() if s >= 400]


def test_an_error_page_is_dutch_and_in_the_layout(live_server: Any, live_world: dict,
                                                  page: Any) -> None:
    log_in(page, live_server.url, "worker_e")
    response = page.goto(live_server.url + "/bestaat-niet/")
    assert response.status == 404
    assert "Pagina niet gevonden" in page.inner_text("h1")
    assert page.locator("header.top nav").count() == 1
    response = page.goto(live_server.url + f"/datasets/{live_world['ds_east'].pk}/delete/")
    assert response.status == 403 and "Geen toegang" in page.inner_text("h1")


def test_weights_and_form_errors_are_visible(live_server: Any, live_world: dict,
                                             page: Any) -> None:
    log_in(page, live_server.url, "coord_e")
    page.goto(live_server.url + f"/analyses/{live_world['a_shared'].pk}/")
    page.click("#weights summary")
    first = page.locator("#weights input").first
    assert first.is_visible() and first.input_value() == "1"
    page.goto(live_server.url + "/analyses/new/")
    page.fill("input[name=name]", "Fout")
    page.fill("input[name=k]", "-1")
    page.click("form.analysis-form button[type=submit]")
    error = page.locator(".errorlist").first
    error.wait_for()
    assert error.is_visible() and "minstens 1" in error.inner_text()
    colour = error.evaluate("e => getComputedStyle(e).color")
    assert colour == "rgb(176, 0, 32)"


def test_area_page_at_1366_px(live_server: Any, live_world: dict, browser: Any) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    log_in(pg, live_server.url, "coord_e")
    a = live_world["a_east"]
    pg.goto(live_server.url + f"/datasets/{live_world['ds_east'].pk}/areas/46021/"
            f"?analysis={a.pk}")
    pg.wait_for_selector("#map[data-ready='1']")
    table = pg.locator("#indicators").bounding_box()
    mapbox = pg.locator("#map").bounding_box()
    parent = pg.locator("#parent-column").bounding_box()
    for box in (table, parent):  # the map never covers the table or its parent column
        apart = (box["x"] + box["width"] <= mapbox["x"] + 1
                 or box["y"] + box["height"] <= mapbox["y"] + 1)
        assert apart, (box, mapbox)
    assert parent["x"] + parent["width"] <= 1366
    assert pg.locator(".leaflet-control-scale").count() == 1
    assert _coloured(pg.locator("#map").screenshot()) > 200
    pg.emulate_media(media="print")
    assert not pg.locator("header.top").is_visible()
    assert not pg.locator("#year-form").is_visible()
    pg.emulate_media(media="screen")
    pg.click("#parent-link")
    pg.wait_for_selector("#sub-table")
    assert "Sint-Niklaas" in pg.inner_text("#sub-table")
    context.close()


def test_a_dataset_is_deleted_after_confirmation(live_server: Any, live_world: dict,
                                                 page: Any) -> None:
    from opbouw.web.areas.models import Dataset

    ds = live_world["ds_west"]
    log_in(page, live_server.url, "coord_w")
    page.goto(live_server.url + f"/datasets/{ds.pk}/")
    page.click("#delete-dataset")
    assert "West analyse" in page.inner_text("main")
    assert Dataset.objects.filter(pk=ds.pk).exists()
    page.click("#confirm-delete")
    page.wait_for_url(live_server.url + "/datasets/")
    assert not Dataset.objects.filter(pk=ds.pk).exists()
    assert "West gegevens" not in page.inner_text("table")
