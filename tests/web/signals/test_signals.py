"""Recording, the privacy warning, blurring, triage, merging duplicates, dossiers and
requests, overview counts and their hiding of small counts in exports and the API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from tests.web.signals.conftest import make_signal


def _form(org: Any, **kw: Any) -> dict[str, Any]:
    data = {"organisation": org.pk, "title": "Geen tolk bij de huisarts", "kind": "service",
            "description": "Nieuwkomers vinden geen tolk.", "right": "health",
            "theme": "toegankelijkheid zorg", "area": "Aalst", "area_code": "41002",
            "latitude": "", "longitude": "", "group": "nieuwkomers", "people": "18",
            "since": "2025-01-01", "noted_on": "2025-05-02", "evidence": "Groepsgesprek.",
            "source": "worker", "project": "Woonproject Aalst"}
    data.update(kw)
    return data


def test_a_worker_records_a_signal(practice: dict[str, Any], login: Any) -> None:
    from opbouw.web.signals.models import Signal

    client = login("worker_e")
    response = client.post(reverse("signals:signal_new"),
                           _form(practice["orgs"]["east"], latitude="50.93712",
                                 longitude="4.04011"))
    signal = Signal.objects.get(title="Geen tolk bij de huisarts")
    assert response.status_code == 302
    assert signal.status == Signal.Status.NEW and signal.created_by.username == "worker_e"
    # the point is blurred to the centre of a 0.005-degree cell
    assert signal.latitude == pytest.approx(50.9375) and signal.longitude == pytest.approx(4.0425)


@pytest.mark.parametrize(("field", "text"), [("evidence", "Mail van jan@voorbeeld.be"),
                                             ("description", "Bel 0470 12 34 56"),
                                             ("group", "mevrouw Janssens en buren")])
def test_personal_data_is_not_saved_without_confirmation(practice: dict[str, Any], login: Any,
                                                         field: str, text: str) -> None:
    from opbouw.web.signals.models import Signal

    client = login("worker_e")
    before = Signal.objects.count()
    response = client.post(reverse("signals:signal_new"),
                           _form(practice["orgs"]["east"], **{field: text}))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="privacy-warning"' in body and "confirm_privacy" in body
    assert Signal.objects.count() == before
    response = client.post(reverse("signals:signal_new"),
                           _form(practice["orgs"]["east"], confirm_privacy="on", **{field: text}))
    assert response.status_code == 302 and Signal.objects.count() == before + 1


@pytest.mark.parametrize("bad", [{"latitude": "abc", "longitude": "4"},
                                 {"latitude": "51", "longitude": ""},
                                 {"latitude": "95", "longitude": "4"},
                                 {"people": "-3"}, {"since": "gisteren"}, {"right": "luxe"},
                                 {"organisation": "999999"}])
def test_bad_input_shows_errors(practice: dict[str, Any], login: Any, bad: dict) -> None:
    response = login("worker_e").post(reverse("signals:signal_new"),
                                      _form(practice["orgs"]["east"], **bad))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_a_worker_cannot_record_for_another_organisation(practice: dict[str, Any],
                                                         login: Any) -> None:
    response = login("worker_e").post(reverse("signals:signal_new"),
                                      _form(practice["orgs"]["west"]))
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_merging_duplicates_keeps_their_counts(practice: dict[str, Any], login: Any) -> None:
    from opbouw.web.signals.models import Signal

    east = practice["orgs"]["east"]
    keep = practice["sig_east"]  # in two dossiers, 10 people
    dup1 = make_signal(east, title="Dubbel 1", people=25)
    dup2 = make_signal(east, title="Dubbel 2", people=None, reports=2)
    dup3 = make_signal(east, title="Dubbel van dubbel 1")
    dup3.merged_into = dup1
    dup3.save()
    other_dossier = practice["dos_east"]
    other_dossier.signals.set([dup1])
    response = login("coord_e").post(reverse("signals:signal_merge", args=[keep.pk]),
                                     {"duplicates": [dup1.pk, dup2.pk]})
    assert response.status_code == 302
    keep.refresh_from_db()
    dup1.refresh_from_db()
    dup3.refresh_from_db()
    assert keep.reports == 1 + 1 + 2 and keep.people == 25
    assert dup1.merged_into == keep and dup1.status == Signal.Status.CLOSED
    assert dup3.merged_into == keep
    assert keep in other_dossier.signals.all()
    # a worker may not merge
    assert login("worker_e").post(reverse("signals:signal_merge", args=[keep.pk]),
                                  {"duplicates": [dup2.pk]}).status_code == 403


def test_a_signal_of_another_organisation_cannot_be_merged(practice: dict[str, Any],
                                                           login: Any) -> None:
    keep, foreign = practice["sig_east"], practice["sig_west"]
    login("coord_e").post(reverse("signals:signal_merge", args=[keep.pk]),
                          {"duplicates": [foreign.pk]})
    foreign.refresh_from_db()
    keep.refresh_from_db()
    assert foreign.merged_into is None and keep.reports == 1


def test_triage_sets_the_status(practice: dict[str, Any], login: Any) -> None:
    s = practice["sig_east"]
    login("coord_e").post(reverse("signals:signal_status", args=[s.pk]), {"status": "checked"})
    s.refresh_from_db()
    assert s.status == "checked"
    login("coord_e").post(reverse("signals:signal_status", args=[s.pk]), {"status": "weg"})
    s.refresh_from_db()
    assert s.status == "checked"


def test_a_dossier_bundles_signals_and_counts_them(practice: dict[str, Any],
                                                   login: Any) -> None:
    from opbouw.web.signals.models import Dossier

    east = practice["orgs"]["east"]
    a = make_signal(east, title="A", area="Aalst", project="P1", group="huurders")
    b = make_signal(east, title="B", area="Ronse", project="P2", group="nieuwkomers")
    c = make_signal(east, title="C", area="ronse ", project="P2", group="huurders")
    client = login("coord_e")
    form = client.get(reverse("signals:dossier_new") + f"?signals={a.pk}").content.decode()
    assert re.search(rf'value="{a.pk}"[^>]*checked', form)
    assert not re.search(rf'value="{b.pk}"[^>]*checked', form)
    response = client.post(reverse("signals:dossier_new"), {
        "organisation": east.pk, "title": "Huren", "problem": "Te duur.",
        "signals": [a.pk, b.pk, c.pk], "quotes": "\"Te duur.\"\n\n\"Te vochtig.\"",
        "level": "local", "addressee": "Gemeente"})
    assert response.status_code == 302
    d = Dossier.objects.get(title="Huren")
    assert d.summary()["signals"] == 3 and d.summary()["areas"] == 2
    assert d.summary()["projects"] == 2 and d.summary()["groups"] == ["huurders", "nieuwkomers"]
    assert d.quote_list() == ['"Te duur."', '"Te vochtig."']
    a.refresh_from_db()
    assert a.status == "bundled"
    page = client.get(reverse("signals:dossier_detail", args=[d.pk])).content.decode()
    assert "3 signalen" in page and "2 gebieden" in page and "2 projecten" in page


def test_a_dossier_takes_no_foreign_signals(practice: dict[str, Any], login: Any) -> None:
    response = login("coord_e").post(reverse("signals:dossier_new"), {
        "organisation": practice["orgs"]["east"].pk, "title": "X", "problem": "Y",
        "signals": [practice["sig_west"].pk], "level": "local"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_quotes_with_a_name_need_confirmation(practice: dict[str, Any], login: Any) -> None:
    from opbouw.web.signals.models import Dossier

    data = {"organisation": practice["orgs"]["east"].pk, "title": "Q", "problem": "P",
            "quotes": "meneer Claes zei: te duur", "level": "flemish"}
    response = login("coord_e").post(reverse("signals:dossier_new"), data)
    assert response.status_code == 200 and "meneer Claes" in response.content.decode()
    assert not Dossier.objects.filter(title="Q").exists()


def test_requests_and_answers(practice: dict[str, Any], login: Any) -> None:
    from opbouw.web.signals.models import Request

    d = practice["dos_east"]
    client = login("coord_e")
    overview = reverse("signals:overview")
    assert "Oost dossier" in client.get(overview).content.decode()  # waiting since fixture
    req = practice["req_east"]
    bad = client.post(reverse("signals:request_edit", args=[req.pk]), {
        "asked_on": "2025-03-01", "addressee": "Gemeente", "question": "Vraag",
        "answered_on": "2025-02-01", "answer": "Nee"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    ok = client.post(reverse("signals:request_edit", args=[req.pk]), {
        "asked_on": "2025-03-01", "addressee": "Gemeente", "question": "Vraag",
        "answered_on": "2025-04-01", "answer": "Het college onderzoekt het."})
    assert ok.status_code == 302
    req.refresh_from_db()
    assert req.answered_on == dt.date(2025, 4, 1)
    assert not d.waiting
    assert "Oost dossier" not in client.get(overview).content.decode().split(
        'id="waiting"')[1]
    assert client.get(reverse("signals:request_edit", args=[999999])).status_code == 404
    assert Request.objects.filter(dossier=d).count() == 1


def test_the_export_is_a_document_without_script(practice: dict[str, Any],
                                                  login: Any) -> None:
    d = practice["dos_shared"]
    d.quotes = "<script>alert(1)</script>"
    d.save()
    response = login("partner_p").get(reverse("signals:dossier_export", args=[d.pk])
                                      + "?download=1")
    body = response.content.decode()
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "<h1>Gedeeld dossier</h1>" in body and "<script" not in body
    assert "Oost signaal" in body


def _counts(role: str, login: Any, **params: str) -> dict[str, list[list[str]]]:
    from urllib.parse import urlencode

    body = login(role).get(reverse("signals:overview_csv") + "?" + urlencode(params))
    lines = body.content.decode("utf-8-sig").splitlines()[1:]
    out: dict[str, list[list[str]]] = {}
    for line in lines:
        dim, *rest = line.split(";")
        out.setdefault(dim, []).append(rest)
    return out


def test_overview_counts_and_small_counts_hidden(practice: dict[str, Any], login: Any,
                                                 settings: Any) -> None:
    east = practice["orgs"]["east"]
    for i in range(5):
        make_signal(east, title=f"W{i}", right="work", area="Aalst", theme="activering",
                    noted_on=dt.date(2025, 7, 1 + i), reports=2)
    dup = make_signal(east, title="dubbel", right="work", area="Aalst")
    dup.merged_into = practice["sig_east"]
    dup.save()
    page = login("coord_e").get(reverse("signals:overview")).content.decode()
    work_row = page.split('id="by-right"')[1].split('data-key="work"')[1].split("</tr>")[0]
    assert [c.split(">")[-1] for c in work_row.split("</td>")[1:4]] == ["5", "10", "50"]
    csv = _counts("coord_e", login)
    assert ["work", "werk", "5", "10", "50"] in csv["right"]
    assert ["housing", "wonen", "<5", "<5", "10"] in csv["right"]  # 1 signal, 1 report
    settings.OPBOUW_SMALL_COUNT_THRESHOLD = 11
    csv = _counts("coord_e", login)
    assert ["work", "werk", "<11", "<11", "50"] in csv["right"]
    assert [["2025-Q1", "2025-Q1", "<11", "<11", "<11"], ["2025-Q3", "2025-Q3", "<11", "<11",
                                                          "50"]] == csv["period"]
    assert _counts("coord_e", login, start="2025-06-01", period="year")["period"] == [
        ["2025", "2025", "<11", "<11", "50"]]
    # nonsense in the address bar is ignored, never a 500
    assert login("coord_e").get(reverse("signals:overview") + "?start=morgen&period=eeuw"
                                ).status_code == 200


def test_api_counts_hide_small_counts(practice: dict[str, Any], client: Any) -> None:
    from opbouw.web.accounts.models import ApiToken

    east = practice["orgs"]["east"]
    for i in range(6):
        make_signal(east, title=f"A{i}", area="Aalst", area_code="41002",
                    latitude=50.93, longitude=4.04)
    _token, raw = ApiToken.issue(practice["users"]["worker_e"], "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    data = client.get("/api/signals/counts?by=area", **auth).json()
    rows = {r["label"]: r for r in data["rows"]}
    assert data["min_count"] == 5
    assert rows["Aalst"]["signals"] == 6 and rows["Sint-Niklaas"]["signals"] is None
    assert client.get("/api/signals/counts?by=naam", **auth).status_code == 400
    assert client.get("/api/signals/counts?start=gisteren", **auth).status_code in (400, 422)
    dossier = client.get(f"/api/signals/dossiers/{practice['dos_east'].pk}", **auth).json()
    assert dossier["waiting"] is True and dossier["signals"] is None
    assert dossier["requests"][0]["question"] == "Vraag"


def test_the_map_gives_blurred_cells_without_text(practice: dict[str, Any], login: Any) -> None:
    east = practice["orgs"]["east"]
    make_signal(east, title="geheim1", latitude=51.1651, longitude=4.1432)
    make_signal(east, title="geheim2", latitude=51.1659, longitude=4.1441)
    data = login("coord_e").get(reverse("signals:map")).json()
    assert len(data["features"]) == 1
    f = data["features"][0]
    assert f["properties"]["signals"] == 2 and "geheim" not in str(data)
    assert login("coord_w").get(reverse("signals:map")).json()["features"] == []


@pytest.mark.parametrize(("by", "big", "small"), [
    ("right", "work", "housing"), ("theme", "activering", "sociale huur"),
    ("area", "41002", "sint-niklaas"), ("period", "2025-Q3", "2025-Q1")])
def test_api_counts_by_every_dimension(practice: dict[str, Any], client: Any, settings: Any,
                                       by: str, big: str, small: str) -> None:
    from opbouw.analysis.disclosure import SMALL_COUNT_THRESHOLD
    from opbouw.web.accounts.models import ApiToken

    east = practice["orgs"]["east"]
    for i in range(SMALL_COUNT_THRESHOLD):
        make_signal(east, title=f"W{i}", right="work", theme="Activering", area="Aalst",
                    area_code="41002", noted_on=dt.date(2025, 7, 1 + i), people=3)
    _token, raw = ApiToken.issue(practice["users"]["worker_e"], "t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def rows() -> dict[str, Any]:
        data = client.get(f"/api/signals/counts?by={by}", **auth).json()
        assert data["by"] == by
        return {r["key"]: r for r in data["rows"]}

    got = rows()
    # five signals are shown; the single signal of the fixture (one report, ten people)
    # keeps its people count but its signal and report counts are hidden
    assert got[big]["signals"] == SMALL_COUNT_THRESHOLD == got[big]["reports"]
    assert got[big]["people"] == 3 * SMALL_COUNT_THRESHOLD
    assert got[small]["signals"] is None and got[small]["reports"] is None
    assert got[small]["people"] == 10
    # another organisation's signals are not counted at all
    assert "brugge" not in got and "Brugge" not in str(got)
    settings.OPBOUW_SMALL_COUNT_THRESHOLD = SMALL_COUNT_THRESHOLD + 1
    got = rows()
    assert got[big]["signals"] is None and got[big]["people"] == 3 * SMALL_COUNT_THRESHOLD
