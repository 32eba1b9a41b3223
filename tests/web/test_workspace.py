"""Issue 10, what broke: imports that add to a dataset, deleting datasets, weights,
shared analyses, the area page with the analysis's settings, validation, numbers, error
pages, exports, members and indicator definitions."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import analysable, catalogue_for
from opbouw.web.areas.models import Area, Dataset, IndicatorValue
from tests.web.conftest import PASSWORD

YEAR_FILE = ("code;indicator;jaar;waarde\n"
             "46021;werkloosheidsdruk;2031;8,1\n45041;werkloosheidsdruk;2031;9,9\n"
             "44021;werkloosheidsdruk;2031;7,5\n")


def _upload(client: Any, org: Any, files: dict[str, bytes], **extra: Any) -> Any:
    data = {"organisation": org.pk, "name": extra.pop("name", ""),
            "files": [SimpleUploadedFile(n, b) for n, b in files.items()], **extra}
    return client.post(reverse("import_new"), data, follow=True)


def test_indicators_only_without_a_dataset_is_refused(world: dict[str, Any],
                                                      login: Any) -> None:
    client = login("coord_e")
    before = Dataset.objects.count()
    body = _upload(client, world["orgs"]["east"],
                   {"jaar.csv": YEAR_FILE.encode()}, name="Leeg").content.decode()
    assert "geen gebieden" in body and 'id="confirm"' not in body
    assert Dataset.objects.count() == before
    assert client.get(reverse("analysis_new")).status_code == 200


def test_indicators_only_adds_a_year_to_an_existing_dataset(world: dict[str, Any],
                                                            login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    before = (Dataset.objects.count(), IndicatorValue.objects.filter(dataset=ds).count())
    response = _upload(client, world["orgs"]["east"], {"jaar.csv": YEAR_FILE.encode()},
                       dataset=ds.pk)
    body = response.content.decode()
    assert 'id="confirm"' in body and "Oost gegevens" in body
    client.post(response.redirect_chain[-1][0] + "confirm/")
    assert Dataset.objects.count() == before[0]
    assert IndicatorValue.objects.filter(dataset=ds).count() == before[1] + 3
    assert IndicatorValue.objects.filter(dataset=ds, year=2031).count() == 3
    # the same file again replaces, it does not double
    again = _upload(client, world["orgs"]["east"], {"jaar.csv": YEAR_FILE.encode()},
                    dataset=ds.pk)
    assert "vervangen" in again.content.decode()
    client.post(again.redirect_chain[-1][0] + "confirm/")
    assert IndicatorValue.objects.filter(dataset=ds, year=2031).count() == 3
    page = client.get(reverse("area_detail", args=[ds.pk, "46021"]), {"year": 2031})
    assert page.status_code == 200 and "8,1" in page.content.decode()
    # a correction of one area replaces that value only; the other areas keep theirs
    one = "code;indicator;jaar;waarde\n46021;werkloosheidsdruk;2031;8,4\n"
    fix = _upload(client, world["orgs"]["east"], {"een.csv": one.encode()}, dataset=ds.pk)
    assert "1 values" in fix.content.decode() or "1 waarden" in fix.content.decode()
    client.post(fix.redirect_chain[-1][0] + "confirm/")
    kept = IndicatorValue.objects.filter(dataset=ds, year=2031)
    assert sorted((v.area_code, v.value) for v in kept) == [
        ("44021", 7.5), ("45041", 9.9), ("46021", 8.4)]


def test_unknown_codes_in_an_addition_are_errors(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    bad = YEAR_FILE + "99999;werkloosheidsdruk;2031;5\n"
    body = _upload(client, world["orgs"]["east"], {"jaar.csv": bad.encode()},
                   dataset=ds.pk).content.decode()
    assert "99999" in body and 'id="confirm"' not in body
    # the problem names the file, the row and the column where the code stands
    row = next(r for r in body.split("<tr")[1:] if "99999" in r and "<td" in r)
    cells = [c.split(">", 1)[1].split("<")[0].strip() for c in row.split("<td")[1:]]
    assert cells[:3] == ["jaar.csv", str(len(YEAR_FILE.splitlines()) + 1), "code"], cells


def test_a_dataset_can_be_deleted_after_confirmation(world: dict[str, Any], login: Any,
                                                     client: Any) -> None:
    ds = world["ds_east"]
    url = reverse("dataset_delete", args=[ds.pk])
    login("worker_e")
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.logout()
    login("coord_w")
    assert client.post(url).status_code == 404
    client.logout()
    login("coord_e")
    page = client.get(url).content.decode()
    assert 'id="confirm-delete"' in page and "Oost analyse" in page
    assert Dataset.objects.filter(pk=ds.pk).exists()  # asking deletes nothing
    assert client.post(url).status_code == 302
    assert not Dataset.objects.filter(pk=ds.pk).exists()
    assert not Area.objects.filter(dataset_id=ds.pk).exists()


def test_saved_weights_show_in_number_inputs(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    a = world["a_shared"]
    key = a.dataset and client.get(reverse("dataset_indicators", args=[a.dataset.pk])) \
        .json()["indicators"][0]["key"]
    assert client.post(reverse("analysis_save", args=[a.pk]),
                       {f"w_{key}": "2.5"}).status_code == 302
    body = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
    assert f'name="w_{key}" value="2,5"' in body
    # in the user's language (a text input, inputmode=decimal), integers without ",0"
    assert 'value="1,0"' not in body and 'value="1.0"' not in body and 'value="1"' in body


def test_a_partner_reads_a_shared_analysis_down_to_its_area_pages(world: dict[str, Any],
                                                                  login: Any) -> None:
    """The analysis is shared, its dataset is not: map, area and dataset pages open
    through the analysis, and nothing else of the dataset does."""
    a, ds = world["a_east"], world["ds_east"]
    a.config = {**a.config, "indicators": ["unemployment_pressure"], "year": None}
    a.save()
    a.shared_with.add(world["orgs"]["partner"])
    client = login("partner_p")
    q = {"analysis": a.pk}
    detail = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
    assert f"?analysis={a.pk}" in detail
    geo = client.get(reverse("dataset_geojson", args=[ds.pk]), q)
    assert geo.status_code == 200 and len(geo.json()["features"]) >= 5
    assert {f["properties"]["code"] for f in geo.json()["features"]} >= {"46021"}
    area = client.get(reverse("area_detail", args=[ds.pk, "46021"]), q)
    assert area.status_code == 200
    assert "Werkloosheidsdruk" in area.content.decode()
    assert "Bevolkingsdichtheid" not in area.content.decode()  # not in the analysis
    assert client.get(reverse("dataset_detail", args=[ds.pk]), q).status_code == 200
    # only through the share, and only the analysis's level
    assert client.get(reverse("area_detail", args=[ds.pk, "46021"])).status_code == 404
    assert client.get(reverse("area_detail", args=[ds.pk, "40000"]), q).status_code == 404
    assert client.get(reverse("dataset_geojson", args=[ds.pk])).status_code == 404
    other = world["a_west"]
    assert client.get(reverse("area_detail", args=[world["ds_west"].pk, "46021"]),
                      {"analysis": other.pk}).status_code == 404


def test_area_page_uses_the_analysis_settings_and_fills_the_parent(world: dict[str, Any],
                                                                   login: Any) -> None:
    client = login("coord_e")
    a, ds = world["a_east"], world["ds_east"]
    a.config = {**a.config, "k": 2, "p": 30.0}
    a.save()
    body = client.get(reverse("area_detail", args=[ds.pk, "46021"]),
                      {"analysis": a.pk}).content.decode()
    assert "(grens 2)" in body and "slechtste 30 %" in body
    parent_col = body.split('id="indicators"')[1].split("</table>")[0]
    cells = [row.split("<td")[-2] for row in parent_col.split("<tr")[2:]]
    assert cells and all("–" not in c for c in cells), cells
    province = client.get(reverse("area_detail", args=[ds.pk, "40000"])).content.decode()
    assert 'id="no-values"' in province and 'id="sub-table"' in province
    assert "Sint-Niklaas" in province
    # every indicator of the dataset is a column, and the page says the table scrolls
    head = province.split('id="sub-table"')[1].split("</thead>")[0]
    keys = analysable(store.indicators_in(ds), catalogue_for(ds.organisation_id))
    assert head.count("<th>") + head.count("<th ") == 1 + len(keys)
    assert "de tabel schuift mee" in province


def test_validation_refuses_impossible_settings_in_dutch(world: dict[str, Any],
                                                         login: Any) -> None:
    client = login("coord_e")
    ds = world["ds_east"]
    base = {"name": "X", "organisation": world["orgs"]["east"].pk, "dataset": ds.pk,
            "method": "atlas", "level": "municipality", "p": 20, "k": 1, "n": 5,
            "normalise": "minmax", "aggregate": "arithmetic"}
    for bad, text in (({"year": 2030}, "geen waarden voor 2030"),
                      ({"p": 0}, "minstens"),
                      ({"k": -1}, "minstens 1"),
                      ({"k": 40}, "hoogstens het aantal indicatoren")):
        response = client.post(reverse("analysis_new"), {**base, **bad})
        body = response.content.decode()
        assert response.status_code == 200 and 'class="errorlist' in body, bad
        assert text in body, (bad, body.split('id="form-errors"')[-1][:2000])
    assert not Analysis.objects.filter(name="X").exists()


def test_numbers_have_one_format_per_language() -> None:
    from django.utils import translation

    from opbouw.web.areas.templatetags.opbouw_tags import format_num

    with translation.override("nl"):
        assert format_num(14662.98) == "14\u202f662,98"
        assert format_num(14663.0, 1) == "14\u202f663"
        assert format_num(-0.5) == "\u22120,5"
        assert format_num(None) == "–"
    with translation.override("en"):
        assert format_num(14662.98) == "14,662.98"


def test_error_pages_are_dutch_and_in_the_layout(world: dict[str, Any], login: Any,
                                                 client: Any) -> None:
    from django.template.loader import get_template

    login("coord_e")
    response = client.get("/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404 and "Pagina niet gevonden" in body
    assert 'class="top"' in body and "Not Found" not in body
    forbidden = client.get(reverse("dataset_delete", args=[world["ds_east"].pk]))
    assert forbidden.status_code == 200  # coordinator may
    client.logout()
    login("worker_e")
    forbidden = client.get(reverse("dataset_delete", args=[world["ds_east"].pk]))
    assert forbidden.status_code == 403 and "Geen toegang" in forbidden.content.decode()
    from django.utils import translation

    with translation.override("nl"):
        html = get_template("500.html").render()  # no request, no context
    assert "Er ging iets mis" in html


def test_export_has_visible_names_rounding_yes_no_and_metadata(world: dict[str, Any],
                                                               login: Any) -> None:
    client = login("coord_e")
    a = world["a_east"]
    response = client.get(reverse("analysis_export", args=[a.pk, "xlsx"]))
    name = response["Content-Disposition"]
    assert "oost-analyse" in name and "analysis-" not in name
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    results, meta = book.worksheets
    header = [c.value for c in results[1]]
    assert header[:5] == ["Code", "Naam", "Score", "Rang", "Hoogste groep"]
    assert {results.cell(r, 5).value for r in range(2, results.max_row + 1)} <= {"Ja", "Nee"}
    for row in results.iter_rows(min_row=2, values_only=True):
        for v in row:
            if isinstance(v, float):
                assert round(v, 3) == v
    items = {r[0]: r[1] for r in meta.iter_rows(min_row=2, values_only=True)}
    assert items["Methode"].startswith("Cumulatie") and items["Gemaakt door"] == "coord_e"
    assert items["Gegevensset"] == "Oost gegevens" and "Indicator" in items
    csv = client.get(reverse("analysis_export", args=[a.pk, "csv"])).content.decode("utf-8-sig")
    assert "True" not in csv and "False" not in csv and "Gemaakt door;coord_e" in csv


def test_an_administrator_manages_members_and_roles(world: dict[str, Any], login: Any,
                                                    client: Any) -> None:
    from opbouw.web.accounts.models import Membership

    east = world["orgs"]["east"]
    url = reverse("members", args=[east.pk])
    login("coord_e")
    assert client.get(url).status_code == 403
    client.logout()
    login("coord_w")
    assert client.get(url).status_code == 404
    client.logout()
    login("admin_e")
    assert "coord_e" in client.get(url).content.decode()
    client.post(url, {"action": "add", "username": "nieuw_lid", "role": "worker",
                      "password": "een-lang-wachtwoord-42"})
    member = Membership.objects.get(user__username="nieuw_lid", organisation=east)
    assert member.role == "worker"
    client.post(url, {"action": "role", "membership": member.pk, "role": "coordinator"})
    member.refresh_from_db()
    assert member.role == "coordinator"
    me = Membership.objects.get(user__username="admin_e")
    client.post(url, {"action": "remove", "membership": me.pk})
    assert Membership.objects.filter(pk=me.pk).exists()  # the last administrator stays
    client.post(url, {"action": "remove", "membership": member.pk})
    assert not Membership.objects.filter(pk=member.pk).exists()
    client.logout()
    assert client.login(username="admin_e", password=PASSWORD)


def test_an_administrator_keeps_their_own_administrator_role(world: dict[str, Any],
                                                              login: Any, client: Any) -> None:
    """Issue 10: with a second administrator present, an administrator still cannot remove
    or demote themselves (another administrator does that); the last one never goes."""
    from opbouw.web.accounts.models import Membership

    east = world["orgs"]["east"]
    url = reverse("members", args=[east.pk])
    login("admin_e")
    client.post(url, {"action": "add", "username": "tweede_beheerder", "role": "admin",
                      "password": PASSWORD})
    other = Membership.objects.get(user__username="tweede_beheerder", organisation=east)
    me = Membership.objects.get(user__username="admin_e", organisation=east)
    body = client.post(url, {"action": "remove", "membership": me.pk},
                       follow=True).content.decode()
    assert Membership.objects.filter(pk=me.pk).exists()
    assert "uw eigen rol van beheerder" in body
    body = client.post(url, {"action": "role", "membership": me.pk, "role": "worker"},
                       follow=True).content.decode()
    me.refresh_from_db()
    assert me.role == "admin" and "uw eigen rol van beheerder" in body
    # another administrator may change this one's role; then the last one stays
    client.logout()
    login("tweede_beheerder")
    client.post(url, {"action": "role", "membership": me.pk, "role": "coordinator"})
    me.refresh_from_db()
    assert me.role == "coordinator"
    body = client.post(url, {"action": "remove", "membership": other.pk},
                       follow=True).content.decode()
    assert Membership.objects.filter(pk=other.pk, role="admin").exists()
    assert "laatste beheerder" in body


def test_indicator_definitions_are_edited_in_the_workspace(world: dict[str, Any],
                                                           login: Any) -> None:
    from opbouw.web.areas.models import IndicatorDefinition

    client = login("coord_e")
    east = world["orgs"]["east"]
    wide = "code;naam;kansarmoede_index\n46021;Sint-Niklaas;12,5\n45041;Ronse;14\n"
    body = _upload(client, east, {"k.csv": wide.encode()},
                   dataset=world["ds_east"].pk).content.decode()
    assert "--catalogue" not in body and reverse("indicator_new") in body
    response = client.post(reverse("indicator_new"), {
        "organisation": east.pk, "key": "kansarmoede_index", "label_nl": "Kansarmoede-index",
        "unit": "index", "direction": "lower_is_worse", "source": "Kind en Gezin",
        "year": 2024})
    assert response.status_code == 302
    assert IndicatorValue.objects.none().count() == 0
    body = _upload(client, east, {"k.csv": wide.encode()},
                   dataset=world["ds_east"].pk).content.decode()
    assert "geen bekende indicator" not in body
    d = IndicatorDefinition.objects.get(key="kansarmoede_index")
    listing = client.get(reverse("indicator_list")).content.decode()
    assert "Kansarmoede-index" in listing and "Kind en Gezin" in listing
    assert client.post(reverse("indicator_new"), {
        "organisation": east.pk, "key": "x", "label_nl": "X", "unit": "other",
        "direction": "higher_is_worse", "year": 1200}).status_code == 200
    client.logout()
    login("worker_e")
    assert client.get(reverse("indicator_edit", args=[d.pk])).status_code == 403


def test_a_shared_analysis_shows_its_own_year_only(world: dict[str, Any], login: Any) -> None:
    """Shared is the analysis, not the dataset: a partner reading an area through it may
    choose the analysis's year only, not the other years of the dataset."""
    ds = world["ds_east"]
    first = 2030
    for year, value in ((2030, 11.5), (2031, 123.25)):
        IndicatorValue.objects.create(dataset=ds, area_code="46021",
                                      indicator="werkloosheidsdruk", year=year, value=value)
    a = Analysis.objects.create(organisation=world["orgs"]["east"], dataset=ds,
                                name="Gedeeld", method="atlas",
                                config={**world["a_east"].config, "year": first})
    a.shared_with.add(world["orgs"]["partner"])
    url = reverse("area_detail", args=[ds.pk, "46021"])
    partner = login("partner_p").get(url, {"analysis": a.pk, "year": 2031}).content.decode()
    assert "2031</option>" not in partner and "2030</option>" in partner
    own = login("coord_e").get(url, {"year": 2031}).content.decode()
    assert "2031</option>" in own


