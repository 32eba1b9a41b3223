"""Home page and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.web.accounts.access import organisations, require, visible
from opbouw.web.accounts.forms import AddMemberForm, RoleForm
from opbouw.web.accounts.models import ApiToken, Membership, Role
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas.models import Dataset


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {
        "datasets": visible(Dataset.objects.select_related("organisation"), request.user)[:10],
        "analyses": visible(Analysis.objects.select_related("organisation"), request.user)[:10],
        "mine": set(organisations(request.user).values_list("pk", flat=True)),
        "managed": organisations(request.user, "manage"),
        "can_define": organisations(request.user, "define").exists()})


def _last_admin(membership: Membership) -> bool:
    return membership.role == Role.ADMIN and not Membership.objects.filter(
        organisation=membership.organisation, role=Role.ADMIN).exclude(pk=membership.pk).exists()


def _refusal(user: object, membership: Membership, new_role: str | None) -> str | None:
    """Why removing ``membership`` (``new_role`` None) or giving it ``new_role`` is refused:
    an organisation keeps at least one administrator, and an administrator does not take
    away their own administrator role (another administrator does that)."""
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return None
    if _last_admin(membership):
        if new_role is None:
            return _("The last administrator cannot be removed.")
        return _("The organisation needs at least one administrator.")
    if membership.user_id == getattr(user, "pk", None):
        return _("You cannot remove your own administrator role; ask another administrator.")
    return None


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's administrator adds members, changes roles and removes members,
    from the workspace (the Django admin is for the site's own staff)."""
    org = organisations(request.user).filter(pk=pk).first()
    if org is None:
        raise Http404
    require(request.user, org, "manage")
    form = AddMemberForm(org, request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "add" and form.is_valid():
        user = form.cleaned_data.get("user")
        if user is None:
            user = get_user_model().objects.create_user(
                form.cleaned_data["username"].strip(), password=form.cleaned_data["password"])
        Membership.objects.create(user=user, organisation=org, role=form.cleaned_data["role"])
        messages.success(request, _("%(user)s added as %(role)s.") % {
            "user": user.username, "role": Role(form.cleaned_data["role"]).label})
        return redirect("members", pk=org.pk)
    if request.method == "POST" and request.POST.get("action") in ("role", "remove"):
        membership = Membership.objects.filter(organisation=org,
                                               pk=request.POST.get("membership") or 0).first()
        if membership is None:
            raise Http404
        if request.POST["action"] == "remove":
            refusal = _refusal(request.user, membership, None)
            if refusal:
                messages.error(request, refusal)
            else:
                membership.delete()
                messages.success(request, _("%(user)s removed.") % {
                    "user": membership.user.username})
        else:
            role_form = RoleForm(request.POST)
            refusal = role_form.is_valid() and _refusal(
                request.user, membership, role_form.cleaned_data["role"])
            if not role_form.is_valid():
                messages.error(request, _("Choose one of the roles."))
            elif refusal:
                messages.error(request, refusal)
            else:
                membership.role = role_form.cleaned_data["role"]
                membership.save()
                messages.success(request, _("Role saved."))
        return redirect("members", pk=org.pk)
    return render(request, "accounts/members.html", {
        "organisation": org, "form": form, "roles": Role.choices,
        "members": org.memberships.select_related("user").order_by("user__username")})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/tokens.html", {
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_token": request.session.pop("new_token", None)})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "").strip() or "token"
    _token, raw = ApiToken.issue(request.user, name[:100])
    request.session["new_token"] = raw
    messages.success(request, _("Copy the token now: it is shown only once."))
    return redirect("tokens")


@login_required
@require_POST
def token_delete(request: HttpRequest, pk: int) -> HttpResponse:
    ApiToken.objects.filter(user=request.user, pk=pk).delete()
    return redirect("tokens")


def share(request: HttpRequest, obj: object, back: str) -> HttpResponse:
    """Set which other organisations see ``obj`` (a dataset or an analysis)."""
    from django.http import HttpResponseNotAllowed

    from opbouw.web.accounts.access import require
    from opbouw.web.accounts.models import Organisation

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    owner = obj.organisation
    require(request.user, owner, "share")
    ids = [int(i) for i in request.POST.getlist("organisations") if i.isdigit()]
    obj.shared_with.set(Organisation.objects.filter(pk__in=ids).exclude(pk=owner.pk))
    messages.success(request, _("Sharing saved."))
    return redirect(back, pk=obj.pk)
