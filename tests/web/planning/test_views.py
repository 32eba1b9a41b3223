"""Planning pages as a coordinator and a worker use them: forms answer with Dutch errors,
the matrix saves marks, progress rolls up, exports and the report hold the plan."""

from __future__ import annotations

import io
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook


def test_forms_show_dutch_errors_not_500(plans: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    p, pr = plans["p_east"], plans["project"]
    r = client.post(reverse("goal_new", args=[p.pk, "sd"]), {"code": "SD1", "title": "x",
                                                             "kind": "external"})
    assert r.status_code == 200 and "Deze code wordt al gebruikt in dit plan." in r.content.decode()
    r = client.post(reverse("plan_new"), {"organisation": plans["orgs"]["east"].pk,
                                          "name": "x", "start_year": "2025",
                                          "end_year": "2021"})
    assert "Het laatste jaar ligt voor het eerste jaar." in r.content.decode()
    r = client.post(reverse("objective_new", args=[p.pk, pr.pk]),
                    {"year": "2030", "title": "te laat", "status": "on_track",
                     "percentage": "0"}, follow=True)
    assert "Het jaar ligt buiten het plan (2021-2025)." in r.content.decode()
    r = client.post(reverse("objective_progress", args=[p.pk, plans["objective"].pk]),
                    {"status": "on_track", "percentage": "140"}, follow=True)
    assert r.status_code == 200
    plans["objective"].refresh_from_db()
    assert plans["objective"].percentage == 40
    r = client.post(reverse("project_new", args=[p.pk]), {"name": "x", "fte": "abc",
                                                          "status": "running"})
    assert r.status_code == 200 and "errorlist" in r.content.decode()
    r = client.post(reverse("plan_indicators", args=[p.pk]),
                    {"od": p.goals.first().operational.first().pk,
                     "dataset": plans["ds_east"].pk, "indicator": "bestaat_niet"})
    assert "Deze gegevensset heeft die indicator niet." in r.content.decode()


def test_matrix_edits_marks(plans: dict[str, Any], login: Any) -> None:
    from opbouw.web.planning.models import Contribution

    client = login("coord_e")
    p = plans["p_east"]
    stek, wonen = p.actions.get(code="SA1"), p.actions.get(code="SA4")
    od11 = p.goals.get(code="SD1").operational.get(code="OD1.1")
    od13 = p.goals.get(code="SD1").operational.get(code="OD1.3")
    od12 = p.goals.get(code="SD1").operational.get(code="OD1.2")
    r = client.post(reverse("plan_matrix", args=[p.pk]), {
        f"c_{stek.pk}_{od11.pk}": "surely", f"c_{wonen.pk}_{od13.pk}": "possibly",
        f"c_{wonen.pk}_{od12.pk}": ""})
    assert r.status_code == 302
    marks = {(c.action.code, c.od.code): (c.strength, c.source)
             for c in Contribution.objects.filter(action__plan=p)}
    assert marks[("SA1", "OD1.1")] == ("surely", "beschrijving")  # unchanged, keeps its source
    assert marks[("SA4", "OD1.3")] == ("possibly", "gebruiker")
    assert ("SA4", "OD1.2") not in marks
    assert p.changes.filter(what__startswith="overview matrix").exists()


def test_worker_progress_rolls_up_to_the_goals(plans: dict[str, Any], login: Any) -> None:
    from opbouw.web.planning import store

    p, pr = plans["p_east"], plans["project"]  # Buurtopbouwwerk Ronse: SA8 and SA10
    pr.fte = 2
    pr.save()
    client = login("worker_e")
    r = client.post(reverse("objective_progress", args=[p.pk, plans["objective"].pk]),
                    {"status": "on_track", "percentage": "80", "date": "2022-03-01",
                     "kind": "happened", "text": "Eerste buurtcomité; bel 0470 12 34 56"},
                    follow=True)
    body = r.content.decode()
    assert "Voortgang genoteerd." in body and "e-mailadres of telefoonnummer" in body
    roll = store.plan_rollup(p, 2022)
    codes = {str(o.pk): o.code for g in p.goals.all() for o in g.operational.all()}
    ods = {codes[k]: v for k, v in roll.ods.items()}
    # 2 FTE over SA8 (-> OD3.2) and SA10 (-> OD2.1, OD2.2): 1 + 0.5 + 0.5
    assert ods["OD3.2"].fte == 1.0 and ods["OD2.1"].fte == 0.5 and ods["OD2.2"].fte == 0.5
    assert ods["OD3.2"].progress == 80.0
    sds = {g.code: roll.sds.get(str(g.pk)) for g in p.goals.all()}
    assert sds["SD2"].fte == 1.0 and sds["SD3"].fte == 1.0 and sds["SD2"].progress == 80.0
    page = client.get(reverse("plan_detail", args=[p.pk]) + "?year=2022").content.decode()
    assert "80 %" in page


def test_export_and_report_hold_the_plan(plans: dict[str, Any], login: Any) -> None:
    client = login("partner_p")
    p = plans["p_east"]
    p.shared_with.add(plans["orgs"]["partner"])
    r = client.get(reverse("plan_export", args=[p.pk]))
    wb = load_workbook(io.BytesIO(r.content))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Voortgang" in wb.sheetnames
    progress = list(wb["Voortgang"].iter_rows(min_row=2, values_only=True))
    assert progress[0][1:3] == ("Buurtopbouwwerk Ronse", "Buurtcomité opstarten")
    report = client.get(reverse("plan_report", args=[p.pk])).content.decode()
    assert "Krachtige buurten en steden" in report and "Den Botaniek (Ronse)" in report
    assert "Voortgang 2022" in report and "Buurtcomité opstarten" in report


def test_dutch_by_default_english_on_request(plans: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    url = reverse("plan_matrix", args=[plans["p_east"].pk])
    assert "Deze acties dragen zeker bij aan deze SD en OD" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    body = client.get(url).content.decode()
    assert "These actions surely contribute to these SDs and ODs" in body


def test_year_export_holds_timeline_and_measures(plans: dict[str, Any], login: Any) -> None:
    import datetime as dt

    from opbouw.web.planning.models import MeasureValue, TimelineEntry

    p, objective, measure = plans["p_east"], plans["objective"], plans["measure"]
    TimelineEntry.objects.create(objective=objective, date=dt.date(2022, 6, 1),
                                 kind="decided", text="Tweede bijeenkomst: thema gekozen.")
    TimelineEntry.objects.create(objective=objective, date=dt.date(2022, 2, 1),
                                 text="=Eerste bijeenkomst")  # stays text, not a formula
    MeasureValue.objects.create(measure=measure, period="2022", value=6.0,
                                narrative="Zes bijeenkomsten.")
    r = login("coord_e").get(reverse("plan_export", args=[p.pk]) + "?year=2022")
    assert 'filename="plan-' in r["Content-Disposition"] and "-2022.xlsx" in \
        r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    timeline = list(wb["Tijdlijn"].iter_rows(min_row=2, values_only=True))
    assert [row[5] for row in timeline] == ["=Eerste bijeenkomst",
                                            "Tweede bijeenkomst: thema gekozen."]
    assert timeline[1][:3] == (2022, "Buurtopbouwwerk Ronse", "Buurtcomité opstarten")
    assert timeline[1][4] == "wat werd beslist"
    assert wb["Tijdlijn"].cell(row=2, column=6).data_type == "s"
    measures = list(wb["Prestatiematen"].iter_rows(min_row=2, values_only=True))
    assert measures == [("Buurtopbouwwerk Ronse", "hoeveel deden we", "Bewonersbijeenkomsten",
                         None, 0, 10, "2022", 6, "Zes bijeenkomsten.")]
