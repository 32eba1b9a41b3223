"""Reads of sensitive records, and the audit entries an organisation's administrators see."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

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


#: how an empty value (None, "") reads in the audit log
EMPTY = "—"


def _parse_datetime(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def display_value(field: Any, value: Any) -> str:
    """One stored value (auditlog keeps strings: ``"None"``, ``"True"``, ISO datetimes)
    as the site shows it: empty as a dash, booleans as yes/no, choices by their label,
    dates and times in the site's time zone and date format."""
    if value is None or value in ("None", ""):
        return EMPTY
    if field is None:
        return str(value)
    text = str(value)
    if isinstance(field, models.BooleanField):
        if text in ("True", "False"):
            return str(_("yes") if text == "True" else _("no"))
        return text
    choices = getattr(field, "flatchoices", None)
    if choices:
        labels = {str(key): label for key, label in choices}
        if text in labels:
            return str(labels[text])
    if isinstance(field, models.DateTimeField):
        moment = _parse_datetime(text)
        if moment is not None:
            return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
        return text
    if isinstance(field, models.DateField):
        try:
            return formats.date_format(date.fromisoformat(text[:10]), "SHORT_DATE_FORMAT")
        except ValueError:
            return text
    if isinstance(field, models.JSONField):
        return _json_text(text)
    if isinstance(field, models.ForeignKey):
        try:
            related = field.related_model._default_manager.filter(pk=text).first()
        except (ValueError, TypeError, ValidationError):
            related = None
        return str(related) if related is not None else text
    return text


def _json_text(text: str) -> str:
    """A stored list or object as words: ``["a.csv", "b.csv"]`` as ``a.csv, b.csv``."""
    import json

    try:
        value = json.loads(text)
    except ValueError:
        return text
    if isinstance(value, list):
        return ", ".join(map(str, value)) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) or EMPTY
    return str(value)


def field_of(model: Any, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(field: Any, name: str) -> str:
    """The field's verbose name (translated, first letter capital), or its name."""
    label = getattr(field, "verbose_name", None) or name.replace("_", " ")
    if not isinstance(label, Promise):
        # Django's default (the field name in words): the site's catalogues name the
        # common ones (created at, updated at, ...)
        label = _(str(label))
    return capfirst(str(label))


def display_changes(entry: Any) -> list[dict[str, str]]:
    """The changes of one entry for people: ``label``, ``before`` and ``after`` per field
    (many-to-many changes as ``before`` empty and ``after`` the operation and objects)."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        field = field_of(model, name)
        if field is not None and getattr(field, "auto_created", False) \
                and not getattr(field, "concrete", False):
            continue  # a reverse relation: auditlog writes "app.Model.None", nothing to see
        if field is not None and getattr(field, "many_to_many", False) \
                and not isinstance(change, dict):
            continue  # a many-to-many field on creation, the same; its changes come as m2m
        label = field_label(field, name)
        if isinstance(change, dict):
            objects = ", ".join(map(str, change.get("objects", [])))
            operation = {"add": _("added"), "delete": _("removed")}.get(
                change.get("operation", ""), change.get("operation", ""))
            rows.append({"label": label, "m2m": f"{operation}: {objects or EMPTY}"})
            continue
        before, after = (list(change) + [None, None])[:2]
        rows.append({"label": label, "before": display_value(field, before),
                     "after": display_value(field, after)})
    return rows


def display_repr(entry: Any) -> str:
    """The record's name; entries written before its model had a ``__str__`` say
    "Response object (6)": those show the record's name now, or its kind and number."""
    text = entry.object_repr or ""
    if " object (" not in text:
        return text
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:
        return text
    try:
        obj = model._default_manager.filter(pk=entry.object_pk).first()
    except (ValueError, TypeError, ValidationError):
        obj = None
    if obj is not None:
        return str(obj)
    return f"{model._meta.verbose_name} {entry.object_pk}"
