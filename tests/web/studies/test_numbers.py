"""Numbers in study pages in the user's language: one decimal count per table column,
records and summaries with a decimal comma in Dutch."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from opbouw.web.studies.views import _table, meta_value


def test_one_decimal_count_per_study_column() -> None:
    with translation.override("nl"):
        table = _table(["code", "need"], [["a", 17404.2], ["b", 17854.48], ["c", 43.0],
                                          ["d", None]])
    texts = [row[1][2]["text"] for row in table["rows"]]
    assert texts[0].endswith("404,20") and texts[1].endswith("854,48")
    assert texts[2] == "43,00" and texts[3] == "–"
    with translation.override("nl"):
        whole = _table(["need"], [[43.0], [38.0]])
    assert [r[0][2]["text"] for r in whole["rows"]] == ["43", "38"]


def test_record_numbers_in_the_language() -> None:
    with translation.override("nl"):
        assert meta_value(["moran_i", 0.285, 4]) == "0,2850"
        assert meta_value(["weights", "queen"]) == "queen"
    with translation.override("en"):
        assert meta_value(["moran_i", 0.285, 4]) == "0.2850"


def test_allocation_summary_has_a_decimal_comma(world: dict[str, Any], login: Any) -> None:
    from opbouw.web.studies.models import Study

    client = login("coord_e")
    ds = world["ds_east"]
    response = client.post(reverse("study_new", args=[ds.pk, "allocation"]), {
        "level": "municipality", "need": "residents", "budget": "12,5", "step": 0.05,
        "method": "sainte-lague"})
    assert response.status_code == 302, response.content.decode()[:2000]
    study = Study.objects.filter(kind="allocation").latest("pk")
    assert study.result["summary"]["nl"][0].startswith("12,5 ")
    assert study.result["summary"]["en"][0].startswith("12.5 ")
