"""Small numbers and precise locations in every export: knowledge downloads and API
(places blurred, people among the strengths blurred), the signals overview (small counts
hidden, text defused), the signals API; the threshold and the precision are settings."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.urls import reverse

CODE = "46021"
EXACT = [4.143712, 51.165034]


def _knowledge(world: dict[str, Any]) -> dict[str, Any]:
    from opbouw.web.knowledge.models import Asset, Place

    east = world["orgs"]["east"]
    area = world["ds_east"].areas.get(code=CODE)
    point = {"type": "Point", "coordinates": EXACT}
    return {
        "exact": Place.objects.create(organisation=east, area=area, geometry=point,
                                      experience="avoided", meaning="Exacte plek"),
        "coarse": Place.objects.create(organisation=east, area=area, geometry=point,
                                       blurred_m=500, experience="avoided",
                                       meaning="Grove plek"),
        "figure": Asset.objects.create(organisation=east, area=area, geometry=point,
                                       kind="key_figure", name="Conciërge blok C"),
        "facility": Asset.objects.create(organisation=east, area=area, geometry=point,
                                         kind="facility", name="Bibliotheek"),
    }


def _by_name(features: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return {f["properties"][key]: f["geometry"]["coordinates"] for f in features}


@pytest.mark.parametrize("precision", [None, 250])
def test_knowledge_exports_blur_locations(world: dict[str, Any], login: Any, client: Any,
                                          settings: Any, precision: int | None) -> None:
    from opbouw.analysis.disclosure import EXPORT_PRECISION_M
    from opbouw.analysis.places import blur_point
    from opbouw.web.accounts.models import ApiToken

    settings.OPBOUW_EXPORT_PRECISION_M = precision
    expected = precision or EXPORT_PRECISION_M
    _knowledge(world)
    args = [world["ds_east"].pk, CODE]
    web = login("coord_e")
    geojson = web.get(reverse("knowledge_export", args=[*args, "geojson"])).json()
    bundle = json.loads(web.get(reverse("knowledge_export", args=[*args, "json"])).content)
    _token, raw = ApiToken.issue(world["users"]["coord_e"], "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    api_places = client.get(f"/api/knowledge/{args[0]}/{CODE}/places", **auth).json()
    api_assets = client.get(f"/api/knowledge/{args[0]}/{CODE}/assets", **auth).json()
    api_bundle = client.get(f"/api/knowledge/{args[0]}/{CODE}/export", **auth).json()
    for label, features in (("geojson", geojson["features"]),
                            ("bundle", bundle["places"]["features"]),
                            ("api places", api_places["features"]),
                            ("api bundle", api_bundle["places"]["features"])):
        places = _by_name(features, "meaning")
        assert places["Exacte plek"] == list(blur_point(*EXACT, expected)), label
        assert places["Exacte plek"] != EXACT, label
        # coarser than the export precision: stays as coarse
        assert places["Grove plek"] == list(blur_point(*EXACT, max(500, expected))), label
        shown = {f["properties"]["meaning"]: f["properties"]["blurred_m"] for f in features}
        assert shown == {"Exacte plek": expected, "Grove plek": max(500, expected)}, label
    for label, assets in (("api assets", _by_name(api_assets["features"], "name")),
                          ("bundle", {a["name"]: a["geometry"]["coordinates"]
                                      for a in bundle["assets"]})):
        assert assets["Conciërge blok C"] == list(blur_point(*EXACT, expected)), label
        assert assets["Bibliotheek"] == EXACT, label  # a facility is no person


def test_export_precision_zero_keeps_what_is_stored(world: dict[str, Any], login: Any,
                                                    settings: Any) -> None:
    settings.OPBOUW_EXPORT_PRECISION_M = 0
    _knowledge(world)
    body = login("coord_e").get(reverse("knowledge_export",
                                        args=[world["ds_east"].pk, CODE, "geojson"])).json()
    assert _by_name(body["features"], "meaning")["Exacte plek"] == EXACT


def _overview(world: dict[str, Any], login: Any) -> dict[str, dict[str, list[str]]]:
    body = login("coord_e").get(reverse("signals:overview_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ["dimensie", "sleutel", "omschrijving", "signalen", "meldingen", "personen"]
    out: dict[str, dict[str, list[str]]] = {}
    for dim, _key, label, *values in rows[1:]:
        out.setdefault(dim, {})[label] = values
    return out


@pytest.mark.parametrize("threshold", [None, 3])
def test_signals_overview_hides_small_counts(world: dict[str, Any], login: Any, client: Any,
                                             settings: Any, threshold: int | None) -> None:
    from opbouw.analysis.disclosure import SMALL_COUNT_THRESHOLD
    from opbouw.web.accounts.models import ApiToken
    from tests.web.signals.conftest import make_signal

    settings.OPBOUW_SMALL_COUNT_THRESHOLD = threshold
    t = threshold or SMALL_COUNT_THRESHOLD
    east = world["orgs"]["east"]
    for i in range(6):
        make_signal(east, title=f"Groot {i}", theme="sociale huur", area="Sint-Niklaas")
    for i in range(t - 1):
        make_signal(east, title=f"Klein {i}", theme="=HYPERLINK(\"http://x\")", area="Temse",
                    people=1)
    table = _overview(world, login)
    assert table["theme"]["sociale huur"][0] == "6"
    # a small count is hidden, and a theme typed like a formula stays text
    assert table["theme"]["'=HYPERLINK(\"http://x\")"][0] == f"<{t}"
    assert table["area"]["Temse"] == [f"<{t}"] * 3
    _token, raw = ApiToken.issue(world["users"]["coord_e"], "test")
    api = client.get("/api/signals/counts?by=area",
                     HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    rows = {r["label"]: r for r in api["rows"]}
    assert api["min_count"] == t
    assert rows["Temse"]["signals"] is None and rows["Temse"]["people"] is None
    assert rows["Sint-Niklaas"]["signals"] == 6
