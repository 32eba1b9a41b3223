"""Playwright: a GeoPackage with several layers is imported in the browser after the
user chose its layer and code column on the preview."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.test_browser import browser, log_in, page, upload  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def patient(page: Any) -> None:  # noqa: F811
    """Two cores shared by many: wait longer than Playwright's 30 s for a page."""
    page.set_default_timeout(90_000)
    page.set_default_navigation_timeout(90_000)


def test_choose_a_layer_and_code_column_then_import(live_server: Any, live_world: dict,
                                                    page: Any) -> None:  # noqa: F811
    log_in(page, live_server.url, "coord_e")
    upload(page, live_server.url, "Deelgemeenten", "flanders_two_layers.gpkg")
    page.wait_for_selector("form.layer-choice")
    assert "meerdere lagen" in page.inner_text("#problems")
    assert page.locator("#confirm").count() == 0
    page.select_option("form.layer-choice select[name=layer]", "deelgemeente2024")
    page.click("form.layer-choice button[type=submit]")
    page.wait_for_selector("form.layer-choice select[name=id_column]")
    page.select_option("form.layer-choice select[name=id_column]", "geoitem")
    page.click("form.layer-choice button[type=submit]")
    page.wait_for_selector("#confirm")
    assert "Hofstade (Aalst)" in page.inner_text("table.preview")
    page.click("#confirm")
    page.wait_for_selector("#areas")
    assert "Hofstade (Aalst)" in page.inner_text("#areas")
