"""The audit page shows changes for people: Dutch field names, a dash for empty values,
yes/no for booleans, choice labels, local time to the minute; and every model of the
project names its records (no Django default "Response object (6)")."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone


def test_audit_page_shows_changes_for_people(world: dict, login: Any) -> None:
    from opbouw.web.analyses.models import Analysis

    a = world["a_east"]
    a.name = "Nieuwe naam"
    a.save()
    a = Analysis.objects.get(pk=a.pk)
    body = login("admin_e").get(reverse("trust:audit"),
                                HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "<b>Naam</b>: Oost analyse → Nieuwe naam" in body
    assert "<b>name</b>" not in body and "<b>updated_at</b>" not in body
    assert "None" not in body
    assert "+00:00" not in body
    # the creation lists empty fields as a dash
    assert "→ —" in body or "— →" in body
    # the change of updated_at in local time (Europe/Brussels), to the minute
    local = timezone.localtime(a.updated_at)
    assert f"{local.day}-{local.month}-{local.year} {local:%H:%M}" in body
    assert not re.search(r"\d\d:\d\d:\d\d\.\d{6}", body)


def test_display_value_booleans_choices_and_empty(db: Any) -> None:
    from django.utils import translation

    from opbouw.web.inclusion.models import Assessment
    from opbouw.web.trust.audit import display_value
    from opbouw.web.trust.models import Erasure

    closed = Assessment._meta.get_field("closed")
    reason = Erasure._meta.get_field("reason")
    with translation.override("nl"):
        assert display_value(closed, "True") == "ja"
        assert display_value(closed, "False") == "nee"
        assert display_value(closed, "None") == "—"
        assert display_value(reason, "request") == "verzoek van de betrokkene"
        assert display_value(None, "") == "—"


def _project_models() -> list[Any]:
    return [m for m in apps.get_models() if m.__module__.startswith("opbouw.")]


@pytest.mark.parametrize("model", _project_models(), ids=lambda m: m._meta.label)
def test_every_model_names_its_records(model: Any) -> None:
    from django.db import models

    assert model.__str__ is not models.Model.__str__, model._meta.label


def test_an_inclusion_response_reads_as_words_without_personal_data(world: dict) -> None:
    from django.utils import translation

    from opbouw.web.inclusion.models import Assessment, Response

    user = world["users"]["worker_e"]
    round_ = Assessment.objects.create(organisation=world["orgs"]["east"], name="Ronde 1")
    response = Response.objects.create(assessment=round_, user=user)
    with translation.override("nl"):
        text = str(response)
    assert "object (" not in text
    assert text == f"antwoordenlijst {response.pk} in Ronde 1"
    assert user.username not in text


def test_old_entries_without_a_name_show_the_record_now(world: dict, login: Any) -> None:
    from opbouw.web.trust.models import AuditEntry

    a = world["a_east"]
    AuditEntry.objects.filter(object_pk=str(a.pk), content_type__model="analysis").update(
        object_repr=f"Analysis object ({a.pk})")
    body = login("admin_e").get(reverse("trust:audit")).content.decode()
    assert "object (" not in body
    assert ": Oost analyse</td>" in body


def test_relations_without_values_are_left_out(world: dict) -> None:
    from opbouw.web.trust.audit import display_changes
    from opbouw.web.trust.models import AuditEntry

    entry = AuditEntry.objects.filter(content_type__model="dataset",
                                      action=AuditEntry.Action.CREATE).first()
    assert entry is not None and "imports" in entry.changes_dict  # a reverse relation
    rows = display_changes(entry)
    assert rows and all(".None" not in str(row) for row in rows)


def test_a_stored_list_reads_as_words(db: Any) -> None:
    from opbouw.web.areas.models import ImportRecord
    from opbouw.web.trust.audit import display_value

    files = ImportRecord._meta.get_field("files")
    assert display_value(files, '["a.csv", "b.xlsx"]') == "a.csv, b.xlsx"


def test_an_import_is_audited_as_done_by_the_person_who_started_it(world: dict) -> None:
    """A background job writes as its creator, not as "system"."""
    from django.contrib.contenttypes.models import ContentType

    from opbouw.web.jobs.models import Job
    from opbouw.web.jobs.runner import run_job
    from opbouw.web.trust.models import AuditEntry

    user = world["users"]["coord_e"]
    job = Job.objects.create(organisation=world["orgs"]["east"], created_by=user,
                             kind="test", title="t", params={"name": "Door een taak"})
    run_job.call(job.pk, "tests.web.trust.test_audit_display._rename_in_a_job", "nl")
    kind = ContentType.objects.get_for_model(world["a_east"])
    entry = AuditEntry.objects.filter(content_type=kind, object_pk=str(world["a_east"].pk)) \
        .latest("timestamp")
    assert entry.actor == user


def _rename_in_a_job(job: Any) -> None:
    from opbouw.web.analyses.models import Analysis

    a = Analysis.objects.get(organisation=job.organisation, name="Oost analyse")
    a.name = job.params["name"]
    a.save()
    job.finish({}, "")
