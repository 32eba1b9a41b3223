"""Every create, change and delete of planning records is audited with before/after values,
the actor and the organisation that owns the plan."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def _entries(model: str, pk: Any, action: int) -> Any:
    from opbouw.web.trust.models import AuditEntry

    return AuditEntry.objects.filter(content_type__app_label="planning",
                                     content_type__model=model, object_pk=str(pk),
                                     action=action).order_by("-pk")


def test_every_planning_model_is_audited(db: Any) -> None:
    from auditlog.registry import auditlog
    from django.apps import apps

    from opbouw.web.trust.registry import entry_for

    for model in apps.get_app_config("planning").get_models():
        if model.__name__ == "PlanChange":  # the plan's own short history of changes
            continue
        assert auditlog.contains(model), model
        assert entry_for(model) is not None, model


def test_progress_change_is_audited_with_before_and_after(plans: dict[str, Any],
                                                          login: Any) -> None:
    from opbouw.web.trust.models import AuditEntry

    objective, east = plans["objective"], plans["orgs"]["east"]
    created = _entries("objective", objective.pk, AuditEntry.Action.CREATE)
    assert created.count() == 1 and created[0].organisation == east
    client = login("worker_e")
    client.post(reverse("objective_progress", args=[plans["p_east"].pk, objective.pk]),
                {"status": "on_track", "percentage": "75", "date": "2022-04-01",
                 "kind": "decided", "text": "Buurtcomité kiest een thema."})
    change = _entries("objective", objective.pk, AuditEntry.Action.UPDATE)[0]
    assert change.changes_dict["percentage"] == ["40", "75"]
    assert change.changes_dict["status"] == ["not_started", "on_track"]
    assert change.actor == plans["users"]["worker_e"] and change.organisation == east
    entry = objective.timeline.get()
    assert _entries("timelineentry", entry.pk, AuditEntry.Action.CREATE)[0].organisation == east


def test_project_edit_matrix_and_delete_are_audited(plans: dict[str, Any], login: Any) -> None:
    from opbouw.web.planning.models import Contribution
    from opbouw.web.trust.models import AuditEntry

    p, east, coord = plans["p_east"], plans["orgs"]["east"], plans["users"]["coord_e"]
    client = login("coord_e")
    project = plans["other_project"]
    before = float(project.fte)
    client.post(reverse("project_edit", args=[p.pk, project.pk]),
                {"name": project.name, "fte": "2,5", "status": "finished",
                 "actions": [a.pk for a in project.actions.all()]})
    updates = _entries("project", project.pk, AuditEntry.Action.UPDATE)
    change = next(e for e in updates if "status" in e.changes_dict)
    assert change.changes_dict["status"] == ["running", "finished"]
    assert [float(x) for x in change.changes_dict["fte"]] == [before, 2.5]
    assert change.actor == coord and change.organisation == east
    action = p.actions.get(code="SA4")
    od = p.goals.get(code="SD1").operational.get(code="OD1.3")
    client.post(reverse("plan_matrix", args=[p.pk]), {f"c_{action.pk}_{od.pk}": "possibly"})
    mark = Contribution.objects.get(action=action, od=od)
    created = _entries("contribution", mark.pk, AuditEntry.Action.CREATE)[0]
    assert created.changes_dict["strength"] == ["None", "possibly"]
    assert created.actor == coord and created.organisation == east
    client.post(reverse("plan_matrix", args=[p.pk]), {f"c_{action.pk}_{od.pk}": ""})
    assert _entries("contribution", mark.pk, AuditEntry.Action.DELETE).count() == 1
    measure = plans["measure"]
    client.post(reverse("plan_delete", args=[p.pk]))
    gone = _entries("measure", measure.pk, AuditEntry.Action.DELETE)
    assert gone.count() == 1 and gone[0].actor == coord
    plan_gone = _entries("plan", p.pk, AuditEntry.Action.DELETE)
    assert plan_gone.count() == 1 and plan_gone[0].organisation == east
