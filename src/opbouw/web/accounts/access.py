"""Who may see and do what: the one place where roles become permissions.

A user sees the data of the organisations they belong to, plus what other organisations
shared with one of those. Acting (importing, creating analyses, sharing) needs a role in
the owning organisation; partner-readers only read.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Manager, Q, QuerySet
from django.http import Http404

from opbouw.web.accounts.models import Membership, Organisation, Role

ACTIONS: dict[str, set[str]] = {
    "view": {Role.ADMIN, Role.COORDINATOR, Role.WORKER, Role.PARTNER_READER},
    "analyse": {Role.ADMIN, Role.COORDINATOR, Role.WORKER},
    "import": {Role.ADMIN, Role.COORDINATOR},
    "share": {Role.ADMIN, Role.COORDINATOR},
    "delete": {Role.ADMIN, Role.COORDINATOR},
    "manage": {Role.ADMIN},
    "define": {Role.ADMIN, Role.COORDINATOR},
    "audit": {Role.ADMIN},
}


def organisations(user: Any, action: str = "view") -> QuerySet[Organisation]:
    """Organisations in which ``user`` may do ``action``."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    roles = ACTIONS[action]
    return Organisation.objects.filter(memberships__user=user,
                                       memberships__role__in=roles).distinct()


def role_in(user: Any, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    m = Membership.objects.filter(user=user, organisation=organisation).first()
    return m.role if m else None


def can(user: Any, organisation: Organisation, action: str) -> bool:
    return role_in(user, organisation) in ACTIONS[action]


def visible(queryset: QuerySet[Any] | Manager[Any], user: Any) -> QuerySet[Any]:
    """Rows of a model with ``organisation`` and ``shared_with`` that ``user`` may see."""
    orgs = organisations(user)
    return queryset.filter(Q(organisation__in=orgs) | Q(shared_with__in=orgs)).distinct()


def get_visible(queryset: QuerySet[Any] | Manager[Any], user: Any, **lookup: Any) -> Any:
    """One visible row, or 404: another organisation's data is never revealed to exist."""
    obj = visible(queryset, user).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def require(user: Any, organisation: Organisation, action: str) -> None:
    """Raise PermissionDenied unless ``user`` may do ``action`` in ``organisation``."""
    from django.core.exceptions import PermissionDenied

    if not can(user, organisation, action):
        raise PermissionDenied


def preselect_only_choice(field: Any) -> None:
    """An organisation select (a ``ModelChoiceField``) with exactly one choice: that one
    chosen, without the empty "---------" line; with several, the user chooses."""
    only = list(field.queryset[:2])
    if len(only) == 1:
        field.initial = only[0].pk
        field.empty_label = None
