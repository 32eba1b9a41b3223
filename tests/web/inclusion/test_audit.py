"""Every create, change and delete of a self-assessment round, a response and its answers
is in the audit log, with the values before and after and the organisation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.web.inclusion.test_assessment import answers


def _entries(obj: Any, action: int) -> Any:
    from django.contrib.contenttypes.models import ContentType

    from opbouw.web.trust.models import AuditEntry

    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                     object_pk=str(obj.pk), action=action).order_by("-pk")


def test_rounds_are_audited(rounds: dict[str, Any]) -> None:
    from opbouw.web.inclusion.models import Assessment
    from opbouw.web.trust.models import AuditEntry

    a = rounds["as_east"]
    assert _entries(a, AuditEntry.Action.CREATE)[0].organisation == rounds["orgs"]["east"]
    a.closed = True
    a.save()
    assert _entries(a, AuditEntry.Action.UPDATE)[0].changes_dict["closed"] == ["False", "True"]
    pk = a.pk
    a.delete()
    assert _entries(Assessment(pk=pk), AuditEntry.Action.DELETE).count() == 1


def test_answers_filled_in_again_show_before_and_after(rounds: dict[str, Any],
                                                       login: Any) -> None:
    from opbouw.web.inclusion.forms import field_name
    from opbouw.web.inclusion.models import Answer
    from opbouw.web.trust.models import AuditEntry

    a = rounds["as_east"]
    fill = reverse("inclusion:assessment_fill", args=[a.pk])
    client = login("worker_e")
    assert client.post(fill, answers(3)).status_code == 302
    answer = Answer.objects.get(response__assessment=a, factor="org.leadership")
    created = _entries(answer, AuditEntry.Action.CREATE)[0]
    assert created.organisation == rounds["orgs"]["east"]
    assert client.post(fill, answers(3, {("org.leadership", "policy"): 1})).status_code == 302
    answers_now = Answer.objects.filter(response__assessment=a, factor="org.leadership")
    assert answers_now.get().policy == 1 and field_name("org.leadership", "policy")
    logged = [e for e in AuditEntry.objects.filter(
        content_type__model="answer", content_type__app_label="inclusion",
        organisation=rounds["orgs"]["east"]).order_by("-pk")
        if e.changes_dict.get("policy", [None, None])[1] == "1"]
    assert logged and logged[0].changes_dict["policy"][0] in ("3", "None")
    assert logged[0].actor == rounds["users"]["worker_e"]
