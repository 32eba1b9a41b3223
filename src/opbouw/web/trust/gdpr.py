"""Export of everything about a user, erasure that keeps counts, and retention.

Erasure anonymises the account in place: the row stays, so every dataset, analysis, import
and practice record keeps its author (now ``geanonimiseerd-<id>``) and every count and
aggregate stays the same; names, e-mail, password, tokens, sessions and the identifiers in
the audit log are removed.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import serializers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opbouw.web.trust.models import AuditEntry, Erasure
from opbouw.web.trust.registry import entries

ANONYMOUS_PREFIX = "geanonimiseerd-"
USER_FIELDS_EXPORTED = ("username", "first_name", "last_name", "email", "date_joined",
                        "last_login", "is_active")


def _plain(objs: Any) -> list[dict[str, Any]]:
    return [{"model": o["model"], "pk": o["pk"], **o["fields"]}
            for o in serializers.serialize("python", objs)]


def user_records(user: Any) -> dict[str, list[Any]]:
    """Every registered record that points at ``user`` (author, owner, member ...)."""
    out: dict[str, list[Any]] = {}
    User = get_user_model()
    for entry in entries():
        if entry.model is User or not entry.user_fields:
            continue
        cond = Q()
        for name in entry.user_fields:
            cond |= Q(**{name: user})
        rows = list(entry.model._default_manager.filter(cond))
        if rows:
            out[entry.label] = rows
    return out


def export_user(user: Any) -> bytes:
    """A ZIP with ``account.json``, one JSON file per kind of record and a README."""
    from django.utils.translation import gettext as _

    account = {name: getattr(user, name) for name in USER_FIELDS_EXPORTED}
    account["id"] = user.pk
    account["organisations"] = [{"organisation": m.organisation.name, "role": m.role}
                                for m in user.memberships.select_related("organisation")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        def put(name: str, data: Any) -> None:
            zf.writestr(name, json.dumps(data, indent=2, ensure_ascii=False, default=str))

        put("account.json", account)
        for label, rows in user_records(user).items():
            plain = _plain(rows)
            for row in plain:
                row.pop("digest", None)  # a token's hash is a credential, not data about you
            put(f"records/{label}.json", plain)
        put("audit.json", [
            {"timestamp": e.timestamp, "action": e.get_action_display(),
             "object": f"{e.content_type.app_label}.{e.content_type.model}:{e.object_pk}",
             "repr": e.object_repr, "changes": e.changes_dict,
             "remote_addr": e.remote_addr}
            for e in AuditEntry.objects.filter(actor=user).select_related("content_type")])
        zf.writestr("README.txt", _(
            "All data opbouw holds about you (GDPR art. 15 and 20), as JSON: your account, "
            "the records you created or that refer to you, your consents and the audit log "
            "of what you did.\n"))
    return buffer.getvalue()


def is_erased(user: Any) -> bool:
    return Erasure.objects.filter(user_id_erased=user.pk).exists()


@transaction.atomic
def erase_user(user: Any, reason: str = "request") -> bool:
    """Anonymise ``user``; False when already done (idempotent)."""
    if is_erased(user):
        return False
    old_name = user.username
    User = get_user_model()
    # a queryset update: the audit log must not keep the old values in its "changes"
    User.objects.filter(pk=user.pk).update(
        username=f"{ANONYMOUS_PREFIX}{user.pk}", first_name="", last_name="", email="",
        password="!", is_active=False, is_staff=False, is_superuser=False, last_login=None)
    user.refresh_from_db()
    user.api_tokens.all().delete()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user).delete()
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    AuditEntry.objects.filter(actor=user).update(remote_addr=None, actor_email=None)
    entries_about = AuditEntry.objects.filter(
        content_type__app_label=user._meta.app_label, content_type__model=user._meta.model_name,
        object_pk=str(user.pk))
    entries_about.update(object_repr=user.username, changes=None, changes_text="",
                         serialized_data=None, remote_addr=None)
    AuditEntry.objects.filter(object_repr=old_name).update(object_repr=user.username)
    for e in AuditEntry.objects.filter(object_repr__startswith=f"{old_name} @ "):
        e.object_repr = user.username + e.object_repr[len(old_name):]
        e.save(update_fields=["object_repr"])
    Erasure.objects.create(user_id_erased=user.pk, reason=reason)
    return True


def purge_expired(now: datetime | None = None) -> dict[str, int]:
    """Apply every retention period of the register; running it twice changes nothing."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    User = get_user_model()
    erased = set(Erasure.objects.values_list("user_id_erased", flat=True))
    for entry in entries():
        if entry.retention_days is None or not entry.retention_field:
            continue
        cutoff = now - timedelta(days=entry.retention_days)
        if entry.model is User:
            # never logged in counts from the day the account was made
            stale = User.objects.filter(is_superuser=False).filter(
                Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
            ).exclude(pk__in=erased)
            n = sum(erase_user(u, reason="retention") for u in stale)
        else:
            n = _anonymise_fields(entry, cutoff)
        counts[entry.label] = n
    from django.contrib.sessions.models import Session as S

    counts["sessions"] = S.objects.filter(expire_date__lt=now).delete()[0]
    return counts


def _anonymise_fields(entry: Any, cutoff: datetime) -> int:
    """Blank the personal fields (not the links to users: accounts have their own
    retention) of the records older than ``cutoff`` that still hold any of them."""
    model = entry.model
    blank: dict[str, Any] = {}
    for name in entry.personal_fields:
        f = model._meta.get_field(name)
        if name in entry.user_fields or f.is_relation:
            continue
        blank[name] = None if f.null else ""
    if not blank:
        return 0
    still = Q()
    for name, value in blank.items():
        still |= ~Q(**{name: value}) if value is not None else Q(**{f"{name}__isnull": False})
    qs = model._default_manager.filter(**{f"{entry.retention_field}__lt": cutoff}).filter(still)
    return qs.update(**blank)
