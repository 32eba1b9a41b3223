"""Numbers typed and shown in the browser (tester, in Dutch): a weight typed as "2,5" under
an English browser locale was sent as 25 (``<input type="number">`` dropped the comma), and
a table column showed "66,01" next to "66,795". The decimal inputs are text inputs read with
one rule (``opbouwNumber.parse`` = ``opbouw.i18n.parse_number``) and every score of the
results table has the column's number of decimals."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.web.test_browser import browser, log_in  # noqa: F401 - fixtures
from tests.web.test_browser_lang import open_weighted_analysis


@pytest.fixture
def english_browser_page(browser: Any) -> Iterator[Any]:  # noqa: F811
    """A browser whose own locale is English, as the tester's was: the site stays Dutch."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    pg = context.new_page()
    yield pg
    context.close()


def _decimals(text: str) -> int:
    return len(text.split(",")[1]) if "," in text else 0


def test_a_weight_typed_with_a_comma_is_sent_and_saved_as_2_5(
        live_server: Any, live_world: dict, english_browser_page: Any) -> None:
    from opbouw.i18n import parse_number

    page = english_browser_page
    a = open_weighted_analysis(page, live_server.url, live_world)
    page.click("#weights summary")
    weight = page.locator("#weights input").first
    name = weight.get_attribute("name")
    assert weight.get_attribute("type") == "text"
    assert weight.get_attribute("inputmode") == "decimal"
    weight.fill("")
    with page.expect_request(lambda r: "results" in r.url and "2.5" in r.url) as sent:
        weight.press_sequentially("2,5")
    query = parse_qs(urlparse(sent.value.url).query)
    assert query[name] == ["2.5"], query
    page.wait_for_selector("#whatif[data-updates]")
    assert weight.input_value() == "2,5"  # the typed text stays as typed
    assert "error" not in (page.get_attribute("#whatif-status", "class") or "")

    # every score of the rewritten column has the same number of decimals
    scores = [s for s in page.eval_on_selector_all(
        "#results tbody tr td:nth-child(3)", "tds => tds.map(td => td.textContent)")
        if s != "–"]
    assert len(scores) > 2 and len({_decimals(s) for s in scores}) == 1, scores
    assert all(not re.search(r"\d\.\d", s) for s in scores), scores

    page.click("#whatif button[type=submit]")
    page.wait_for_selector("#legend div")
    a.refresh_from_db()
    assert a.config["weights"][name[2:]] == 2.5
    assert page.locator(f"input[name={name}]").input_value() == "2,5"

    # the browser's parse rule is the server's
    for typed in ("2,5", " 2.5 ", "-1", "\u22121,5", "15\u202f226,58", ",5", "1.234,5", "abc",
                  "1e3", "", "1,234,567"):
        js = page.eval_on_selector("body", "(b, t) => window.opbouwNumber.parse(t)", typed)
        try:
            expected: float | None = parse_number(typed)
        except ValueError:
            expected = None
        assert (None if math.isnan(js) else js) == expected, (typed, js)
