"""Issue 10, the new user's walk at 1366 px: tables next to a map fit (or stack below
it), filter rows wrap, the two maps draw their legend with one shared function."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.test_browser import browser, log_in, page  # noqa: F401 - fixtures

STATIC = Path(__file__).parents[2] / "src" / "opbouw" / "web"
WIDTHS = (1366, 1024)

# the table's box, its scrolling container and the map's box, in the page's coordinates
BOXES = """([table, map]) => {
  const t = document.querySelector(table), m = document.querySelector(map);
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY}; };
  const c = t.parentElement;
  return {table: box(t), map: box(m), viewport: document.documentElement.clientWidth,
          scroll: [c.scrollWidth, c.clientWidth]};
}"""


def _fits(page: Any, table: str, map_: str) -> None:  # noqa: F811
    b = page.evaluate(BOXES, [table, map_])
    t, m = b["table"], b["map"]
    assert t["right"] <= b["viewport"], b
    assert b["scroll"][0] <= b["scroll"][1] + 1, b  # nothing hidden to the right
    overlap = (t["left"] < m["right"] and m["left"] < t["right"]
               and t["top"] < m["bottom"] and m["top"] < t["bottom"])
    assert not overlap, b


def test_study_table_fits_beside_or_below_the_map(live_server: Any, live_world: dict,
                                                  page: Any) -> None:  # noqa: F811
    from opbouw.web.studies.models import Study

    client = Client()
    client.force_login(live_world["users"]["coord_e"])
    ds = live_world["ds_east"]
    response = client.post(reverse("study_new", args=[ds.pk, "uncertainty"]),
                           {"level": "municipality", "draws": 100, "n": 2})
    assert response.status_code == 302
    study = Study.objects.filter(kind="uncertainty").latest("pk")
    log_in(page, live_server.url, "coord_e")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/studies/{study.pk}/")
        page.wait_for_selector("#map[data-ready='1']")
        _fits(page, "#results", "#map")
    # printed on A4 (about 680 px between the margins) the table is whole too
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 900})
    right = page.evaluate("() => document.getElementById('results').getBoundingClientRect().right")
    assert right <= page.evaluate("() => document.documentElement.clientWidth")


def test_plan_coverage_table_fits_with_a_long_project_name(live_server: Any, live_world: dict,
                                                           page: Any) -> None:  # noqa: F811
    from opbouw.data.plans import load_example
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import Area
    from opbouw.web.planning import store

    ds = live_world["ds_east"]
    plan = store.import_plan(load_example(), live_world["orgs"]["east"], None, ds)
    need = Analysis.objects.create(
        organisation=live_world["orgs"]["east"], dataset=ds, name="Nood", method="atlas",
        config={"indicators": [], "level": "municipality", "p": 50.0, "k": 1, "n": 3})
    project = plan.projects.first()
    project.name = "Onderwijsopbouwwerkersnetwerkondersteuning"
    project.save()
    project.areas.set(Area.objects.filter(dataset=ds, level="municipality")[:3])
    log_in(page, live_server.url, "coord_e")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/plans/{plan.pk}/coverage/?analysis={need.pk}")
        page.wait_for_selector("#coverage-map[data-ready='1']")
        assert "Onderwijsopbouwwerkersnetwerkondersteuning" in page.inner_text("#coverage-table")
        _fits(page, "#coverage-table", "#coverage-map")


def test_audit_filter_row_wraps_inside_the_page(live_server: Any, live_world: dict,
                                                page: Any) -> None:  # noqa: F811
    log_in(page, live_server.url, "admin_e")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/audit/")
        rights = page.eval_on_selector_all(
            "form.filters > *", "els => els.map(e => e.getBoundingClientRect().right)")
        viewport = page.evaluate("() => document.documentElement.clientWidth")
        assert rights and max(rights) <= viewport, (width, rights)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport


@pytest.mark.parametrize("script", ["static/opbouw/results.js",
                                    "studies/static/studies/studies.js"])
def test_both_maps_draw_the_legend_with_the_shared_function(script: str) -> None:
    """One legend drawing (static/opbouw/legend.js), loaded before each map's script."""
    source = (STATIC / script).read_text("utf-8")
    assert "window.opbouwLegend(" in source
    assert "legend-title" not in source and '"swatch"' not in source
    shared = (STATIC / "static/opbouw/legend.js").read_text("utf-8")
    assert "legend-title" in shared and "swatch" in shared
    template = {"static/opbouw/results.js": "templates/analyses/analysis_detail.html",
                "studies/static/studies/studies.js":
                    "studies/templates/studies/study_detail.html"}[script]
    scripts = re.findall(r"static '([^']+\.js)'", (STATIC / template).read_text("utf-8"))
    assert scripts.index("opbouw/legend.js") < scripts.index(script.rsplit("static/", 1)[1])


