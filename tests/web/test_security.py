"""The upload path and the site's defences, as an attacker and a clumsy user tried them."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opbouw.web.areas.models import Area, Dataset, IndicatorValue
from tests import hostile
from tests.conftest import DATA
from tests.web.conftest import PASSWORD


def _upload(client: Any, org: Any, *paths: Any) -> Any:
    data = {"organisation": org.pk, "name": "Aanval",
            "files": [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]}
    return client.post(reverse("import_new"), data, follow=True)


def _counts() -> tuple[int, int, int]:
    return Dataset.objects.count(), Area.objects.count(), IndicatorValue.objects.count()


@pytest.mark.parametrize("kind", ["vrt_as_geojson", "vrt_sql_as_gpkg", "vrt_in_zip",
                                  "gdalg_as_geojson", "gpkg_with_view", "gpkg_without_geometry",
                                  "nan_coordinates", "xlsx_entity_expansion",
                                  "xlsx_zip_bomb", "csv_100000_columns", "utf16_odd_length"])
def test_hostile_upload_shows_a_problem_and_stores_nothing(world: dict[str, Any], login: Any,
                                                          tmp_path: Any, kind: str) -> None:
    client = login("coord_w")  # another organisation than the data a VRT would read
    before = _counts()
    response = _upload(client, world["orgs"]["west"], hostile.make(kind, tmp_path / "h"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="problems"' in body and 'id="confirm"' not in body
    assert hostile.SECRET not in body and "pbkdf2" not in body and "root:x" not in body
    assert str(tmp_path) not in body
    confirm = response.redirect_chain[-1][0] + "confirm/"
    client.post(confirm)
    assert _counts() == before


def test_preview_is_computed_once(world: dict[str, Any], login: Any, monkeypatch: Any) -> None:
    client = login("coord_e")
    response = _upload(client, world["orgs"]["east"], DATA / "areas_ov.csv")
    url = response.redirect_chain[-1][0]
    from opbouw.web.areas import imports

    monkeypatch.setattr(imports, "collect", lambda *a, **k: pytest.fail("validated again"))
    again = client.get(url)
    assert again.status_code == 200 and "Sint-Niklaas" in again.content.decode()


def test_confirm_runs_as_a_job_with_progress(world: dict[str, Any], login: Any) -> None:
    from opbouw.web.jobs.models import Job

    client = login("coord_e")
    response = _upload(client, world["orgs"]["east"], DATA / "areas_ov.csv",
                       DATA / "flemish_cp1252_wide.csv")
    done = client.post(response.redirect_chain[-1][0] + "confirm/")
    job = Job.objects.get(kind="import")
    assert done.url == reverse("job_detail", args=[job.pk])
    assert job.status == "done" and job.progress == 1.0
    dataset = Dataset.objects.get(pk=job.result["dataset"])
    assert job.result_url == reverse("dataset_detail", args=[dataset.pk])
    status = client.get(reverse("job_status", args=[job.pk])).json()
    assert status["status"] == "done" and status["url"] == job.result_url
    # another organisation does not see the job
    client.logout()
    login("coord_w")
    assert client.get(reverse("job_detail", args=[job.pk])).status_code == 404


def test_two_files_with_one_name_do_not_overwrite(world: dict[str, Any], login: Any,
                                                  settings: Any) -> None:
    client = login("coord_e")
    first = (DATA / "areas_ov.csv").read_bytes()
    second = (DATA / "flemish_cp1252_wide.csv").read_bytes()
    client.post(reverse("import_new"), {
        "organisation": world["orgs"]["east"].pk, "name": "Zelfde naam",
        "files": [SimpleUploadedFile("data.csv", first), SimpleUploadedFile("data.csv", second)]})
    folders = list((settings.UPLOAD_DIR).iterdir())
    assert len(folders) == 1
    stored = sorted(p.name for p in folders[0].iterdir() if not p.name.startswith("."))
    assert stored == ["data-2.csv", "data.csv"]
    assert (folders[0] / "data.csv").read_bytes() == first
    assert (folders[0] / "data-2.csv").read_bytes() == second


def test_a_code_longer_than_the_database_keeps_is_a_preview_problem(
        world: dict[str, Any], login: Any, tmp_path: Any) -> None:
    path = tmp_path / "lang.csv"
    path.write_text("code;naam;niveau\n" + "4" * 60 + ";Lang;municipality\n")
    client = login("coord_e")
    response = _upload(client, world["orgs"]["east"], path)
    body = response.content.decode()
    assert 'id="confirm"' not in body and "is langer dan 40 tekens" in body
    assert "lang.csv" in body  # named with its file and row, not "(gebieden)"


def test_every_page_has_a_policy_without_inline_script(world: dict[str, Any],
                                                       login: Any) -> None:
    client = login("coord_e")
    for url in (reverse("home"), reverse("analysis_detail", args=[world["a_east"].pk]),
                reverse("login")):
        policy = client.get(url)["Content-Security-Policy"]
        script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'self'" in script and "unsafe-inline" not in script
        assert "default-src 'self'" in policy


def test_templates_hold_no_inline_script() -> None:
    from pathlib import Path

    import opbouw.web

    root = Path(opbouw.web.__file__).parent
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text()
        assert "<script>" not in text, template
        for handler in (" onclick=", " onchange=", " onsubmit=", " onload=", " oninput="):
            assert handler not in text, (template, handler)


def test_login_is_throttled(world: dict[str, Any], client: Any) -> None:
    url = reverse("login")
    codes = [client.post(url, {"username": "coord_e", "password": "fout"}).status_code
             for _ in range(7)]
    assert codes[:4] == [200] * 4 and codes[-1] == 429
    locked = client.post(url, {"username": "coord_e", "password": PASSWORD})
    assert locked.status_code == 429  # even the right password, for now
    assert "te veel" in locked.content.decode().lower()


def test_admin_login_is_throttled_too(world: dict[str, Any], client: Any) -> None:
    url = reverse("admin:login")
    codes = [client.post(url, {"username": "admin_e", "password": "fout"}).status_code
             for _ in range(7)]
    assert codes[-1] == 429


def test_password_validators_refuse_similar_and_numeric() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = get_user_model()(username="opbouwwerker")
    for bad in ("opbouwwerker1", "83920174638"):
        with pytest.raises(ValidationError):
            validate_password(bad, user)


def test_deploy_check_is_clean_in_production_settings(tmp_path: Any) -> None:
    env = {"OPBOUW_SECRET_KEY": "x" * 30 + "Yq8#kL2$vN7@pR4&mT9!wZ3^bH6*cF1",
           "PATH": "/usr/bin:/bin",
           "OPBOUW_ALLOWED_HOSTS": "opbouw.example.org", "OPBOUW_SECURE_COOKIES": "1",
           "OPBOUW_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "opbouw.web.settings"}
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy",
                             "--fail-level", "WARNING"], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_name_longer_than_the_database_keeps_names_file_and_row(
        world: dict[str, Any], login: Any, tmp_path: Any) -> None:
    path = tmp_path / "namen.csv"
    path.write_text("code;naam;niveau\n44021;Gent;municipality\n"
                    "44022;" + "N" * 300 + ";municipality\n")
    body = _upload(login("coord_e"), world["orgs"]["east"], path).content.decode()
    assert 'id="confirm"' not in body and "(gebieden)" not in body
    row = next(r for r in body.split("<tr")[1:] if "NNNN" in r and "<td" in r)
    cells = [c.split(">", 1)[1].split("<")[0].strip() for c in row.split("<td")[1:]]
    assert cells[:3] == ["namen.csv", "3", "naam"], cells
