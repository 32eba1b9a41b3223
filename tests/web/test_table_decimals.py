"""One number of decimals per table column (tester: "66,01" stood next to "66,795"): the
results table of an analysis and the tables of an area page show every value of a column
with the same decimals, as many as the column needs up to a cap
(:func:`opbouw.i18n.column_decimals`, ``opbouwNumber.decimals`` in the browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from opbouw.i18n import column_decimals, format_number


@pytest.mark.parametrize(("values", "cap", "expected"), [
    ([66.01, 66.795], 3, 3), ([66.01, 66.795], 2, 2), ([1, 2.5], 2, 1), ([3, None, 4.0], 2, 0),
    ([float("nan"), 0.1], 2, 1), ([], 2, 0), ([0.0001], 2, 0), ([1.005], 3, 3),
    ([12.3456789], 3, 3), (["x", 2], 2, 0)])
def test_column_decimals(values: list[Any], cap: int, expected: int) -> None:
    assert column_decimals(values, cap) == expected


def test_a_column_is_written_with_its_decimals() -> None:
    d = column_decimals([66.01, 66.795], 3)
    assert [format_number(v, "nl", d, trim=False) for v in (66.01, 66.795, 5)] == [
        "66,010", "66,795", "5,000"]


class _Tables(HTMLParser):
    """The text of every ``td.num`` cell per table id and column number."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, dict[int, list[str]]] = {}
        self.table = ""
        self.col = -1
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.table = a.get("id") or ""
        elif tag == "tr":
            self.col = -1
        elif tag == "td":
            self.col += 1
            self.text = [] if "num" in (a.get("class") or "").split() else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.text is not None:
            self.cells.setdefault(self.table, {}).setdefault(self.col, []).append(
                "".join(self.text).strip())
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def _columns(body: str) -> dict[str, dict[int, list[str]]]:
    p = _Tables()
    p.feed(body)
    return p.cells


def _same_decimals(column: list[str]) -> bool:
    numbers = [c for c in column if re.fullmatch(r"[\u2212\d\u202f]+(,\d+)?", c)]
    return len({len(c.split(",")[1]) if "," in c else 0 for c in numbers}) <= 1


def test_results_scores_share_their_decimals(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    for a in (world["a_shared"], world["a_east"]):
        body = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
        scores = _columns(body)["results"][2]
        assert len(scores) > 2 and _same_decimals(scores), scores
    # a composite index has decimals: every score shows all of them
    body = client.get(reverse("analysis_detail", args=[world["a_shared"].pk])).content.decode()
    scores = [s for s in _columns(body)["results"][2] if s != "–"]
    assert all(re.search(r",\d{3}$", s) for s in scores), scores


def test_area_page_columns_share_their_decimals(world: dict[str, Any], login: Any) -> None:
    from django.db.models import F

    from opbouw.web.areas import store
    from opbouw.web.areas.models import Area, Dataset, IndicatorValue

    ds = world["ds_east"]
    area = Area.objects.get(dataset=ds, code="46021")
    first = store.indicators_in(ds)[0]
    siblings = list(Area.objects.filter(dataset=ds, parent_code=area.parent_code,
                                        level=area.level).exclude(code=area.code)
                    .values_list("code", flat=True)[:1])
    assert siblings
    values = IndicatorValue.objects.filter(dataset=ds)
    # the tester's column: 66,01 next to 66,795; and 8,1 next to 66,01 in one area
    values.filter(area_code=area.code, indicator=first).update(value=66.01)
    values.filter(area_code=siblings[0], indicator=first).update(value=66.795)
    values.filter(area_code=area.code).exclude(indicator=first).update(value=8.1)
    Dataset.objects.filter(pk=ds.pk).update(version=F("version") + 1)
    store.forget(ds.pk)

    client = login("coord_e")
    body = client.get(reverse("area_detail", args=[ds.pk, area.code])).content.decode()
    value_column = _columns(body)["indicators"][1]
    assert "66,01" in value_column and "8,10" in value_column, value_column
    parent = client.get(reverse("area_detail", args=[ds.pk, area.parent_code])).content.decode()
    sub = _columns(parent)["sub-table"]
    assert "66,80" in sub[1] and "66,01" in sub[1], sub  # two decimals at most on this page
    checked = 0
    for page in (body, parent):
        for table in ("indicators", "sub-table"):
            for col, cells in _columns(page).get(table, {}).items():
                if table == "indicators" and col in (2, 3):  # rank "3 / 12", percentile
                    continue
                assert _same_decimals(cells), (table, col, cells)
                checked += 1
    assert checked >= 3
