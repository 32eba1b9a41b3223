"""Who may change a plan: administrators and coordinators of the owning organisation edit
everything; community workers record progress on the projects they work on; partners
with whom a plan is shared only read it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from opbouw.web.accounts.access import role_in
from opbouw.web.accounts.models import Organisation, Role
from opbouw.web.planning.models import Plan, Project

EDIT_ROLES = {Role.ADMIN, Role.COORDINATOR}


def editable_organisations(user: Any) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user,
                                       memberships__role__in=EDIT_ROLES).distinct()


def can_edit(user: Any, plan: Plan) -> bool:
    return role_in(user, plan.organisation) in EDIT_ROLES


def can_progress(user: Any, project: Project) -> bool:
    """Editors, and the project's own community workers of the owning organisation."""
    role = role_in(user, project.plan.organisation)
    if role in EDIT_ROLES:
        return True
    return role == Role.WORKER and project.workers.filter(pk=user.pk).exists()


def require_edit(user: Any, plan: Plan) -> None:
    if not can_edit(user, plan):
        raise PermissionDenied


def require_progress(user: Any, project: Project) -> None:
    if not can_progress(user, project):
        raise PermissionDenied
