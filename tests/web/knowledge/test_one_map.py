"""The area's knowledge tab brings numbers, terrain knowledge and meanings together: one
map (an indicator over the areas around, notes, strengths, places, density) and one
timeline (indicator years, dated notes, signals, problem-statement versions, 5B audits)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from tests.web.knowledge.conftest import CODE


def _numbers(client: Any, ds: int, **params: str) -> dict[str, Any]:
    from urllib.parse import urlencode

    url = reverse("knowledge_numbers", args=[ds, CODE])
    return client.get(url + ("?" + urlencode(params) if params else "")).json()


def test_numbers_layer_colours_the_areas_around(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.areas import store
    from opbouw.web.areas.models import Area

    client, ds = login("worker_e"), kworld["ds_east"]
    data = _numbers(client, ds.pk)
    keys = [i["key"] for i in data["indicators"]]
    assert data["indicator"] == keys[0] and len(keys) >= 2
    area = Area.objects.get(dataset=ds, code=CODE)
    siblings = set(Area.objects.filter(dataset=ds, parent_code=area.parent_code)
                   .values_list("code", flat=True))
    codes = {f["properties"]["code"] for f in data["features"]}
    assert CODE in codes and codes <= siblings and len(codes) >= 2
    own = [f for f in data["features"] if f["properties"]["own"]]
    assert [f["properties"]["code"] for f in own] == [CODE]
    # the percentile follows the values and the indicator's direction (1 = worst)
    other = _numbers(client, ds.pk, indicator=keys[1])
    assert other["indicator"] == keys[1]
    for layer in (data, other):
        table = store.wide(ds, [layer["indicator"]], None, area.level)[layer["indicator"]]
        feats = sorted(layer["features"], key=lambda f: f["properties"]["value"])
        pcts = [f["properties"]["percentile"] for f in feats]
        assert pcts in (sorted(pcts), sorted(pcts, reverse=True))
        assert {f["properties"]["code"]: f["properties"]["value"] for f in feats} == {
            c: table[c] for c in codes}
        assert max(pcts) == 1.0 and min(pcts) == 0.0
    # an indicator that does not exist falls back to the first, never an error
    assert _numbers(client, ds.pk, indicator="<geen>")["indicator"] == keys[0]
    assert login("coord_w").get(reverse("knowledge_numbers", args=[ds.pk, CODE])
                                ).status_code == 404


def test_the_map_pins_the_notes_on_their_area(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import Note

    ds = kworld["ds_east"]
    area = kworld["areas"]["ds_east"]
    url = reverse("knowledge_map", args=[ds.pk, CODE])
    notes = [f for f in login("worker_e").get(url).json()["features"]
             if f["properties"]["layer"] == "note"]
    assert len(notes) == 1 and notes[0]["properties"]["count"] == 1
    assert notes[0]["properties"]["url"] == reverse(
        "knowledge_note", args=[kworld["records"]["east"]["note"].pk])
    assert notes[0]["geometry"]["type"] == "Point"
    # a note of a neighbouring area that also concerns this one is counted here too
    other = ds.areas.exclude(code=CODE).exclude(code=area.parent_code).first()
    n = Note.objects.create(organisation=kworld["orgs"]["east"], area=other, kind="change",
                            title="Nieuwe tramlijn", text="Langs beide gemeenten.")
    n.other_areas.add(area)
    notes = [f for f in login("worker_e").get(url).json()["features"]
             if f["properties"]["layer"] == "note"]
    assert notes[0]["properties"]["count"] == 2 and "Nieuwe tramlijn" in \
        notes[0]["properties"]["label"]
    assert notes[0]["properties"]["url"].endswith("#notes")


def test_one_timeline_with_years_signals_and_versions(kworld: dict[str, Any],
                                                      login: Any) -> None:
    from opbouw.web.areas import store
    from opbouw.web.areas.models import IndicatorValue
    from opbouw.web.knowledge.models import StatementVersion
    from opbouw.web.signals.models import Signal

    ds, east = kworld["ds_east"], kworld["orgs"]["east"]
    for year, value in ((2019, 8.5), (2021, 8.1)):
        IndicatorValue.objects.create(dataset=ds, area_code=CODE, indicator="werkloosheidsdruk",
                                      year=year, value=value)
    store._CACHE.clear()
    Signal.objects.create(organisation=east, title="Geen tolk bij de huisarts",
                          description="x", right="health", area="Sint-Niklaas",
                          area_code=CODE, group="nieuwkomers", noted_on=dt.date(2024, 3, 5))
    Signal.objects.create(organisation=east, title="Signaal elders", description="x",
                          right="work", area="Temse", area_code="46025", group="jongeren")
    Signal.objects.create(organisation=kworld["orgs"]["west"], title="Signaal van West",
                          description="x", right="work", area="Sint-Niklaas", area_code=CODE,
                          group="jongeren")
    statement = kworld["records"]["east"]["statement"]
    StatementVersion.objects.create(statement=statement, number=2, change_note="herzien")
    body = login("worker_e").get(reverse("knowledge_area", args=[ds.pk, CODE])
                                 ).content.decode()
    timeline = body.split('id="timeline"')[1].split("</ol>")[0]
    items = timeline.split("<li ")[1:]
    kinds = [i.split('data-kind="')[1].split('"')[0] for i in items]
    for kind in ("note", "place", "asset", "answer", "statement", "audit", "signal", "numbers"):
        assert kind in kinds, kind
    assert "Geen tolk bij de huisarts" in timeline
    assert "Signaal elders" not in timeline and "Signaal van West" not in timeline
    assert "(v1)" in timeline and "(v2)" in timeline
    years = [i for i in items if 'data-kind="numbers"' in i]
    assert len(years) == 2 and "?year=2021" in years[0] and "?year=2019" in years[1]
    # newest first
    dates = [i.split('datetime="')[1][:10] for i in items if 'datetime="' in i]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(items)
    # the filter lists every kind with its count
    filt = body.split('id="timeline-filter"')[1].split("</p>")[0]
    assert 'value="signal"' in filt and 'value="numbers"' in filt


def test_a_province_without_values_shows_its_municipalities(kworld: dict[str, Any],
                                                             login: Any) -> None:
    """Issue 10: a province page's "Numbers on the map" list was empty, because the
    dataset has values only for municipalities; now it holds the indicators of the areas
    within the province, coloured on the map; with no values anywhere it says why."""
    from opbouw.web.areas.models import Area

    client, ds = login("worker_e"), kworld["ds_east"]
    province = Area.objects.get(dataset=ds, code="40000")
    url = reverse("knowledge_numbers", args=[ds.pk, province.code])
    data = client.get(url).json()
    assert data["scope"] == "children" and len(data["indicators"]) >= 2
    children = set(Area.objects.filter(dataset=ds, parent_code=province.code)
                   .values_list("code", flat=True))
    codes = {f["properties"]["code"] for f in data["features"]}
    assert len(codes) >= 2 and codes <= children
    assert not any(f["properties"]["own"] for f in data["features"])
    page = client.get(reverse("knowledge_area", args=[ds.pk, province.code])).content.decode()
    assert 'data-empty="Geen cijfers op de kaart' in page


def test_timeline_dates_in_the_users_language(kworld: dict[str, Any], login: Any) -> None:
    """The timeline writes its dates in the site's one short date format per language:
    ``5-3-2024`` in Dutch, ``5 Mar 2024`` in English; never an English month in Dutch."""
    import re

    from opbouw.web.signals.models import Signal

    ds, east = kworld["ds_east"], kworld["orgs"]["east"]
    Signal.objects.create(organisation=east, title="Geen tolk", description="x",
                          right="health", area="Sint-Niklaas", area_code=CODE,
                          group="nieuwkomers", noted_on=dt.date(2024, 3, 5))
    client = login("worker_e")
    url = reverse("knowledge_area", args=[ds.pk, CODE])

    def shown() -> list[str]:
        timeline = client.get(url).content.decode().split('id="timeline"')[1].split("</ol>")[0]
        return re.findall(r'<time datetime="[^"]*">([^<]*)</time>', timeline)

    dutch = shown()
    assert "5-3-2024" in dutch
    assert all(re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", d) for d in dutch), dutch
    client.cookies["django_language"] = "en"
    assert "5 Mar 2024" in shown()
