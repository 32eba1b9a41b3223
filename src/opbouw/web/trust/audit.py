"""Reads of sensitive records, and the audit entries an organisation's administrators see."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from opbouw.web.trust.models import AuditEntry
from opbouw.web.trust.sensitivity import LOG_READS_FROM, level_of


def log_read(request: Any, obj: Any) -> AuditEntry | None:
    """Write an ``access`` entry when ``obj`` is personal or more sensitive.

    Call it in every view that shows one record of a practice app, after the access check::

        note = get_visible(Note.objects, request.user, pk=pk)
        log_read(request, note)
    """
    if level_of(obj) < LOG_READS_FROM:
        return None
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.log_create(
        obj, action=AuditEntry.Action.ACCESS, changes=None, force_log=True, actor=actor,
        remote_addr=request.META.get("REMOTE_ADDR") if request is not None else None)


def entries_for(organisation_ids: list[int], *, action: str = "", model: str = "",
                actor: str = "", start: date | None = None, end: date | None = None,
                text: str = "") -> QuerySet[AuditEntry]:
    """The entries of these organisations, filtered; newest first."""
    qs = AuditEntry.objects.filter(organisation_id__in=organisation_ids).select_related(
        "actor", "content_type", "organisation")
    if action != "":
        qs = qs.filter(action=int(action))
    if model:
        app_label, _sep, name = model.partition(".")
        qs = qs.filter(content_type__app_label=app_label, content_type__model=name)
    if actor:
        qs = qs.filter(actor__username__icontains=actor)
    if start:
        qs = qs.filter(timestamp__date__gte=start)
    if end:
        qs = qs.filter(timestamp__date__lte=end)
    if text:
        qs = qs.filter(object_repr__icontains=text)
    return qs.order_by("-timestamp", "-pk")