def test_a_workbook_with_several_sheets_offers_the_choice_of_sheet(world: dict[str, Any],
                                                                   login: Any) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Toelichting"
    notes.append(["Bron: test"])
    notes.append(["Geen gegevens op dit blad"])
    data = wb.create_sheet("Gegevens")
    for line in YEAR_FILE.strip().splitlines():
        code, indicator, year, value = line.split(";")
        data.append([code, indicator, year, value.replace(",", ".")])
    buf = io.BytesIO()
    wb.save(buf)
    client = login("coord_e")
    ds = world["ds_east"]
    first = _upload(client, world["orgs"]["east"], {"cijfers.xlsx": buf.getvalue()},
                    dataset=ds.pk)
    body = first.content.decode()
    assert "meerdere werkbladen" in body and "“Toelichting” wordt gelezen" in body
    assert 'id="confirm"' not in body  # the first sheet holds no values
    assert 'xlsx, ""' not in body  # a workbook has no text encoding nor separator to show
    token_url = first.redirect_chain[-1][0]
    token = token_url.rstrip("/").split("/")[-1]
    refused = client.post(reverse("import_options", args=[token]),
                          {"file": "cijfers.xlsx", "layer": "Bestaat niet"}, follow=True)
    assert "Kies een van de lagen of werkbladen" in refused.content.decode()
    chosen = client.post(reverse("import_options", args=[token]),
                         {"file": "cijfers.xlsx", "layer": "Gegevens"}, follow=True)
    body = chosen.content.decode()
    assert "“Gegevens” wordt gelezen" in body and 'id="confirm"' in body
    client.post(token_url + "confirm/")
    assert IndicatorValue.objects.filter(dataset=ds, year=2031).count() == 3


def test_a_partner_area_page_has_no_empty_trend_column_nor_a_one_year_choice(
        world: dict[str, Any], login: Any) -> None:
    world["ds_shared"].shared_with.remove(world["orgs"]["partner"])  # only the analysis
    a = world["a_shared"]
    url = reverse("area_detail", args=[a.dataset.pk, "46021"]) + f"?analysis={a.pk}"
    response = login("partner_p").get(url)
    assert response.status_code == 200
    partner = response.content.decode()
    assert 'id="year-form"' not in partner  # a share shows one year: nothing to choose
    assert "Verloop" not in partner.split('id="indicators"')[1].split("</thead>")[0]
    own = login("coord_e").get(url).content.decode()
    assert "Verloop" in own.split('id="indicators"')[1].split("</thead>")[0]
