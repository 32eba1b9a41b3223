"""A new year with values for two areas only does not take over "the latest year"."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from opbouw.web.areas.models import Dataset, IndicatorValue


def _add_sparse_year(ds: Dataset) -> list[str]:
    from opbouw.web.areas import store

    IndicatorValue.objects.filter(dataset=ds).update(year=2022)
    codes = sorted(IndicatorValue.objects.filter(dataset=ds, indicator="unemployment_pressure")
                   .values_list("area_code", flat=True))
    IndicatorValue.objects.bulk_create([
        IndicatorValue(dataset=ds, area_code=c, indicator="unemployment_pressure", year=2024,
                       value=50.0) for c in codes[:2]])
    Dataset.objects.filter(pk=ds.pk).update(version=ds.version + 1)
    ds.refresh_from_db(fields=["version"])
    store.forget(ds.pk)
    return codes


def test_analysis_page_passes_over_a_sparse_year(world: dict[str, Any], login: Any) -> None:
    codes = _add_sparse_year(world["ds_east"])
    assert len(codes) > 4
    client = login("coord_e")
    body = client.get(reverse("analysis_detail", args=[world["a_east"].pk])).content.decode()
    assert "&lt;NA&gt;" not in body and "<NA>" not in body
    assert 'id="year-notes"' in body
    assert "2024 heeft waarden voor slechts 2 gebieden" in body
    area = client.get(reverse("area_detail", args=[world["ds_east"].pk, codes[5]])
                      + f"?analysis={world['a_east'].pk}").content.decode()
    assert "2024 heeft waarden voor slechts 2 gebieden" in area
    assert f"/ {len(codes)}<" in area  # ranked among all, not "1 / 2"
    export = client.get(reverse("analysis_export", args=[world["a_east"].pk, "csv"]))
    assert b"<NA>" not in export.content


def test_a_missing_rank_is_a_dash() -> None:
    import pandas as pd

    from opbouw.web.areas.templatetags.opbouw_tags import rank_text

    assert rank_text(pd.NA) == "–" and rank_text(None) == "–" and rank_text(float("nan")) == "–"
    assert rank_text(3.0) == "3"
