"""The knowledge tab of an area: notes, strengths, places, questions, problem statements,
5B audits, one map and one timeline; record pages; the public contribution form."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.analysis.accessibility import weakest_bs
from opbouw.web.accounts.access import can, get_visible, organisations, require, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.areas.catalogue import label
from opbouw.web.areas.models import Area, Dataset
from opbouw.web.knowledge import evidence, export
from opbouw.web.knowledge.forms import (
    AnswerForm,
    AssetForm,
    AuditForm,
    GoalFormSet,
    ItemFormSet,
    NoteForm,
    PlaceForm,
    PublicContributionForm,
    PublicFormSettings,
    ServiceFormSet,
    StatementForm,
    blur_geometry,
)
from opbouw.web.knowledge.models import (
    FIVE_B,
    KINDS,
    AccessAudit,
    Answer,
    Asset,
    Note,
    Place,
    ProblemStatement,
    PublicForm,
    Question,
    StatementItem,
    StatementVersion,
    WorkGoal,
)
from opbouw.web.trust import log_read

RECORD_FORMS: dict[str, Any] = {"note": NoteForm, "asset": AssetForm, "place": PlaceForm}
PUBLIC_LIMIT = 20  # contributions per visitor per hour on one form


def _lang() -> str:
    return (get_language() or "nl")[:2]


def _area(request: HttpRequest, ds: int, code: str) -> Area:
    dataset = get_visible(Dataset.objects, request.user, pk=ds)
    area = Area.objects.filter(dataset=dataset, code=code).select_related("dataset").first()
    if area is None:
        raise Http404
    return area


def writer_organisation(user: Any, dataset: Dataset) -> Organisation | None:
    """The organisation new records of ``user`` about ``dataset``'s areas belong to."""
    if can(user, dataset.organisation, "analyse"):
        return dataset.organisation
    return organisations(user, "analyse").filter(
        pk__in=dataset.shared_with.values("pk")).first()


def _writer(request: HttpRequest, area: Area) -> Organisation:
    org = writer_organisation(request.user, area.dataset)
    if org is None:
        raise PermissionDenied
    return org


def _records(area: Area, user: Any) -> dict[str, Any]:
    return {
        "notes": visible(Note.objects.filter(area=area), user).select_related("organisation"),
        "assets": visible(Asset.objects.filter(area=area), user),
        "places": visible(Place.objects.filter(area=area), user),
        "answers": visible(Answer.objects.filter(area=area), user).select_related("question"),
        "statements": visible(ProblemStatement.objects.filter(area=area), user),
        "audits": visible(AccessAudit.objects.filter(area=area), user).prefetch_related(
            "services"),
    }


def _checklist(area: Area, user: Any, org: Organisation | None) -> dict[str, Any]:
    lang = _lang()
    questions = list(Question.for_organisation(org or area.dataset.organisation))
    answers: dict[int, list[Answer]] = {}
    for a in visible(Answer.objects.filter(area=area), user).select_related(
            "question", "organisation", "answered_by"):
        answers.setdefault(a.question.number, []).append(a)
    rows = [{"question": q, "text": q.text(lang), "answers": answers.get(q.number, [])}
            for q in questions]
    done = sum(1 for r in rows if r["answers"])
    return {"rows": rows, "done": done, "total": len(rows),
            "percent": round(100 * done / len(rows)) if rows else 0}


def _five_b(audits: list[AccessAudit]) -> list[dict[str, Any]]:
    names = dict(FIVE_B)
    out = []
    for audit in audits:
        ranking = weakest_bs([s.scores() for s in audit.services.all()], [b for b, _l in FIVE_B])
        out.append({"audit": audit, "bs": [{"key": b.key, "label": names[b.key], "mean": b.mean,
                                           "scored": b.scored, "lowest": b.lowest}
                                          for b in ranking]})
    return out


