"""Uploading files: preview, problems with row and column, all-or-nothing, history."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opbouw.web.areas.models import Area, Dataset, ImportRecord, IndicatorValue
from tests.conftest import DATA


def upload(client: Any, org: Any, name: str, *files: str) -> Any:
    data = {"organisation": org.pk, "name": name,
            "files": [SimpleUploadedFile(f, (DATA / f).read_bytes()) for f in files]}
    return client.post(reverse("import_new"), data, follow=True)


def test_good_files_preview_then_confirm(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    before = Dataset.objects.count()
    response = upload(client, world["orgs"]["east"], "Nieuwe set", "areas_ov.csv",
                      "flemish_cp1252_wide.csv")
    body = response.content.decode()
    assert "Sint-Niklaas" in body  # the preview shows the file's rows
    assert 'id="confirm"' in body
    assert Dataset.objects.count() == before  # nothing before confirming
    confirm = response.redirect_chain[-1][0] + "confirm/"
    done = client.post(confirm, follow=True)
    assert done.status_code == 200
    ds = Dataset.objects.get(name="Nieuwe set")
    assert Area.objects.filter(dataset=ds).count() == 7  # the lines of areas_ov.csv
    assert IndicatorValue.objects.filter(dataset=ds).exists()
    record = ImportRecord.objects.get(dataset=ds)
    assert record.user.username == "coord_e" and record.status == "imported"
    assert record.files == ["areas_ov.csv", "flemish_cp1252_wide.csv"] and record.rows > 0
    history = client.get(reverse("import_history")).content.decode()
    assert "flemish_cp1252_wide.csv" in history
    # counts in the site's one number format, with the thousands apart
    ImportRecord.objects.filter(pk=record.pk).update(values=26487)
    assert "26\u202f487" in client.get(reverse("import_history")).content.decode()


def test_broken_files_show_row_and_column_and_import_nothing(world: dict[str, Any],
                                                            login: Any) -> None:
    client = login("coord_e")
    before = (Dataset.objects.count(), Area.objects.count(), IndicatorValue.objects.count())
    response = upload(client, world["orgs"]["east"], "Kapot", "ten_areas.csv", "ten_problems.csv")
    body = response.content.decode()
    assert 'id="problems"' in body and 'id="confirm"' not in body
    table = body.split('id="problems"')[1].split("</table>")[0]
    # nine errors; the tenth planted problem, a lost leading zero, is a warning (issue 9)
    assert table.count("<tr class=\"error\"") >= 9
    assert table.count("<tr class=\"warning\"") >= 1 and "4000" in table
    assert "ten_problems.csv" in body
    confirm = response.redirect_chain[-1][0] + "confirm/"
    client.post(confirm)
    after = (Dataset.objects.count(), Area.objects.count(), IndicatorValue.objects.count())
    assert after == before
    assert ImportRecord.objects.filter(status="rejected").count() == 1


def test_another_users_pending_import_is_not_reachable(world: dict[str, Any], login: Any,
                                                       client: Any) -> None:
    response = upload(login("coord_e"), world["orgs"]["east"], "X", "areas_ov.csv")
    url = response.redirect_chain[-1][0]
    client.logout()
    login("coord_w")
    assert client.get(url).status_code == 404


def test_a_geopackage_with_several_layers_is_imported_after_choosing_a_layer(
        world: dict[str, Any], login: Any) -> None:
    """The shared Flemish GeoPackage has several layers: the preview lists them, the user
    picks one and its code column, and the areas of that layer are imported."""
    client = login("coord_e")
    response = upload(client, world["orgs"]["east"], "Gemeenten", "flanders_two_layers.gpkg")
    body = response.content.decode()
    preview_url = response.redirect_chain[-1][0]
    assert 'id="confirm"' not in body
    assert "meerdere lagen: gemeente, deelgemeente2024" in body  # the problem, in Dutch
    assert '<option value="gemeente">gemeente</option>' in body
    assert '<option value="deelgemeente2024">deelgemeente2024</option>' in body
    assert ImportRecord.objects.filter(status="rejected").count() == 0  # waiting, not refused
    # a layer that is not in the file is refused, nothing changes
    response = client.post(preview_url + "layer/", {"file": "flanders_two_layers.gpkg",
                                                    "layer": "../../etc"}, follow=True)
    assert "Kies een van de lagen of werkbladen van het bestand." in response.content.decode()
    response = client.post(preview_url + "layer/", {"file": "flanders_two_layers.gpkg",
                                                    "layer": "deelgemeente2024",
                                                    "id_column": "geoitem"}, follow=True)
    body = response.content.decode()
    assert 'id="confirm"' in body, body.split('id="problems"')[-1][:2000]
    assert '<option value="geoitem" selected>geoitem</option>' in body
    assert "Hofstade (Aalst)" in body  # the preview shows the chosen layer's rows
    done = client.post(preview_url + "confirm/", follow=True)
    assert done.status_code == 200
    ds = Dataset.objects.get(name="Gemeenten")
    areas = Area.objects.filter(dataset=ds)
    assert areas.count() == 27 and set(areas.values_list("level", flat=True)) == {
        "sub_municipality"}
    shown = client.get(reverse("dataset_detail", args=[ds.pk])).content.decode()
    assert "Hofstade (Aalst)" in shown and "41002B" in shown  # the areas are listed


# the project's shared data folder sits beside the clone (``../shared/data``), or where
# OPBOUW_SHARED_DATA says; without it the test is skipped (CI's clean clone has it beside)
SHARED_DATA = Path(os.environ.get("OPBOUW_SHARED_DATA")
                   or Path(__file__).resolve().parents[2].parent / "shared" / "data")
SHARED_GPKG = SHARED_DATA / "flanders-areas" / "flanders_areas_31370.gpkg"


@pytest.mark.skipif(not SHARED_GPKG.exists(), reason="the shared Flemish GeoPackage")
def test_the_shared_flemish_geopackage_imports_with_a_chosen_layer_and_code_column(
        world: dict[str, Any], login: Any) -> None:
    """Six layers; in ``gemeente2024`` the code column is called "gemeente", which is
    not recognised as a code: the user chooses it."""
    client = login("coord_e")
    data = {"organisation": world["orgs"]["east"].pk, "name": "Vlaanderen 2024",
            "files": [SimpleUploadedFile(SHARED_GPKG.name, SHARED_GPKG.read_bytes())]}
    response = client.post(reverse("import_new"), data, follow=True)
    url = response.redirect_chain[-1][0]
    assert "meerdere lagen: provincie, gemeente, gemeente2024" in response.content.decode()
    body = client.post(url + "layer/", {"file": SHARED_GPKG.name, "layer": "gemeente2024",
                                        "id_column": "gemeente"}, follow=True).content.decode()
    assert 'id="confirm"' in body
    client.post(url + "confirm/", follow=True)
    ds = Dataset.objects.get(name="Vlaanderen 2024")
    assert Area.objects.filter(dataset=ds).count() == 319
    assert Area.objects.get(dataset=ds, code="44021").name == "Gent"


def test_a_file_above_the_size_limit_is_refused_and_not_kept(world: dict[str, Any], login: Any,
                                                             monkeypatch: Any,
                                                             settings: Any) -> None:
    import dataclasses

    from opbouw.data import limits
    from opbouw.web.areas import views

    monkeypatch.setattr(limits, "LIMITS", dataclasses.replace(limits.LIMITS, file_bytes=100))
    monkeypatch.setattr(views, "UPLOAD_FILES", 1000)  # the request as a whole may pass
    client = login("coord_e")
    body = upload(client, world["orgs"]["east"], "Groot", "areas_ov.csv").content.decode()
    assert "areas_ov.csv is te groot" in body
    assert not any(Path(settings.UPLOAD_DIR).glob("*/*"))  # nothing written


def test_an_upload_larger_than_its_declared_cap_is_refused_unread(world: dict[str, Any],
                                                                  login: Any,
                                                                  settings: Any) -> None:
    from opbouw.data.limits import LIMITS
    from opbouw.web.areas.views import UPLOAD_FILES

    client = login("coord_e")
    data = {"organisation": world["orgs"]["east"].pk, "name": "Te groot",
            "files": [SimpleUploadedFile("a.csv", b"code;name\n1;a\n")]}
    declared = str(UPLOAD_FILES * LIMITS.file_bytes + 1)
    response = client.post(reverse("import_new"), data, CONTENT_LENGTH=declared, follow=True)
    assert response.status_code == 413
    assert "Deze upload is te groot" in response.content.decode()
    assert not Dataset.objects.filter(name="Te groot").exists()
    assert not any(Path(settings.UPLOAD_DIR).glob("*/*"))


def test_a_large_body_is_refused_before_the_csrf_check_reads_it(world: dict[str, Any],
                                                                 login: Any,
                                                                 monkeypatch: Any) -> None:
    """The length check comes before any middleware parses the body: a request that
    declares too much never reaches ``request.POST`` (which the CSRF check reads)."""
    from django.http import request as http_request
    from django.test import Client

    from opbouw.data.limits import LIMITS
    from opbouw.web.areas.views import UPLOAD_FILES

    def parsed(*args: Any) -> None:
        raise AssertionError("the body was parsed")

    monkeypatch.setattr(http_request.HttpRequest, "_load_post_and_files", parsed)
    from tests.web.conftest import PASSWORD

    client = Client(enforce_csrf_checks=True)
    assert client.login(username="coord_e", password=PASSWORD)
    declared = str(UPLOAD_FILES * LIMITS.file_bytes + 1)
    response = client.post(reverse("import_new"), {"name": "x"}, CONTENT_LENGTH=declared)
    assert response.status_code == 413
    body = response.content.decode()
    assert "Deze upload is te groot" in body and 'id="error-page"' in body


def test_a_file_above_the_limit_is_stopped_while_it_streams_in(world: dict[str, Any],
                                                               login: Any, monkeypatch: Any,
                                                               settings: Any) -> None:
    """Even when the declared length passes, the first upload handler stops a file as soon
    as it passes the size limit: nothing is kept and the answer is the 413 page."""
    import dataclasses

    from opbouw.data import limits
    from opbouw.web.areas import views

    monkeypatch.setattr(limits, "LIMITS", dataclasses.replace(limits.LIMITS, file_bytes=1000))
    monkeypatch.setattr(views, "UPLOAD_FILES", 10_000)  # the declared length passes
    client = login("coord_e")
    data = {"organisation": world["orgs"]["east"].pk, "name": "Stroom",
            "files": [SimpleUploadedFile("groot.csv", b"code;name\n" + b"1;a\n" * 2000)]}
    response = client.post(reverse("import_new"), data)
    assert response.status_code == 413
    body = response.content.decode()
    assert "groot.csv is te groot (meer dan 0 MB)" in body
    assert not Dataset.objects.filter(name="Stroom").exists()
    assert not any(Path(settings.UPLOAD_DIR).glob("*/*"))


def test_a_stopped_file_before_the_csrf_token_gets_the_size_message(
        world: dict[str, Any], monkeypatch: Any, settings: Any) -> None:
    """A browser may send the file before the form's CSRF token: the stopped upload is
    still answered with the size message, not with a CSRF refusal."""
    import dataclasses

    from django.test import Client

    from opbouw.data import limits
    from opbouw.web.areas import views
    from tests.web.conftest import PASSWORD

    monkeypatch.setattr(limits, "LIMITS", dataclasses.replace(limits.LIMITS, file_bytes=1000))
    monkeypatch.setattr(views, "UPLOAD_FILES", 10_000)
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="coord_e", password=PASSWORD)
    client.get(reverse("import_new"))
    token = client.cookies["csrftoken"].value
    data = {"files": [SimpleUploadedFile("groot.csv", b"code;name\n" + b"1;a\n" * 2000)],
            "organisation": world["orgs"]["east"].pk, "name": "Stroom",
            "csrfmiddlewaretoken": token}
    response = client.post(reverse("import_new"), data)
    assert response.status_code == 413
    assert "groot.csv is te groot" in response.content.decode()
    assert not any(Path(settings.UPLOAD_DIR).glob("*/*"))


def test_the_preview_counts_rows_in_dutch_singular_and_plural(world: dict[str, Any],
                                                              login: Any) -> None:
    client = login("coord_e")
    data = {"organisation": world["orgs"]["east"].pk, "name": "Eén rij",
            "files": [SimpleUploadedFile("een.csv", b"code;name;level\n46021;Sint-Niklaas;"
                                                    b"municipality\n")]}
    body = client.post(reverse("import_new"), data, follow=True).content.decode()
    assert "(1 rij," in body and "1 rijen" not in body


def test_web_messages_never_ask_for_a_command_line_option(world: dict[str, Any],
                                                          login: Any) -> None:
    """The CLI's ``--crs`` means nothing on the web: the preview says what to do there."""
    client = login("coord_e")
    wkt = "POLYGON ((150000 170000, 151000 170000, 151000 171000, 150000 170000))"
    areas = f"code;naam;geometry\n11001;Aartselaar;{wkt}\n".encode()
    data = {"organisation": world["orgs"]["east"].pk, "name": "Zonder CRS",
            "files": [SimpleUploadedFile("zonder_crs.csv", areas)]}
    body = client.post(reverse("import_new"), data, follow=True).content.decode()
    assert "de coördinaten passen in" in body  # the assumed-CRS warning is shown
    assert "upload dan het .prj-bestand mee" in body
    assert "--crs" not in body and "--layer" not in body and "--catalogue" not in body


def test_the_web_wording_of_a_layer_choice_and_a_missing_crs() -> None:
    from opbouw.data.problems import MESSAGES, PHRASES, WEB_MESSAGES, WEB_PHRASES, Problem

    several = Problem("several_layers", "vlaanderen.gpkg", found="gemeenten, wijken")
    assert "--layer" not in several.message(web=True)
    assert several.message(web=True) == ("Het bestand heeft meerdere lagen: gemeenten, "
                                         "wijken. Kies er één in de laagkeuze.")
    missing = Problem("crs_missing", "a.shp", expected="crs")
    assert "--crs" in missing.message() and "--crs" not in missing.message(web=True)
    options = [k for k, text in {**MESSAGES, **PHRASES}.items() if " --" in text]
    assert set(options) <= set(WEB_MESSAGES) | set(WEB_PHRASES) | {"unknown_indicator"}
