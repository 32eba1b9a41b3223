"""Language and number formats in the browser (issue 10, point 6): the decimal inputs of a
study form hold values the browser accepts, the browser's number helper writes what the
server writes, the what-if weights read ``1`` and the legend keeps working, and the API
documentation sits in the site's layout with a way back."""

from __future__ import annotations

import re
from typing import Any

from tests.web.test_browser import browser, log_in, page  # noqa: F401 - fixtures


def test_study_form_inputs_are_valid_and_numbers_agree(live_server: Any, live_world: dict,
                                                       page: Any) -> None:  # noqa: F811
    from opbouw.web.areas.templatetags.opbouw_tags import format_num

    base = live_server.url
    page.set_default_timeout(60_000)
    log_in(page, base, "coord_e")
    page.goto(f"{base}/studies/datasets/{live_world['ds_east'].pk}/allocation/")
    page.wait_for_selector("#study-form")
    for name, value in (("budget", "10"), ("step", "0,05"), ("minimum", "0")):
        assert page.get_attribute(f"input[name={name}]", "value") == value
        assert page.eval_on_selector(f"input[name={name}]", "e => e.validity.valid"), name
    # the browser's helper (numbers.js) writes what the server's filter writes
    for value, digits in ((15226.584, 2), (-0.5, 2), (1234.0, 1), (0.0004, 2)):
        js = page.eval_on_selector(
            "body", f"(b) => window.opbouwNumber({value}, {digits})")
        assert js == format_num(value, digits, "nl"), (value, js)


def test_what_if_weights_and_legend(live_server: Any, live_world: dict,
                                    page: Any) -> None:  # noqa: F811
    open_weighted_analysis(page, live_server.url, live_world)
    weights = page.locator("#weights input[inputmode=decimal]")
    assert weights.count() >= 1
    for i in range(weights.count()):
        assert weights.nth(i).get_attribute("value") == "1"
        assert weights.nth(i).evaluate("e => e.validity.valid")
    legend = page.inner_text("#legend")  # written by results.js with numbers.js
    assert re.search(r"\d,\d", legend) and not re.search(r"\d\.\d", legend), legend


def test_api_docs_in_the_site_layout(live_server: Any, live_world: dict,
                                     page: Any) -> None:  # noqa: F811
    base = live_server.url
    page.set_default_timeout(60_000)
    log_in(page, base, "coord_e")
    page.goto(f"{base}/api/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "opbouw-API" in page.inner_text(".swagger-ui .info .title")
    assert "De gegevens van opbouw" in page.inner_text(".swagger-ui .info")
    assert page.title() == "opbouw-API · opbouw"
    page.click("text=Terug naar de werkruimte")
    page.wait_for_url(base + "/")


def open_weighted_analysis(page: Any, base: str, world: dict) -> Any:
    """The shared composite analysis with a saved weight of 1, opened as its coordinator
    and drawn (its legend written); returns the analysis."""
    a = world["a_shared"]
    a.config = {**a.config, "weights": {"unemployment_pressure": 1.0}}
    a.save()
    page.set_default_timeout(60_000)
    log_in(page, base, "coord_e")
    page.goto(f"{base}/analyses/{a.pk}/")
    page.wait_for_selector("#legend div")
    return a
