"""Planning records under audit: every create, change and delete of a plan, its goals,
actions, overview-matrix marks, projects, yearly plans, objectives, timeline entries,
measures and population indicators is logged with before/after values (django-auditlog
through ``opbouw.web.trust``), under the organisation that owns the plan."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

#: how each planning model reaches its plan
PLAN_PATH: dict[str, str] = {
    "Plan": "",
    "StrategicGoal": "plan",
    "OperationalGoal": "goal.plan",
    "StrategicAction": "plan",
    "Contribution": "action.plan",
    "Project": "plan",
    "YearPlan": "plan",
    "Objective": "year_plan.plan",
    "TimelineEntry": "objective.year_plan.plan",
    "Measure": "project.plan",
    "MeasureValue": "measure.project.plan",
    "PopulationIndicator": "od.goal.plan",
}


def plan_organisation(path: str) -> Any:
    """A function giving the id of the organisation owning the plan of a record."""

    def organisation(obj: Any) -> int | None:
        try:
            for name in [p for p in path.split(".") if p]:
                obj = getattr(obj, name)
            return obj.organisation_id
        except Exception:  # the plan may already be gone (cascading deletes)
            return None

    return organisation


def register_planning() -> None:
    from opbouw.web.planning import models
    from opbouw.web.trust import register

    purpose = _("planning and monitoring of the organisation's work")
    personal = {
        "Plan": {"created_by": _("author")},
        "Project": {"workers": _("community workers")},
        "TimelineEntry": {"created_by": _("author"), "text": _("what happened or was decided")},
        "MeasureValue": {"narrative": _("narrative")},
    }
    m2m = {"Plan": ["shared_with"], "Project": ["areas", "actions", "workers"]}
    for name, path in PLAN_PATH.items():
        register(getattr(models, name), personal_fields=personal.get(name, {}),
                 purpose=purpose, legal_basis="public_task",
                 organisation=plan_organisation(path), m2m_fields=m2m.get(name, []))