def test_signal_map_without_boundaries_or_points_says_why(live_server: Any, live_world: dict,
                                                          page: Any) -> None:  # noqa: F811
    """Like the demo's ``west``: an organisation with no dataset and no signals saw an
    empty grey map; now a Dutch sentence says why, and East still sees its map."""
    from django.contrib.auth import get_user_model

    from opbouw.web.accounts.models import Membership, Organisation, Role
    from tests.web.conftest import PASSWORD

    org = Organisation.objects.create(name="Instituut Nieuw")
    user = get_user_model().objects.create_user("coord_n", password=PASSWORD)
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    log_in(page, live_server.url, "coord_n")
    page.goto(f"{live_server.url}/signals/overview/")
    page.wait_for_selector("#signal-map-empty", timeout=15_000)
    assert "Nog geen kaart" in page.inner_text("#signal-map-empty")
    assert page.locator("#signal-map").count() == 0
    page.goto(f"{live_server.url}/signals/new/")  # the point picker says it too
    assert "Geen gemeentegrenzen" in page.inner_text("#pick-map-empty")
    page.context.clear_cookies()
    log_in(page, live_server.url, "coord_e")
    page.goto(f"{live_server.url}/signals/overview/")
    page.wait_for_selector("#signal-map[data-ready='1']", timeout=15_000)
    assert page.locator("#signal-map-empty").count() == 0
    assert page.locator("#signal-map path.leaflet-interactive").count() > 0  # the outlines


def test_plan_matrix_fits_at_1366(live_server: Any, live_world: dict,
                                  page: Any) -> None:  # noqa: F811
    """The example plan's twelve external goals side by side, no column hidden to the
    right, and a chosen strength readable in its list."""
    from opbouw.data.plans import load_example
    from opbouw.web.planning import store

    plan = store.import_plan(load_example(), live_world["orgs"]["east"], None,
                             live_world["ds_east"])
    log_in(page, live_server.url, "coord_e")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/plans/{plan.pk}/matrix/")
    b = page.evaluate("""() => { const t = document.getElementById('matrix-external');
      const c = t.parentElement; const s = t.querySelector('select option:checked[value=surely]');
      const sel = s.parentElement, text = document.createElement('span');
      text.style.font = getComputedStyle(sel).font; text.textContent = s.textContent;
      document.body.appendChild(text);
      return {right: t.getBoundingClientRect().right,
              viewport: document.documentElement.clientWidth,
              scroll: [c.scrollWidth, c.clientWidth],
              select: [sel.getBoundingClientRect().width,
                       text.getBoundingClientRect().width]}; }""")
    assert b["right"] <= b["viewport"] and b["scroll"][0] <= b["scroll"][1] + 1, b
    assert b["select"][0] >= b["select"][1], b  # "● zeker" is not cut off


# every word of the cells matched by the selector that is split over two lines, unless the
# word has a hyphen or a soft hyphen (U+00AD, put there by the ``hyphenate`` filter)
SPLIT_WORDS = """(sel) => {
  const split = [];
  document.querySelectorAll(sel).forEach(cell => {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const re = /\\S+/g; let m;
      while ((m = re.exec(n.data))) {
        const r = document.createRange(); r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0)
                                                    .map(x => Math.round(x.top)));
        if (tops.size > 1 && !/[\\u00ad-]/.test(m[0])) { split.push(m[0]); }
      }
    }
  });
  return split;
}"""


def test_matrix_and_coverage_headers_break_between_words(live_server: Any, live_world: dict,
                                                         page: Any) -> None:  # noqa: F811
    """Tester: the matrix and coverage headers broke in the middle of a word
    ("Kwaliteitsverb|etering"). They wrap between words, or at a syllable of a long word
    with a hyphen; the tables still fit at 1366 px (test_plan_matrix_fits_at_1366 and
    test_plan_coverage_table_fits_with_a_long_project_name)."""
    from opbouw.data.plans import load_example
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import Area
    from opbouw.web.planning import store

    ds = live_world["ds_east"]
    plan = store.import_plan(load_example(), live_world["orgs"]["east"], None, ds)
    need = Analysis.objects.create(
        organisation=live_world["orgs"]["east"], dataset=ds, name="Nood", method="atlas",
        config={"indicators": [], "level": "municipality", "p": 50.0, "k": 1, "n": 3})
    plan.projects.first().areas.set(Area.objects.filter(dataset=ds, level="municipality")[:3])
    log_in(page, live_server.url, "coord_e")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/plans/{plan.pk}/matrix/")
        page.wait_for_selector("#matrix-external")
        heads = page.locator("#matrix-external th.od-head").all_inner_texts()
        assert any("\u00ad" in h for h in heads), heads  # long words have soft hyphens
        assert page.evaluate(SPLIT_WORDS, "table.matrix th") == [], width
        page.goto(f"{live_server.url}/plans/{plan.pk}/coverage/?analysis={need.pk}")
        page.wait_for_selector("#coverage-map[data-ready='1']")
        assert page.evaluate(SPLIT_WORDS, "#coverage-table th, #coverage-table .tag") == [], width
