"""Audit with django-auditlog: changes with before/after, reads of personal data, the
administrators' page (their organisation only), filters and the CSV export."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.urls import reverse


def _entries(**lookup: Any) -> Any:
    from opbouw.web.trust.models import AuditEntry

    return AuditEntry.objects.filter(**lookup)


def test_create_change_delete_are_logged_with_before_and_after(world: dict, login: Any) -> None:
    from opbouw.web.trust.models import AuditEntry

    a = world["a_east"]
    created = _entries(object_pk=str(a.pk), content_type__model="analysis",
                       action=AuditEntry.Action.CREATE)
    assert created.count() == 1 and created[0].organisation == world["orgs"]["east"]
    client = login("coord_e")
    client.post(reverse("analysis_share", args=[a.pk]),
                {"organisations": [world["orgs"]["partner"].pk]})
    a.name = "Nieuwe naam"
    a.save()
    change = _entries(object_pk=str(a.pk), content_type__model="analysis",
                      action=AuditEntry.Action.UPDATE).order_by("-pk")
    assert change[0].changes_dict["name"] == ["Oost analyse", "Nieuwe naam"]
    m2m = [e for e in change if "shared_with" in e.changes_dict]
    assert m2m and m2m[0].changes_dict["shared_with"]["objects"] == ["Partner vzw"]
    assert m2m[0].actor == world["users"]["coord_e"]
    pk = a.pk
    client.post(reverse("analysis_delete", args=[pk]))
    deleted = _entries(object_pk=str(pk), content_type__model="analysis",
                       action=AuditEntry.Action.DELETE)
    assert deleted.count() == 1
    assert deleted[0].actor == world["users"]["coord_e"]
    assert deleted[0].organisation == world["orgs"]["east"]


def test_existing_models_are_all_registered(db: Any) -> None:
    from auditlog.registry import auditlog
    from django.contrib.auth import get_user_model

    from opbouw.web.accounts.models import ApiToken, Membership, Organisation
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import Dataset, ImportRecord

    for model in (get_user_model(), Organisation, Membership, ApiToken, Dataset, ImportRecord,
                  Analysis):
        assert auditlog.contains(model), model


def test_secrets_never_reach_the_log(world: dict) -> None:
    from opbouw.web.accounts.models import ApiToken

    user = world["users"]["worker_e"]
    user.set_password("another-pass-456!")
    user.save()
    token, raw = ApiToken.issue(user, "mijn token")
    for e in _entries():
        text = str(e.changes) + (e.changes_text or "")
        assert "pbkdf2" not in text and token.digest not in text and raw not in text


def test_reads_of_personal_records_are_logged(world: dict, rf: Any) -> None:
    from opbouw.web.trust import log_read
    from opbouw.web.trust.models import AuditEntry

    request = rf.get("/")
    request.user = world["users"]["admin_e"]
    # a dataset is internal: no entry; a user account is personal data: an entry
    assert log_read(request, world["ds_east"]) is None
    entry = log_read(request, world["users"]["worker_e"])
    assert entry is not None and entry.action == AuditEntry.Action.ACCESS
    assert entry.actor == world["users"]["admin_e"]
    assert entry.remote_addr == "127.0.0.1"


def test_record_sensitivity_raises_the_level(db: Any) -> None:
    from opbouw.web.areas.models import Dataset
    from opbouw.web.trust.sensitivity import Sensitivity, level_of

    ds = Dataset(name="x")
    assert level_of(ds) == Sensitivity.INTERNAL
    ds.sensitivity = Sensitivity.SPECIAL  # what a practice record with the field carries
    assert level_of(ds) == Sensitivity.SPECIAL


def test_audit_page_only_for_administrators(world: dict, login: Any) -> None:
    url = reverse("trust:audit")
    for role, expected in (("admin_e", 200), ("coord_e", 403), ("worker_e", 403),
                           ("partner_p", 403), ("coord_w", 403)):
        assert login(role).get(url).status_code == expected, role


def test_audit_page_shows_only_the_own_organisation(world: dict, login: Any) -> None:
    body = login("admin_e").get(reverse("trust:audit")).content.decode()
    assert "Oost analyse" in body and "Oost gegevens" in body
    assert "West analyse" not in body and "West gegevens" not in body


def test_audit_filters(world: dict, login: Any) -> None:
    client = login("admin_e")
    client.post(reverse("analysis_delete", args=[world["a_east"].pk]))
    body = client.get(reverse("trust:audit"), {"action": "2"}).content.decode()
    # (the deleted analysis names its dataset among its values; no dataset row)
    assert "Oost analyse</td>" in body and "Oost gegevens</td>" not in body
    # auditlog's actions in Dutch (it ships no Dutch; our catalogue gives it)
    assert "<td>verwijderd</td>" in body and "<td>delete</td>" not in body
    body = client.get(reverse("trust:audit"), {"model": "areas.dataset"}).content.decode()
    assert "Oost gegevens" in body and "Oost analyse" not in body
    body = client.get(reverse("trust:audit"), {"actor": "admin_e"}).content.decode()
    assert "Oost analyse</td>" in body and "Oost gegevens</td>" not in body
    # a nonsense filter is a form error, not a 500
    response = client.get(reverse("trust:audit"), {"start": "gisteren", "organisation": "x"})
    assert response.status_code == 200


def test_audit_export_csv(world: dict, login: Any) -> None:
    client = login("admin_e")
    response = client.get(reverse("trust:audit_export"), {"model": "analyses.analysis"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Wanneer", "Organisatie", "Wie", "Actie", "Gegeven",
                       "Nummer van het gegeven", "Omschrijving", "Wijzigingen (voor → na)"]
    assert all(r[1] == "Instituut Oost" for r in rows[1:])
    assert all(r[4] == "analyse" for r in rows[1:])
    assert all(len(r[0]) == 16 for r in rows[1:])  # local time to the minute
    assert "None" not in text and "Naam:" in text  # field names in words, no None
    assert re.search(r'filename="auditlog-\d{4}-\d\d-\d\d\.csv"',
                     response["Content-Disposition"])
    assert any("Gedeelde analyse" in r[6] for r in rows[1:])
    assert not any("West" in cell for r in rows for cell in r)
    assert login("coord_e").get(reverse("trust:audit_export")).status_code == 403


def test_practice_data_is_audited(db: Any) -> None:
    """Notes, places, signals, dossiers, assessments and plans: create, change, delete."""
    from auditlog.registry import auditlog
    from django.apps import apps

    for label in ("knowledge.Note", "knowledge.Place", "knowledge.Asset", "knowledge.Answer",
                  "knowledge.ProblemStatement", "knowledge.AccessAudit", "signals.Signal",
                  "signals.Dossier", "signals.Request", "inclusion.Assessment",
                  "inclusion.Response", "inclusion.Answer", "planning.Plan",
                  "planning.Project", "planning.Objective", "planning.MeasureValue"):
        assert auditlog.contains(apps.get_model(label)), label


def test_signal_changes_and_reads_are_logged(world: dict, login: Any) -> None:
    from opbouw.web.trust.models import AuditEntry
    from tests.web.signals.conftest import build_practice

    practice = build_practice(world)
    signal, dossier = practice["sig_east"], practice["dos_east"]
    client = login("coord_e")
    signal.people = 12
    signal.save()
    change = _entries(object_pk=str(signal.pk), content_type__model="signal",
                      action=AuditEntry.Action.UPDATE).get()
    assert change.changes_dict["people"] == ["10", "12"]
    assert change.organisation == world["orgs"]["east"]
    for url, obj, model in ((reverse("signals:signal_detail", args=[signal.pk]), signal,
                             "signal"),
                            (reverse("signals:dossier_detail", args=[dossier.pk]), dossier,
                             "dossier"),
                            (reverse("signals:dossier_export", args=[dossier.pk]), dossier,
                             "dossier")):
        before = _entries(object_pk=str(obj.pk), content_type__model=model,
                          action=AuditEntry.Action.ACCESS).count()
        assert client.get(url).status_code == 200
        reads = _entries(object_pk=str(obj.pk), content_type__model=model,
                         action=AuditEntry.Action.ACCESS)
        assert reads.count() == before + 1, url
        assert reads.order_by("-pk")[0].actor == world["users"]["coord_e"]
    # another organisation's signal is not shown, and so not logged as read
    west = practice["sig_west"]
    assert client.get(reverse("signals:signal_detail", args=[west.pk])).status_code == 404
    assert not _entries(object_pk=str(west.pk), content_type__model="signal",
                        action=AuditEntry.Action.ACCESS).exists()


def test_reading_a_public_contribution_is_logged(world: dict, login: Any) -> None:
    from opbouw.web.knowledge.models import Place
    from opbouw.web.trust.models import AuditEntry

    area = world["ds_east"].areas.first()
    places = {via: Place.objects.create(
        organisation=world["orgs"]["east"], area=area, experience="avoided",
        meaning=f"Plek {via}", via=via,
        geometry={"type": "Point", "coordinates": [4.14, 51.16]}) for via in ("public", "visit")}
    client = login("worker_e")
    for via, place in places.items():
        assert client.get(reverse("knowledge_place", args=[place.pk])).status_code == 200
        logged = _entries(object_pk=str(place.pk), content_type__model="place",
                          action=AuditEntry.Action.ACCESS).exists()
        assert logged == (via == "public"), via


def test_audit_export_xlsx_is_filtered_and_formula_safe(world: dict, login: Any) -> None:
    from openpyxl import load_workbook

    a = world["a_east"]
    a.name = "=HYPERLINK(\"http://x\")"
    a.save()
    client = login("admin_e")
    csv_body = client.get(reverse("trust:audit_export"), {"model": "analyses.analysis"})
    assert "'=HYPERLINK" in csv_body.content.decode("utf-8-sig")
    response = client.get(reverse("trust:audit_export_xlsx"),
                          {"model": "analyses.analysis", "action": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Wanneer", "Organisatie", "Wie", "Actie", "Gegeven")
    assert len(rows) > 1
    assert all(r[1] == "Instituut Oost" and r[4] == "analyse" for r in rows[1:])
    assert len({r[3] for r in rows[1:]}) == 1  # the action filter holds
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)  # text, not a formula
    assert login("coord_e").get(reverse("trust:audit_export_xlsx")).status_code == 403
