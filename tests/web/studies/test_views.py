"""Studies in the browser: every kind runs as a job on the test dataset, shows its table
and map classes, exports with its metadata, and is not computed again when asked again."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

BASE = {"level": "municipality", "indicators": ["unemployment_pressure"]}


def _start(client: Any, ds: Any, kind: str, data: dict[str, Any]) -> Any:
    return client.post(reverse("study_new", args=[ds.pk, kind]), data)


def _study(kind: str) -> Any:
    from opbouw.web.studies.models import Study

    return Study.objects.filter(kind=kind).latest("pk")


def _done(client: Any, ds: Any, kind: str, data: dict[str, Any]) -> Any:
    response = _start(client, ds, kind, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    study = _study(kind)
    assert study.job is not None
    study.job.refresh_from_db()
    assert study.job.status == "done", study.job.error
    assert study.result["rows"], study.result
    page = client.get(reverse("study_detail", args=[study.pk]))
    assert page.status_code == 200
    return study, page.content.decode()


def test_kinds_listed_and_linked_from_the_dataset(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    page = client.get(reverse("dataset_detail", args=[ds.pk])).content.decode()
    assert reverse("study_index", args=[ds.pk]) in page
    index = client.get(reverse("study_index", args=[ds.pk])).content.decode()
    from opbouw.web.studies.views import KINDS

    for kind in KINDS:
        assert reverse("study_new", args=[ds.pk, kind]) in index
        form = client.get(reverse("study_new", args=[ds.pk, kind]))
        assert form.status_code == 200
        assert 'class="hint"' in form.content.decode()


def test_hotspots(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    study, page = _done(client, ds, "hotspots", {
        **BASE, "indicator": "unemployment_pressure", "weights": "queen",
        "permutations": 199, "alpha": 0.05})
    res = study.result
    codes = {r[0] for r in res["rows"]}
    assert set(res["classes"]) == codes
    assert res["columns"][:4] == ["code", "name", "value", "lisa_cluster"]
    assert {r[3] for r in res["rows"]} <= {"HH", "HL", "LH", "LL", "ns"}
    assert "Moran" in page and "LISA-cluster" in page
    assert 'id="map"' in page
    # Moran's I in Dutch notation: a decimal comma
    import re

    found = re.search(r"Moran(?:'|&#x27;|&#39;)s I = (-?\d+,\d{3}) \(p = (\d,\d{4})\)", page)
    assert found is not None, "Moran's I with a decimal comma"


def test_same_options_are_not_computed_again(world: dict[str, Any], login: Any) -> None:
    from opbouw.web.jobs.models import Job
    from opbouw.web.studies.models import Study

    client = login("coord_e")
    ds = world["ds_east"]
    data = {**BASE, "weights": "queen", "permutations": 199, "alpha": 0.05}
    first, _page = _done(client, ds, "hotspots", data)
    jobs = Job.objects.count()
    again = _start(client, ds, "hotspots", data)
    assert again.status_code == 302
    assert again["Location"] == reverse("study_detail", args=[first.pk])
    assert Job.objects.count() == jobs and Study.objects.count() == 1
    # other options or a new version of the dataset: computed anew
    _start(client, ds, "hotspots", {**data, "permutations": 299})
    assert Study.objects.count() == 2
    from opbouw.web.areas.models import Dataset

    Dataset.objects.filter(pk=ds.pk).update(version=ds.version + 1)
    _start(client, ds, "hotspots", data)
    assert Study.objects.count() == 3


def test_hidden(demo: Any, login: Any) -> None:
    client = login("coord_e")
    study, page = _done(client, demo, "hidden", {
        "indicators": ["zero_income_share", "income_per_inhabitant"], "year": 2013,
        "child_level": "municipality", "parent_level": "province", "p": 20, "k": 1})
    res = study.result
    assert res["tables"][0]["title"] == "per_parent"
    assert res["rows"], "the demo has deprived municipalities in provinces that are not"
    # every hidden sub-area is coloured so, and its province is listed with it
    parents = {r[1] for r in res["tables"][0]["rows"]}
    for row in res["rows"]:
        assert res["classes"][row[0]] == 0
        assert row[2] in parents
    assert sum(1 for c in res["classes"].values() if c == 0) == len(res["rows"])
    assert row[2] in page
    assert "afgeleid" in page or "opgeteld" in page


def test_uncertainty(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    study, page = _done(client, ds, "uncertainty", {
        "level": "municipality", "draws": 200, "n": 2})
    cols = study.result["columns"]
    for row in study.result["rows"]:
        lo, mid, hi = (row[cols.index(c)] for c in ("rank_p5", "median_rank", "rank_p95"))
        assert lo <= mid <= hi
        assert 0 <= row[cols.index("share_top")] <= 100
    assert "Mediaan" in page or "mediaan" in page


def test_working_areas(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    study, page = _done(client, ds, "working_areas", {
        **BASE, "method": "atlas", "working_area_level": "province", "p": 40, "k": 1,
        "fte": "40000=14,05"})
    res = study.result
    cols = res["columns"]
    row = res["rows"][0]
    assert row[0] == "40000"
    assert row[cols.index("areas")] == len(res["classes"])
    assert row[cols.index("fte")] == pytest.approx(14.05)
    bad = _start(client, ds, "working_areas", {**BASE, "method": "atlas", "p": 40, "k": 1,
                                                "working_area_level": "province",
                                                "fte": "veertien"})
    assert bad.status_code == 200 and "code=FTE" in bad.content.decode()


def test_allocation(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    study, page = _done(client, ds, "allocation", {
        "level": "municipality", "need": "residents", "budget": 14.05, "step": 0.05,
        "minimum": 0.5, "method": "sainte-lague"})
    cols = study.result["columns"]
    total = sum(r[cols.index("fte")] for r in study.result["rows"])
    assert total == pytest.approx(14.05)
    assert all(r[cols.index("fte")] >= 0.5 for r in study.result["rows"])


def test_trends_need_two_years_and_say_so_in_dutch(world: dict[str, Any],
                                                   login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    response = _start(client, ds, "trends", {**BASE, "method": "atlas", "top": 3, "n": 3,
                                             "p": 20, "k": 1})
    assert response.status_code == 302
    job = _study("trends").job
    job.refresh_from_db()
    assert job.status == "failed"
    assert "minstens twee jaren" in job.error
    page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
    assert "minstens twee jaren" in page


def test_trends(world: dict[str, Any], login: Any) -> None:
    import pandas as pd

    from opbouw.data.dataset import Dataset as DataDataset
    from opbouw.web.areas import store

    ds = world["ds_east"]
    values = store.tables(ds)["values"]
    newer = values[values["indicator"] == "unemployment_pressure"].copy()
    newer["year"] = 2013
    older = newer.copy()
    older["year"] = 2010
    older["value"] = older["value"].to_numpy()[::-1]
    both = pd.concat([older, newer], ignore_index=True)
    both["year"] = both["year"].astype("Int64")
    store.store(ds, DataDataset(None, both))
    ds.refresh_from_db()
    client = login("coord_e")
    study, page = _done(client, ds, "trends", {
        **BASE, "indicator": "unemployment_pressure", "method": "atlas", "top": 2, "n": 3,
        "p": 20, "k": 1})
    cols = study.result["columns"]
    for row in study.result["rows"]:
        assert row[cols.index("change")] == row[cols.index("rank_first")] - row[
            cols.index("rank_last")]
    assert pd.notna(study.result["rows"][0][cols.index("rank_first")])


def test_typology(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    study, page = _done(client, ds, "typology", {
        "level": "municipality",
        "indicators": ["unemployment_pressure", "population_density"], "p": 40, "k": 1,
        "types": 2, "top": 5})
    res = study.result
    assert res["tables"][0]["title"] == "combinations"
    assert set(res["classes"]) == {r[0] for r in res["rows"]}
    assert res["summary"]["nl"][0].startswith("Type 1")


def test_invalid_options_are_refused_in_dutch(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    response = _start(client, ds, "typology", {
        "level": "municipality", "indicators": ["unemployment_pressure"], "p": 0, "k": 5,
        "types": 2, "top": 5})
    body = response.content.decode()
    assert response.status_code == 200
    assert "k kan niet groter zijn" in body


def test_export_has_metadata(world: dict[str, Any], login: Any) -> None:
    from openpyxl import load_workbook

    client = login("coord_e")
    ds = world["ds_east"]
    study, _page = _done(client, ds, "uncertainty", {"level": "municipality", "draws": 100,
                                                      "n": 2})
    response = client.get(reverse("study_export", args=[study.pk, "xlsx"]))
    assert response.status_code == 200
    assert "opbouw-onzekerheid" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Resultaten"
    meta = {r[0]: r[1] for r in book["Methode"].iter_rows(values_only=True)}
    assert meta["Trekkingen"] == "100" and meta["Gegevensset"] == ds.name
    assert meta["Berekend door"] == "coord_e"
    csv = client.get(reverse("study_export", args=[study.pk, "csv"])).content.decode("utf-8-sig")
    assert "Mediane rang" in csv and "Trekkingen" in csv


def test_uncertainty_names_indicators_by_their_label(world: dict[str, Any], login: Any) -> None:
    """The sensitivity table and the export say "gewicht van <label>", never a raw key."""
    from django.utils import translation

    from opbouw.web.areas import store
    from opbouw.web.areas.catalogue import catalogue_for, label

    client = login("coord_e")
    ds = world["ds_east"]
    study, page = _done(client, ds, "uncertainty", {"level": "municipality", "draws": 100,
                                                      "n": 2})
    keys = [k for k in store.indicators_in(ds) if k in catalogue_for(ds.organisation_id)]
    weighted = [c[len("weight:"):] for c, *_r in study.result["tables"][0]["rows"]
                if str(c).startswith("weight:")]
    assert weighted and set(weighted) <= set(keys)
    with translation.override("nl"):
        names = {k: label(k, catalogue_for(ds.organisation_id)) for k in weighted}
    for key, name in names.items():
        assert name != key
        assert f"gewicht van {name}" in page.replace("&#x27;", "'")
        assert f"gewicht van {key}<" not in page
    csv = client.get(reverse("study_export", args=[study.pk, "csv"])).content.decode("utf-8-sig")
    assert all(f"gewicht van {name}" in csv for name in names.values())


def test_study_dates_use_the_site_date_format(world: dict[str, Any], login: Any) -> None:
    """One date format per language: the study pages show ``1-12-2026 21:57`` in Dutch like
    the rest of the site, not ISO ``2026-12-01 21:57``."""
    from django.utils import timezone

    client = login("coord_e")
    ds = world["ds_east"]
    study, page = _done(client, ds, "hotspots", {
        **BASE, "indicator": "unemployment_pressure", "weights": "queen",
        "permutations": 99, "alpha": 0.05})
    local = timezone.localtime(study.created_at)
    dutch = f"{local.day}-{local.month}-{local.year} {local:%H:%M}"
    assert dutch in page and f"{local:%Y-%m-%d %H:%M}" not in page
    index = client.get(reverse("study_index", args=[ds.pk])).content.decode()
    assert dutch in index and f"{local:%Y-%m-%d %H:%M}" not in index


def test_working_areas_lie_above_the_compared_areas(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    form = client.get(reverse("study_new", args=[ds.pk, "working_areas"])).content.decode()
    assert '<option value="province" selected>' in form
    same = _start(client, ds, "working_areas", {**BASE, "method": "atlas", "p": 40, "k": 1,
                                                 "working_area_level": "municipality"})
    assert same.status_code == 200
    assert "eigen werkgebied" in same.content.decode()


def test_allocation_need_defaults_to_a_count_and_refuses_an_income(world: dict[str, Any],
                                                                   login: Any) -> None:
    from opbouw.web.areas import store
    from opbouw.web.areas.models import Dataset, IndicatorValue

    client = login("coord_e")
    ds = world["ds_east"]
    codes = list(IndicatorValue.objects.filter(dataset=ds, indicator="residents")
                 .values_list("area_code", flat=True))
    IndicatorValue.objects.bulk_create([
        IndicatorValue(dataset=ds, area_code=c, indicator="income_per_inhabitant",
                       value=20000.0 + i) for i, c in enumerate(codes)])
    Dataset.objects.filter(pk=ds.pk).update(version=ds.version + 1)
    ds.refresh_from_db(fields=["version"])
    store.forget(ds.pk)
    form = client.get(reverse("study_new", args=[ds.pk, "allocation"])).content.decode()
    assert '<option value="residents" selected>' in form
    bad = _start(client, ds, "allocation", {
        "level": "municipality", "need": "income_per_inhabitant", "budget": 10, "step": 0.05,
        "method": "sainte-lague"})
    assert bad.status_code == 200
    assert "hoger is beter" in bad.content.decode()
