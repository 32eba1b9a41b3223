"""Indicators and measures: per OD, the population indicators of the area analysis next to
the performance measures of the projects serving it, with values, narratives and a chart of
values against target."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse


def test_od_shows_population_indicator_next_to_project_measures(plans: dict[str, Any],
                                                                 login: Any) -> None:
    from opbouw.web.areas.models import IndicatorValue
    from opbouw.web.planning.models import MeasureValue

    p, project, measure = plans["p_east"], plans["project"], plans["measure"]
    od = p.goals.get(code="SD3").operational.get(code="OD3.2")  # Ronse's project serves it
    for period, value, text in (("2021", 2.0, "Twee bijeenkomsten."),
                                ("2022", 6.0, "Zes bijeenkomsten; buurtcomité gestart.")):
        MeasureValue.objects.create(measure=measure, period=period, value=value,
                                    narrative=text)
    better = project.measures.create(kind="better_off", name="Huurders met betere woning",
                                     baseline=20, target=10)  # fewer is better
    MeasureValue.objects.create(measure=better, period="2022", value=15.0)
    key, year, value = IndicatorValue.objects.filter(
        dataset=plans["ds_east"], area_code="45041", value__isnull=False).order_by(
        "indicator", "year").values_list("indicator", "year", "value")[0]
    client = login("coord_e")
    r = client.post(reverse("plan_indicators", args=[p.pk]), {
        "od": od.pk, "dataset": plans["ds_east"].pk, "indicator": key, "area_code": "45041",
        "baseline": str(value - 10).replace(".", ","),
        "target": str(value + 10).replace(".", ",")})
    assert r.status_code == 302, r.content.decode()[:2000]
    body = client.get(reverse("plan_indicators", args=[p.pk])).content.decode()
    section = body[body.index(f'id="od-{od.pk}"'):]
    section = section[:section.index("</section>")]
    population = section[section.index('class="population"'):section.index('class="measures"')]
    assert f'data-indicator="{key}"' in population and "45041" in population
    assert "50 % van de weg van beginwaarde naar streefwaarde" in population
    measures = section[section.index('class="measures"'):]
    assert "Bewonersbijeenkomsten" in measures and "Huurders met betere woning" in measures
    assert "Zes bijeenkomsten; buurtcomité gestart." in measures
    # 6 of 0 -> 10: 60 %; 15 of 20 -> 10: 50 %
    row = measures[measures.index(f'data-measure="{measure.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "60 % van de weg" in row
    assert len(re.findall(r"<circle ", row)) == 2 and 'class="target"' in row
    assert "50 % van de weg" in measures[measures.index(f'data-measure="{better.pk}"'):]
    # the other project serves no OD with a measure: its OD sections are not shown
    assert f'data-code="{od.code}"' in body


def test_project_page_charts_its_measures(plans: dict[str, Any], login: Any) -> None:
    from opbouw.web.planning.models import MeasureValue

    p, project, measure = plans["p_east"], plans["project"], plans["measure"]
    MeasureValue.objects.create(measure=measure, period="2022", value=12.0)
    body = login("worker_e").get(reverse("project_detail", args=[p.pk, project.pk])) \
        .content.decode()
    box = body[body.index(f'id="measure-{measure.pk}"'):]
    assert "120 % van de weg van beginwaarde naar streefwaarde" in box[:box.index("</figure>")]


def test_measures_of_a_project_without_od_are_listed_apart(plans: dict[str, Any],
                                                           login: Any) -> None:
    from opbouw.web.planning.models import Project

    p = plans["p_east"]
    loose = Project.objects.create(plan=p, name="Losse buurtwerking")
    loose.measures.create(kind="how_well", name="Tevredenheid deelnemers", target=80)
    body = login("coord_e").get(reverse("plan_indicators", args=[p.pk])).content.decode()
    apart = body[body.index('id="measures-unlinked"'):]
    assert "Tevredenheid deelnemers" in apart and "geen streefwaarde ingesteld" not in apart
