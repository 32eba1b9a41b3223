"""Every create, change and delete of terrain knowledge is in the audit log, with the
values before and after, the actor and the organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.knowledge.conftest import CODE


def _entries(obj: Any, action: int) -> Any:
    from django.contrib.contenttypes.models import ContentType

    from opbouw.web.trust.models import AuditEntry

    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                     object_pk=str(obj.pk), action=action).order_by("-pk")


# (kind of record, field to change, new value)
CHANGES = [("note", "title", "Nieuwe titel"), ("asset", "name", "Nieuwe kracht"),
           ("place", "meaning", "Nu een ontmoetingsplek"), ("answer", "text", "Nieuw antwoord"),
           ("statement", "title", "Nieuwe probleemstelling"), ("audit", "title", "Nieuwe audit")]


@pytest.mark.parametrize(("kind", "field", "value"), CHANGES)
def test_create_change_delete_leave_entries(kworld: dict[str, Any], kind: str, field: str,
                                            value: str) -> None:
    from opbouw.web.trust.models import AuditEntry

    obj = kworld["records"]["east"][kind]
    created = _entries(obj, AuditEntry.Action.CREATE)
    assert created.count() == 1 and created[0].organisation == kworld["orgs"]["east"]
    before = getattr(obj, field)
    setattr(obj, field, value)
    obj.save()
    change = _entries(obj, AuditEntry.Action.UPDATE)[0]
    assert change.changes_dict[field] == [before, value]
    assert change.organisation == kworld["orgs"]["east"]
    pk, model = obj.pk, type(obj)
    obj.delete()
    gone = model(pk=pk)
    deleted = _entries(gone, AuditEntry.Action.DELETE)
    assert deleted.count() == 1 and deleted[0].organisation == kworld["orgs"]["east"]


def test_statement_items_and_goals_are_audited_with_their_organisation(
        kworld: dict[str, Any]) -> None:
    from opbouw.web.knowledge.models import WorkGoal
    from opbouw.web.trust.models import AuditEntry

    version = kworld["records"]["east"]["statement"].versions.get()
    item = version.items.get()
    item.text = "Andere nood"
    item.save()
    change = _entries(item, AuditEntry.Action.UPDATE)[0]
    assert change.changes_dict["text"] == ["Nood Oost", "Andere nood"]
    assert change.organisation == kworld["orgs"]["east"]
    goal = WorkGoal.objects.create(version=version, text="Een jongerenplek",
                                   tracks=["public_space"])
    assert _entries(goal, AuditEntry.Action.CREATE)[0].organisation == kworld["orgs"]["east"]


def test_a_change_through_the_page_names_the_actor(kworld: dict[str, Any],
                                                   login: Any) -> None:
    from opbouw.web.trust.models import AuditEntry

    note = kworld["records"]["east"]["note"]
    client = login("worker_e")
    response = client.post(reverse("knowledge_note_edit", args=[note.pk]), {
        "kind": "history", "title": "Geschiedenis van de wijk", "observed_on": "2025-05-01",
        "text": note.text, "needs": "", "source": "worker", "source_detail": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    change = _entries(note, AuditEntry.Action.UPDATE)[0]
    assert change.actor == kworld["users"]["worker_e"]
    assert change.changes_dict["title"] == ["Notitie Oost", "Geschiedenis van de wijk"]
    login("coord_e").post(reverse("knowledge_note_delete", args=[note.pk]))
    assert _entries(note, AuditEntry.Action.DELETE)[0].actor == kworld["users"]["coord_e"]


def test_sharing_is_audited(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.trust.models import AuditEntry

    place = kworld["records"]["private"]["place"]
    login("coord_e").post(reverse("knowledge_place_share", args=[place.pk]),
                          {"organisations": [kworld["orgs"]["partner"].pk]})
    m2m = [e for e in _entries(place, AuditEntry.Action.UPDATE)
           if "shared_with" in e.changes_dict]
    assert m2m and m2m[0].changes_dict["shared_with"]["objects"] == ["Partner vzw"]
    assert CODE  # the records live in the shared area