def _timeline(area: Area, records: dict[str, Any], numbers: dict[str, Any],
              user: Any) -> list[dict]:
    """Numbers (every year with values), terrain knowledge (dated notes, signals), meanings
    (places), answers, problem-statement versions and 5B audits on one time axis, newest
    first."""
    items: list[dict[str, Any]] = []
    for kind in ("notes", "places", "assets", "answers", "audits"):
        for obj in records[kind]:
            items.append({"date": obj.when, "kind": obj.kind_key,
                          "kind_label": evidence.kind_label(obj.kind_key),
                          "label": evidence.record_label(obj),
                          "url": reverse(f"knowledge_{obj.kind_key}", args=[obj.pk])})
    for st in records["statements"]:
        for v in st.versions.all():
            items.append({"date": v.created_at.date(), "kind": "statement",
                          "kind_label": _("problem statement"),
                          "label": f"{st.title} (v{v.number})",
                          "url": reverse("knowledge_statement", args=[st.pk]) +
                          f"?version={v.number}"})
    items.extend(_signal_items(area, user))
    items.extend(_year_items(area, numbers))
    items.sort(key=lambda i: i["date"], reverse=True)
    return items


def _kinds(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The kinds on the timeline with their counts, for its filter."""
    out: dict[str, dict[str, Any]] = {}
    for t in timeline:
        out.setdefault(t["kind"], {"kind": t["kind"], "label": t["kind_label"], "n": 0})["n"] += 1
    return list(out.values())


def _signal_items(area: Area, user: Any) -> list[dict[str, Any]]:
    """Signals picked up in this area (by its code, or by its name when no code was given)."""
    from django.apps import apps
    from django.db.models import Q

    if not apps.is_installed("opbouw.web.signals"):
        return []
    from opbouw.web.signals.models import Signal

    where = Q(area_code=area.code)
    if area.name:
        where |= Q(area_code="", area__iexact=area.name)
    return [{"date": s.noted_on, "kind": "signal", "kind_label": _("signal"),
             "label": f"{s.title} ({s.get_right_display()})",
             "url": reverse("signals:signal_detail", args=[s.pk])}
            for s in visible(Signal.objects.filter(where), user).filter(
                merged_into__isnull=True)]


def _year_items(area: Area, numbers: dict[str, Any]) -> list[dict[str, Any]]:
    """One item per year the area has indicator values; the latest with what it flags."""
    import datetime

    from opbouw.web.areas import store

    values = store.tables(area.dataset)["values"]
    values = values[(values["code"] == area.code)].dropna(subset=["year", "value"])
    per_year = values.groupby(values["year"].astype(int))["indicator"].nunique()
    # the profile takes each indicator's latest value: its flags belong to the latest year
    latest = numbers.get("year") or (
        max(per_year.index) if numbers.get("count") and len(per_year) else None)
    url = reverse("area_detail", args=[area.dataset_id, area.code])
    items = []
    for year, n in per_year.items():
        if latest is not None and int(year) == int(latest):
            text = _("Indicators %(year)s: %(n)d of %(of)d in the worst 20 %%") % {
                "year": year, "n": len(numbers["flagged"]), "of": numbers["count"]}
        else:
            text = _("Indicators %(year)s: %(n)d measured") % {"year": year, "n": n}
        items.append({"date": datetime.date(int(year), 12, 31), "kind": "numbers",
                      "kind_label": _("numbers"), "label": text,
                      "url": f"{url}?year={int(year)}"})
    return items


def _year(value: Any) -> int | None:
    """The profile's latest year; NaN when the data have no years."""
    import math

    return None if value is None or math.isnan(float(value)) else int(value)


def _numbers(area: Area) -> dict[str, Any]:
    """The objective layer, as the area page computes it (one place for the rules)."""
    from opbouw.web.areas.views import area_profile

    try:
        profile = area_profile(area.dataset, area)
    except (KeyError, ValueError):
        return {"flagged": [], "count": 0, "year": None, "summary": ""}
    rows = profile.get("rows", [])
    expl = profile.get("explanation")
    year = profile.get("year_note")
    return {"flagged": [r for r in rows if r["flag"]], "count": len(rows),
            "year": _year(year),
            "summary": getattr(expl, "summary", "") if expl else ""}


@login_required
def area_knowledge(request: HttpRequest, ds: int, code: str) -> HttpResponse:
    area = _area(request, ds, code)
    records = _records(area, request.user)
    org = writer_organisation(request.user, area.dataset)
    numbers = _numbers(area)
    public = PublicForm.objects.filter(organisation=org, area=area).first() if org else None
    timeline = _timeline(area, records, numbers, request.user)
    return render(request, "knowledge/area.html", {
        "dataset": area.dataset, "area": area, **records,
        "pending": [p for p in records["places"] if not p.reviewed],
        "checklist": _checklist(area, request.user, org),
        "five_b": _five_b(list(records["audits"])),
        "timeline": timeline, "timeline_kinds": _kinds(timeline), "numbers": numbers,
        "can_write": org is not None,
        "can_manage": org is not None and can(request.user, org, "share"),
        "public": public, "geometry": area.geometry or "null"})


@login_required
def area_map(request: HttpRequest, ds: int, code: str) -> JsonResponse:
    area = _area(request, ds, code)
    return JsonResponse(export.map_features(area, request.user))


@login_required
def area_numbers(request: HttpRequest, ds: int, code: str) -> JsonResponse:
    """The numbers layer of the area's map: one indicator (``?indicator=``, else the first)
    over the areas around it; an unknown indicator falls back to the first."""
    area = _area(request, ds, code)
    return JsonResponse(export.numbers_layer(area, request.GET.get("indicator") or None))


@login_required
def area_export(request: HttpRequest, ds: int, code: str, fmt: str) -> HttpResponse:
    area = _area(request, ds, code)
    if fmt == "geojson":
        body = json.dumps(export.places_geojson(area, request.user), ensure_ascii=False)
        ctype = "application/geo+json"
    elif fmt == "json":
        body = json.dumps(export.bundle(area, request.user), ensure_ascii=False, indent=1,
                          default=str)
        ctype = "application/json"
    else:
        raise Http404
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = (f'attachment; filename="knowledge-{area.dataset_id}-'
                                       f'{area.code}.{fmt}"')
    return response


@login_required
def indicator_evidence(request: HttpRequest, ds: int, code: str, key: str) -> HttpResponse:
    """One indicator of one area, as a source an evidence link can point to."""
    from opbouw.web.areas.views import area_profile

    area = _area(request, ds, code)
    profile = area_profile(area.dataset, area)
    row = next((r for r in profile.get("rows", []) if r["key"] == key), None)
    if row is None and key not in set(
            area.dataset.values.values_list("indicator", flat=True).distinct()):
        raise Http404
    year = profile.get("year_note")
    return render(request, "knowledge/indicator.html", {
        "dataset": area.dataset, "area": area, "key": key, "label": label(key), "row": row,
        "year": _year(year)})


@login_required
def record_new(request: HttpRequest, ds: int, code: str, kind: str) -> HttpResponse:
    if kind not in RECORD_FORMS:
        raise Http404
    area = _area(request, ds, code)
    org = _writer(request, area)
    form = RECORD_FORMS[kind](request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.organisation, obj.area, obj.created_by = org, area, request.user
        obj.save()
        form.save_m2m()
        messages.success(request, _("Saved."))
        return redirect(reverse("knowledge_area", args=[ds, code]) + f"#{kind}s")
    return render(request, "knowledge/record_form.html", {
        "dataset": area.dataset, "area": area, "form": form, "kind": kind,
        "kind_label": evidence.kind_label(kind), "organisation": org,
        "geometry": area.geometry or "null"})


def _dataset_visible(request: HttpRequest, area: Area) -> bool:
    """A record can be shared without its dataset: then no links to the area pages."""
    return visible(Dataset.objects, request.user).filter(pk=area.dataset_id).exists()


def _record(request: HttpRequest, kind: str, pk: int) -> Any:
    qs = KINDS[kind].objects.select_related("area", "area__dataset", "organisation")
    return get_visible(qs, request.user, pk=pk)


@login_required
def record_detail(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    obj = _record(request, kind, pk)
    log_read(request, obj)
    if kind == "statement":
        return statement_detail(request, obj)
    if kind == "audit":
        return audit_detail(request, obj)
    links = evidence.resolve(obj.evidence, obj.area, request.user) if kind == "answer" else []
    cited_by = export.cited_by(obj, request.user)
    return render(request, "knowledge/record_detail.html", {
        "obj": obj, "kind": kind, "kind_label": evidence.kind_label(kind), "links": links,
        "cited_by": cited_by, "area": obj.area, "dataset": obj.area.dataset,
        "area_visible": _dataset_visible(request, obj.area),
        "other_areas": obj.other_areas.all() if kind == "note" else [],
        "can_edit": can(request.user, obj.organisation, "analyse"),
        "can_delete": can(request.user, obj.organisation, "delete"),
        "can_share": can(request.user, obj.organisation, "share"),
        "organisations": Organisation.objects.exclude(pk=obj.organisation_id),
        "shared": set(obj.shared_with.values_list("pk", flat=True)),
        "geometry": json.dumps(getattr(obj, "geometry", None)),
        "area_geometry": obj.area.geometry or "null"})


@login_required
def record_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    obj = _record(request, kind, pk)
    require(request.user, obj.organisation, "analyse")
    if kind == "statement":
        return statement_edit(request, obj.area, obj)
    if kind == "audit":
        return audit_edit(request, obj.area, obj)
    if kind == "answer":
        return answer_edit(request, obj.area, obj.question, obj)
    form = RECORD_FORMS[kind](request.POST or None, instance=obj, area=obj.area)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(f"knowledge_{kind}", pk=obj.pk)
    return render(request, "knowledge/record_form.html", {
        "dataset": obj.area.dataset, "area": obj.area, "form": form, "kind": kind,
        "kind_label": evidence.kind_label(kind), "obj": obj, "organisation": obj.organisation,
        "geometry": obj.area.geometry or "null"})


@login_required
def record_share(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    from opbouw.web.accounts.views import share

    return share(request, _record(request, kind, pk), f"knowledge_{kind}")


@login_required
@require_POST
def record_delete(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    obj = _record(request, kind, pk)
    require(request.user, obj.organisation, "delete")
    area = obj.area
    obj.delete()
    messages.success(request, _("Deleted."))
    return redirect("knowledge_area", ds=area.dataset_id, code=area.code)


@login_required
@require_POST
def place_review(request: HttpRequest, pk: int) -> HttpResponse:
    place = _record(request, "place", pk)
    require(request.user, place.organisation, "analyse")
    place.reviewed = True
    place.save(update_fields=["reviewed", "updated_at"])
    messages.success(request, _("Contribution accepted."))
    return redirect("knowledge_place", pk=pk)


# Exploratory questions -------------------------------------------------------------------

@login_required
def questions(request: HttpRequest, ds: int, code: str) -> HttpResponse:
    area = _area(request, ds, code)
    org = writer_organisation(request.user, area.dataset)
    return render(request, "knowledge/questions.html", {
        "dataset": area.dataset, "area": area,
        "checklist": _checklist(area, request.user, org), "can_write": org is not None})


def _sorted_choices(area: Area, user: Any, suggests: list[str],
                    exclude: str = "") -> list[tuple[str, str]]:
    options = evidence.choices(area, user, exclude)
    order = {k: i for i, k in enumerate(suggests)}
    return sorted(options, key=lambda c: order.get(c[0].split(":")[0], len(order)))


@login_required
def answer(request: HttpRequest, ds: int, code: str, number: int) -> HttpResponse:
    area = _area(request, ds, code)
    org = _writer(request, area)
    question = Question.for_organisation(org).filter(number=number).first()
    if question is None:
        raise Http404
    existing = Answer.objects.filter(organisation=org, area=area, question=question).first()
    return answer_edit(request, area, question, existing, org)


def answer_edit(request: HttpRequest, area: Area, question: Question, existing: Answer | None,
                org: Organisation | None = None) -> HttpResponse:
    choices = _sorted_choices(area, request.user, question.suggests,
                              exclude=existing.evidence_key if existing else "")
    form = AnswerForm(request.POST or None, instance=existing, choices=choices)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        if existing is None:
            obj.organisation, obj.area, obj.question = org, area, question
            obj.created_by = request.user
        obj.answered_by = request.user
        obj.save()
        messages.success(request, _("Answer saved."))
        return redirect("knowledge_questions", ds=area.dataset_id, code=area.code)
    return render(request, "knowledge/answer_form.html", {
        "dataset": area.dataset, "area": area, "form": form, "question": question,
        "question_text": question.text(_lang()), "existing": existing})


# Problem statements ----------------------------------------------------------------------

@login_required
def statement_new(request: HttpRequest, ds: int, code: str) -> HttpResponse:
    area = _area(request, ds, code)
    _writer(request, area)
    return statement_edit(request, area, None)


def _initial(version: StatementVersion | None) -> tuple[list[dict], list[dict]]:
    if version is None:
        return [], []
    items = [{"section": i.section, "text": i.text, "evidence": i.evidence}
             for i in version.items.all()]
    goals = [{"text": g.text, "tracks": g.tracks, "perspectives": g.perspectives,
              "evidence": g.evidence} for g in version.goals.all()]
    return items, goals


def statement_edit(request: HttpRequest, area: Area,
                   statement: ProblemStatement | None) -> HttpResponse:
    """Every save makes a new version; earlier versions stay as they were."""
    current = statement.current if statement else None
    choices = evidence.choices(area, request.user)
    items0, goals0 = _initial(current)
    data = request.POST if request.method == "POST" else None
    form = StatementForm(data, initial={"title": statement.title if statement else "",
                                        "summary": current.summary if current else ""})
    items = ItemFormSet(data, initial=items0, prefix="items", form_kwargs={"choices": choices})
    goals = GoalFormSet(data, initial=goals0, prefix="goals", form_kwargs={"choices": choices})
    if data is not None and form.is_valid() and items.is_valid() and goals.is_valid():
        with transaction.atomic():
            if statement is None:
                statement = ProblemStatement.objects.create(
                    organisation=_writer(request, area), area=area,
                    title=form.cleaned_data["title"], created_by=request.user)
            else:
                statement.title = form.cleaned_data["title"]
                statement.save()
            version = StatementVersion.objects.create(
                statement=statement, number=(current.number + 1) if current else 1,
                summary=form.cleaned_data["summary"],
                change_note=form.cleaned_data["change_note"], created_by=request.user)
            position = 0
            for f in items:
                if f.cleaned_data and not f.cleaned_data.get("DELETE"):
                    StatementItem.objects.create(version=version, position=position,
                                                 section=f.cleaned_data["section"],
                                                 text=f.cleaned_data["text"],
                                                 evidence=f.cleaned_data["evidence"])
                    position += 1
            for f in goals:
                if f.cleaned_data:
                    WorkGoal.objects.create(version=version, position=position,
                                            text=f.cleaned_data["text"],
                                            tracks=f.cleaned_data["tracks"],
                                            perspectives=f.cleaned_data["perspectives"],
                                            evidence=f.cleaned_data["evidence"])
                    position += 1
        messages.success(request, _("Version %(n)d saved.") % {"n": version.number})
        return redirect("knowledge_statement", pk=statement.pk)
    return render(request, "knowledge/statement_form.html", {
        "dataset": area.dataset, "area": area, "form": form, "items": items, "goals": goals,
        "statement": statement, "current": current})


def statement_detail(request: HttpRequest, statement: ProblemStatement) -> HttpResponse:
    versions = list(statement.versions.all())
    wanted = request.GET.get("version", "")
    version = next((v for v in versions if str(v.number) == wanted), None) if wanted else \
        (versions[0] if versions else None)
    if wanted and version is None:
        raise Http404
    area = statement.area
    sections = []
    if version is not None:
        for key, name in StatementItem.Section.choices:
            rows = [{"item": i, "links": evidence.resolve(i.evidence, area, request.user)}
                    for i in version.items.all() if i.section == key]
            sections.append({"key": key, "label": name, "rows": rows})
        goals = [{"goal": g, "links": evidence.resolve(g.evidence, area, request.user)}
                 for g in version.goals.all()]
    else:
        goals = []
    return render(request, "knowledge/statement_detail.html", {
        "area_visible": _dataset_visible(request, area), "obj": statement,
        "kind": "statement", "statement": statement, "version": version,
        "versions": versions, "latest": versions[0] if versions else None,
        "sections": sections, "goals": goals, "area": area, "dataset": area.dataset,
        "can_edit": can(request.user, statement.organisation, "analyse"),
        "can_delete": can(request.user, statement.organisation, "delete"),
        "can_share": can(request.user, statement.organisation, "share"),
        "organisations": Organisation.objects.exclude(pk=statement.organisation_id),
        "shared": set(statement.shared_with.values_list("pk", flat=True))})


# 5B audits -------------------------------------------------------------------------------

@login_required
def audit_new(request: HttpRequest, ds: int, code: str) -> HttpResponse:
    area = _area(request, ds, code)
    _writer(request, area)
    return audit_edit(request, area, None)


def audit_edit(request: HttpRequest, area: Area, audit: AccessAudit | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = AuditForm(data, instance=audit)
    facilities = visible(Asset.objects.filter(area=area, kind=Asset.Kind.FACILITY), request.user)
    services = ServiceFormSet(data, instance=audit or AccessAudit(), prefix="services",
                              form_kwargs={"assets": facilities})
    if data is not None and form.is_valid() and services.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            if audit is None:
                obj.organisation, obj.area = _writer(request, area), area
                obj.created_by = request.user
            obj.save()
            services.instance = obj
            services.save()
        messages.success(request, _("Saved."))
        return redirect("knowledge_audit", pk=obj.pk)
    return render(request, "knowledge/audit_form.html", {
        "dataset": area.dataset, "area": area, "form": form, "services": services,
        "audit": audit, "five_b": FIVE_B})


def audit_detail(request: HttpRequest, audit: AccessAudit) -> HttpResponse:
    area = audit.area
    history = _five_b(list(visible(AccessAudit.objects.filter(area=area), request.user)
                           .prefetch_related("services")))
    current = next(h for h in history if h["audit"].pk == audit.pk)
    return render(request, "knowledge/audit_detail.html", {
        "area_visible": _dataset_visible(request, area), "obj": audit, "kind": "audit",
        "audit": audit, "area": area, "dataset": area.dataset,
        "services": audit.services.select_related("asset"), "five_b": FIVE_B,
        "weakest": current["bs"], "history": history,
        "can_edit": can(request.user, audit.organisation, "analyse"),
        "can_delete": can(request.user, audit.organisation, "delete"),
        "can_share": can(request.user, audit.organisation, "share"),
        "organisations": Organisation.objects.exclude(pk=audit.organisation_id),
        "shared": set(audit.shared_with.values_list("pk", flat=True))})


# The public contribution form ------------------------------------------------------------

@login_required
def public_settings(request: HttpRequest, ds: int, code: str) -> HttpResponse:
    area = _area(request, ds, code)
    org = _writer(request, area)
    require(request.user, org, "share")
    # looking at the settings creates nothing: the form exists once it is saved
    settings_obj = (PublicForm.objects.filter(organisation=org, area=area).first()
                    or PublicForm(organisation=org, area=area))
    form = PublicFormSettings(request.POST or None, instance=settings_obj)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("knowledge_public_settings", ds=ds, code=code)
    return render(request, "knowledge/public_settings.html", {
        "dataset": area.dataset, "area": area, "form": form, "public": settings_obj,
        "public_url": request.build_absolute_uri(
            reverse("knowledge_public", args=[settings_obj.token])) if settings_obj.pk else ""})


def _visitor(request: HttpRequest, token: str) -> str:
    """A rate-limit key; the address itself is not stored."""
    address = request.META.get("REMOTE_ADDR", "")
    return "knowledge-public:" + hashlib.sha256(f"{token}:{address}".encode()).hexdigest()


def public_contribution(request: HttpRequest, token: str) -> HttpResponse:
    """Residents tell what a place means to them, without an account."""
    settings_obj = PublicForm.objects.select_related("area", "organisation").filter(
        token=token, enabled=True).first()
    if settings_obj is None:
        raise Http404
    area = settings_obj.area
    form = PublicContributionForm(request.POST or None)
    if request.method == "POST":
        key = _visitor(request, token)
        if cache.get(key, 0) >= PUBLIC_LIMIT:
            return render(request, "knowledge/public_form.html", {
                "area": area, "public": settings_obj, "form": form, "limited": True,
                "geometry": area.geometry or "null"}, status=429)
        if form.is_valid():
            d = form.cleaned_data
            Place.objects.create(
                organisation=settings_obj.organisation, area=area,
                geometry=blur_geometry(d["geometry"], settings_obj.precision_m),
                blurred_m=settings_obj.precision_m, name=d["name"],
                experience=d["experience"], meaning=d["meaning"], why=d["why"],
                group=d["group"], time=d["time"], via=Place.Via.PUBLIC, reviewed=False)
            cache.set(key, cache.get(key, 0) + 1, 3600)
            return redirect("knowledge_public_thanks", token=token)
    return render(request, "knowledge/public_form.html", {
        "area": area, "public": settings_obj, "form": form,
        "geometry": area.geometry or "null"})


def public_thanks(request: HttpRequest, token: str) -> HttpResponse:
    settings_obj = PublicForm.objects.select_related("area").filter(token=token,
                                                                    enabled=True).first()
    if settings_obj is None:
        raise Http404
    return render(request, "knowledge/public_thanks.html", {"area": settings_obj.area,
                                                            "public": settings_obj})
