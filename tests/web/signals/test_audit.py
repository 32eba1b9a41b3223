"""Every create, change and delete of signals, dossiers and requests is in the audit log,
with the values before and after."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse


def _entries(obj: Any, action: int) -> Any:
    from django.contrib.contenttypes.models import ContentType

    from opbouw.web.trust.models import AuditEntry

    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                     object_pk=str(obj.pk), action=action).order_by("-pk")


@pytest.mark.parametrize(("key", "field", "value"), [
    ("sig_east", "status", "checked"), ("dos_east", "follow_up", "Opvolgen in juni"),
    ("req_east", "answer", "De gemeente onderzoekt het.")])
def test_create_change_delete_leave_entries(practice: dict[str, Any], key: str, field: str,
                                            value: str) -> None:
    from opbouw.web.trust.models import AuditEntry

    obj = practice[key]
    assert _entries(obj, AuditEntry.Action.CREATE).count() == 1
    before = getattr(obj, field)
    setattr(obj, field, value)
    obj.save()
    change = _entries(obj, AuditEntry.Action.UPDATE)[0]
    assert change.changes_dict[field] == [before, value]
    assert change.organisation == practice["orgs"]["east"]
    pk, model = obj.pk, type(obj)
    obj.delete()
    assert _entries(model(pk=pk), AuditEntry.Action.DELETE).count() == 1


def test_triage_through_the_page_names_the_actor(practice: dict[str, Any],
                                                 login: Any) -> None:
    from opbouw.web.trust.models import AuditEntry

    signal = practice["sig_east"]
    login("coord_e").post(reverse("signals:signal_status", args=[signal.pk]),
                          {"status": "checked"})
    signal.refresh_from_db()
    assert signal.status == "checked"
    change = _entries(signal, AuditEntry.Action.UPDATE)[0]
    assert change.changes_dict["status"] == ["new", "checked"]
    assert change.actor == practice["users"]["coord_e"]


def test_bundling_signals_is_audited(practice: dict[str, Any]) -> None:
    from opbouw.web.signals.models import Signal
    from opbouw.web.trust.models import AuditEntry

    dossier = practice["dos_east"]
    extra = Signal.objects.create(organisation=practice["orgs"]["east"], title="Tweede",
                                  description="x", right="health", area="Temse", group="g")
    dossier.signals.add(extra)
    m2m = [e for e in _entries(dossier, AuditEntry.Action.UPDATE)
           if "signals" in e.changes_dict]
    assert m2m and m2m[0].changes_dict["signals"]["objects"] == ["Tweede"]
