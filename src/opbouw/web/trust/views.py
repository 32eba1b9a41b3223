"""The audit page, the privacy page (register, consent, export, erasure) and the
two-factor set-up for administrators."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.web.accounts.access import organisations
from opbouw.web.trust import gdpr
from opbouw.web.trust.audit import (
    display_changes,
    display_repr,
    entries_for,
    field_label,
    field_of,
    log_read,
)
from opbouw.web.trust.forms import AuditFilter, EraseForm, TokenForm
from opbouw.web.trust.models import Consent
from opbouw.web.trust.registry import CONSENT_PURPOSES, LEGAL_BASES, entries


def _audit_entries(request: HttpRequest) -> tuple[AuditFilter, Any]:
    orgs = list(organisations(request.user, "audit"))
    if not orgs:
        raise PermissionDenied
    form = AuditFilter(request.GET or None, organisations=orgs)
    ids = [o.pk for o in orgs]
    if form.is_valid():
        d = form.cleaned_data
        if d["organisation"]:
            ids = [d["organisation"]]
        qs = entries_for(ids, action=d["action"], model=d["model"], actor=d["actor"],
                         start=d["start"], end=d["end"], text=d["text"])
    else:
        qs = entries_for(ids)
    return form, qs


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    form, qs = _audit_entries(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.display_changes = display_changes(entry)
        entry.display_repr = display_repr(entry)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "trust/audit.html", {"form": form, "page": page,
                                                "query": query.urlencode()})


def audit_frame(qs: Any) -> pd.DataFrame:
    """The rows of the CSV and Excel export: what the audit page shows, under the page's
    column names in the user's language (record kinds and field names in words, times in
    the site's time zone)."""
    columns = [_("When"), _("Organisation"), _("Who"), _("Action"), _("Record"),
               _("Record number"), _("Description"), _("Changes (before → after)")]
    rows = []
    for e in qs:
        model = e.content_type.model_class() if e.content_type_id else None
        rows.append([
            timezone.localtime(e.timestamp).strftime("%Y-%m-%d %H:%M"),
            e.organisation.name if e.organisation else "",
            e.actor.username if e.actor else "",
            e.get_action_display(),
            str(model._meta.verbose_name) if model is not None
            else f"{e.content_type.app_label}.{e.content_type.model}",
            e.object_pk, display_repr(e), changes_text(display_changes(e))])
    return pd.DataFrame(rows, columns=columns)


def changes_text(changes: list[dict[str, str]]) -> str:
    """``field: before → after`` per field, as the audit page shows them."""
    return "; ".join(f"{c['label']}: {c['m2m']}" if "m2m" in c
                     else f"{c['label']}: {c['before']} → {c['after']}" for c in changes)


#: the most entries one export holds (narrow the filters for more)
EXPORT_LIMIT = 100_000


@login_required
def audit_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered entries as CSV or Excel; cells that start like a formula are defused
    by ``opbouw.data.writers``."""
    import tempfile
    from pathlib import Path

    from opbouw.data.writers import write_csv, write_xlsx

    _form, qs = _audit_entries(request)
    frame = audit_frame(qs[:EXPORT_LIMIT])
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "xlsx":
            path = write_xlsx(frame, Path(tmp) / "audit.xlsx", sheet="audit")
            content_type = ("application/vnd.openxmlformats-officedocument."
                            "spreadsheetml.sheet")
        else:
            path = write_csv(frame, Path(tmp) / "audit.csv")
            content_type = "text/csv; charset=utf-8"
        body = path.read_bytes()
    response = HttpResponse(body, content_type=content_type)
    name = _("audit-log") + timezone.localdate().strftime("-%Y-%m-%d") + path.suffix
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def privacy(request: HttpRequest) -> HttpResponse:
    current = {}
    for c in Consent.objects.filter(user=request.user).order_by("given_at"):
        current[c.purpose] = c
    purposes = [{"purpose": p, "consent": current.get(p.slug)}
                for p in CONSENT_PURPOSES.values()]
    register = [{"model": e.model._meta.verbose_name, "label": e.label,
                 "fields": [(field_label(field_of(e.model, name), name), what)
                            for name, what in e.personal_fields.items()], "purpose": e.purpose,
                 "basis": LEGAL_BASES[e.legal_basis], "retention": e.retention_days,
                 "sensitivity": e.sensitive}
                for e in entries() if e.personal_fields]
    from opbouw.web.trust.sensitivity import Sensitivity

    for row in register:
        row["sensitivity"] = Sensitivity(int(row["sensitivity"])).label
    return render(request, "trust/privacy.html", {
        "register": register, "purposes": purposes, "erase_form": EraseForm(),
        "history": Consent.objects.filter(user=request.user)})


@login_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    purpose = CONSENT_PURPOSES.get(request.POST.get("purpose", ""))
    if purpose is None:
        messages.error(request, _("Unknown purpose."))
        return redirect("trust:privacy")
    active = Consent.objects.filter(user=request.user, purpose=purpose.slug,
                                    withdrawn_at__isnull=True)
    if request.POST.get("give") == "1":
        if not active.exists():
            Consent.objects.create(user=request.user, purpose=purpose.slug,
                                   text=str(purpose.text))
        messages.success(request, _("Consent given."))
    else:
        for c in active:
            c.withdrawn_at = timezone.now()
            c.save(update_fields=["withdrawn_at"])
        messages.success(request, _("Consent withdrawn."))
    return redirect("trust:privacy")


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """Everything about the logged-in user, as a ZIP of JSON files (portability)."""
    log_read(request, request.user)
    response = HttpResponse(gdpr.export_user(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="opbouw-mijn-gegevens.zip"'
    return response


@login_required
@require_POST
def erase(request: HttpRequest) -> HttpResponse:
    form = EraseForm(request.POST)
    if not form.is_valid() or not request.user.check_password(form.cleaned_data["password"]):
        messages.error(request, _("The password is not correct; nothing was changed."))
        return redirect("trust:privacy")
    user = request.user
    logout(request)
    gdpr.erase_user(user)
    messages.success(request, _("Your account has been anonymised."))
    return redirect("login")


def _may_use_otp(user: Any) -> bool:
    return user.is_staff or organisations(user, "audit").exists()


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up (or remove) a TOTP authenticator; only for administrators."""
    import segno
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not _may_use_otp(request.user):
        # the page says why, in words (the reason is ours, never a system's message)
        raise PermissionDenied(_("Two-step sign-in is for administrators, who see the "
                                 "audit log and manage members; your role does not need it."))
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed:
        return render(request, "trust/otp_setup.html", {"confirmed": confirmed})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or \
        TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            from django_otp import login as otp_login

            otp_login(request, device)
            messages.success(request, _("Two-step login is on."))
            return redirect("trust:otp_setup")
        form.add_error("token", _("This code is not correct; try the current one."))
    qr = segno.make(device.config_url).svg_inline(scale=4)
    return render(request, "trust/otp_setup.html", {"form": form, "qr": qr,
                                                    "secret": _base32(device.bin_key)})


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


@login_required
@require_POST
def otp_remove(request: HttpRequest) -> HttpResponse:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not getattr(request.user, "is_verified", lambda: False)():
        raise PermissionDenied
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("Two-step login is off."))
    return redirect("trust:otp_setup")


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in, for users with an authenticator."""
    from django_otp import login as otp_login
    from django_otp import match_token

    nxt = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}):
        nxt = "/"
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(nxt)
        form.add_error("token", _("This code is not correct; try the current one."))
    return render(request, "trust/otp_verify.html", {"form": form, "next": nxt})
