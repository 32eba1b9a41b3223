"""Issue 15, items 6 and 12: every saved setting passes the page's form, and an export of
a shared analysis holds what the analysis shows and nothing more of its dataset."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.urls import reverse


@pytest.mark.parametrize("bad", [{"method": "nope"}, {"p": "nan"}, {"p": "inf"},
                                 {"p": "-inf"}, {"k": "-5"}, {"k": "0"}, {"n": "-1"},
                                 {"p": "0"}, {"w_unemployment_pressure": "nan"},
                                 {"w_unemployment_pressure": "-1"}, {"year": "2030"},
                                 {"level": "nope"}, {"normalise": "nope"}])
def test_saving_refuses_what_the_form_refuses(world: dict[str, Any], login: Any,
                                              bad: dict[str, str]) -> None:
    client = login("coord_e")
    a = world["a_shared"]
    before = (a.method, dict(a.config))
    response = client.post(reverse("analysis_save", args=[a.pk]), bad, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Niet bewaard" in body
    a.refresh_from_db()
    assert (a.method, a.config) == before  # never stored
    # the organisation's pages still answer
    assert client.get(reverse("analysis_detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("analysis_list")).status_code == 200


@pytest.mark.parametrize("bad", [{"p": "nan"}, {"p": "inf"}, {"k": "-5"},
                                 {"w_unemployment_pressure": "nan"}])
def test_what_if_refuses_bad_numbers_with_a_dutch_message(world: dict[str, Any], login: Any,
                                                          bad: dict[str, str]) -> None:
    client = login("coord_e")
    response = client.get(reverse("analysis_results", args=[world["a_shared"].pk]), bad)
    assert response.status_code == 400
    assert response.json()["error"]


def test_a_stored_bad_method_does_not_break_the_pages(world: dict[str, Any],
                                                      login: Any) -> None:
    a = world["a_east"]
    a.method = "nope"
    a.config = {**a.config, "k": -5}
    a.save()
    client = login("coord_e")
    assert client.get(reverse("analysis_detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("analysis_list")).status_code == 200
    assert client.get(reverse("analysis_results", args=[a.pk])).status_code == 400
    assert client.get(reverse("analysis_export", args=[a.pk, "csv"])).status_code == 400


def _sheet(response: Any) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.worksheets[0].iter_rows(values_only=True))


def test_an_export_of_a_shared_analysis_holds_only_what_it_shows(world: dict[str, Any],
                                                                 login: Any) -> None:
    """Shared without its dataset: the query cannot widen the export to another level,
    year, method or indicator set of the dataset."""
    a = world["a_east"]
    a.config = {**a.config, "indicators": ["unemployment_pressure"], "level": "municipality"}
    a.save()
    a.shared_with.add(world["orgs"]["partner"])
    client = login("partner_p")
    url = reverse("analysis_export", args=[a.pk, "xlsx"])
    plain = _sheet(client.get(url))
    codes = {row[0] for row in plain[1:]}
    assert "40000" not in codes  # the province is not in a municipal analysis
    header = plain[0]
    assert not any("Bevolkingsdichtheid" in str(h) for h in header)
    for widen in ({"level": "province"}, {"level": ""}, {"method": "composite"},
                  {"indicators": "population_density"}, {"year": "2010"},
                  {"within": "40000"}, {"exclude": "46021"}):
        response = client.get(url, widen)
        assert response.status_code == 200, widen
        assert _sheet(response) == plain, widen
    results = client.get(reverse("analysis_results", args=[a.pk]), {"level": "province"})
    assert results.json()["n"] == len(plain) - 1
