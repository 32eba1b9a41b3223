"""The map of social inclusion: rounds, filling in, and the result of a round (agreement,
heat map, weakest factors, change since the previous round)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.analysis import inclusion as calc
from opbouw.web.accounts.access import can, get_visible, organisations, require, visible
from opbouw.web.accounts.models import Organisation
from opbouw.web.inclusion import factors as factor_list
from opbouw.web.inclusion.factors import DIMENSION_LABELS, SCALE_LABELS
from opbouw.web.inclusion.forms import AssessmentForm, FillForm
from opbouw.web.inclusion.models import Answer, Assessment, Response

FILL = "analyse"   # administrators, coordinators, community workers fill in
MANAGE = "share"   # administrators and coordinators open and share rounds

# four equal classes of the 1-4 scale, coloured in practice.css with viridis (colour-blind
# safe, readable in grey); classes rather than inline styles, for the CSP
CLASSES = 4


def heat_class(mean: float | None) -> str:
    """CSS class of a mean score: ``heat-0`` (lowest) to ``heat-3``, ``heat-none``."""
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "heat-none"
    return f"heat-{min(CLASSES - 1, max(0, int((mean - 1) / (3 / CLASSES))))}"


def scores_frame(assessment: Assessment) -> tuple[pd.DataFrame, dict[str, list[str]],
                                                  dict[str, list[str]]]:
    """The round's answers as the long table ``opbouw.analysis.inclusion`` expects, plus
    the remarks and improvement actions per factor (without who wrote them)."""
    rows, remarks, actions = [], {}, {}
    for a in Answer.objects.filter(response__assessment=assessment):
        for dim in calc.DIMENSIONS:
            value = getattr(a, dim)
            rows.append({"participant": a.response_id, "factor": a.factor, "dimension": dim,
                         "score": float(value) if value is not None else float("nan")})
        if a.remark.strip():
            remarks.setdefault(a.factor, []).append(a.remark.strip())
        if a.actions.strip():
            actions.setdefault(a.factor, []).append(a.actions.strip())
    frame = pd.DataFrame(rows, columns=["participant", "factor", "dimension", "score"])
    return frame, remarks, actions


@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    rounds = visible(Assessment.objects.select_related("organisation"), request.user)
    return render(request, "inclusion/assessment_list.html", {
        "rounds": rounds.prefetch_related("responses"),
        "can_manage": organisations(request.user, MANAGE).exists(),
        "factor_set": factor_list.load(), "scale": SCALE_LABELS.items()})


@login_required
def assessment_new(request: HttpRequest) -> HttpResponse:
    if not organisations(request.user, MANAGE).exists():
        raise PermissionDenied
    form = AssessmentForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        a = form.save(commit=False)
        a.factor_set = factor_list.load().version
        a.created_by = request.user
        a.save()
        messages.success(request, _("Assessment round opened."))
        return redirect("inclusion:assessment_result", pk=a.pk)
    return render(request, "inclusion/assessment_new.html", {"form": form})


def _replace_answers(response: Response, rows: list[dict[str, Any]]) -> None:
    """Save one response's answers row by row (not in bulk), so that the audit log keeps
    every changed score with its value before and after."""
    existing = {a.factor: a for a in response.answers.all()}
    for row in rows:
        answer = existing.pop(row["factor"], None)
        if answer is None:
            Answer.objects.create(response=response, **row)
            continue
        changed = [k for k, v in row.items() if getattr(answer, k) != v]
        if changed:
            for k in changed:
                setattr(answer, k, row[k])
            answer.save(update_fields=changed)
    for answer in existing.values():
        answer.delete()


@login_required
def assessment_fill(request: HttpRequest, pk: int) -> HttpResponse:
    a = get_visible(Assessment.objects.select_related("organisation"), request.user, pk=pk)
    require(request.user, a.organisation, FILL)
    if a.closed:
        messages.error(request, _("This round is closed."))
        return redirect("inclusion:assessment_result", pk=pk)
    fs = factor_list.load()
    response = Response.objects.filter(assessment=a, user=request.user).first()
    initial = FillForm.initial_from(list(response.answers.all())) if response else {}
    form = FillForm(fs, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(assessment=a, user=request.user)
            _replace_answers(response, form.answers())
            response.save()
        messages.success(request, _("Your answers are saved."))
        return redirect("inclusion:assessment_result", pk=pk)
    return render(request, "inclusion/assessment_fill.html", {
        "assessment": a, "form": form, "findings": form.privacy_findings,
        "dimensions": [DIMENSION_LABELS[d] for d in calc.DIMENSIONS],
        "scale": SCALE_LABELS.items(), "factor_set": fs})


def _num(x: Any) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


@login_required
def assessment_result(request: HttpRequest, pk: int) -> HttpResponse:
    a = get_visible(Assessment.objects.select_related("organisation"), request.user, pk=pk)
    fs = factor_list.load()
    scores, remarks, actions = scores_frame(a)
    rounds = visible(Assessment.objects, request.user).filter(
        organisation=a.organisation).exclude(pk=a.pk)
    chosen = request.GET.get("compare", "")
    before = rounds.filter(pk=chosen).first() if chosen.isdigit() else None
    if before is None and chosen != "none":
        prev = a.previous()
        before = prev if prev and rounds.filter(pk=prev.pk).exists() else None
    agree = calc.agreement(scores).set_index(["factor", "dimension"])
    delta = (calc.change(scores_frame(before)[0], scores).set_index(["factor", "dimension"])
             if before else None)
    heat = calc.heatmap(scores, fs.domain_of())
    domains = []
    for d in fs.domains:
        cells = []
        for dim in calc.DIMENSIONS:
            m = _num(heat.loc[d.key, dim]) if d.key in heat.index else None
            cells.append({"mean": m, "heat": heat_class(m)})
        rows = []
        for f in d.factors:
            dims = []
            for dim in calc.DIMENSIONS:
                key = (f.key, dim)
                r = agree.loc[key] if key in agree.index else None
                ch = delta.loc[key] if delta is not None and key in delta.index else None
                m = _num(r["mean"]) if r is not None else None
                dims.append({"dimension": dim, "mean": m, "heat": heat_class(m),
                             "n": int(r["n"]) if r is not None else 0,
                             "min": _num(r["min"]) if r is not None else None,
                             "max": _num(r["max"]) if r is not None else None,
                             "spread": _num(r["spread"]) if r is not None else None,
                             "disagree": bool(r["disagree"]) if r is not None else False,
                             "delta": _num(ch["delta"]) if ch is not None else None})
            rows.append({"factor": f, "dims": dims,
                         "disagree": any(x["disagree"] for x in dims)})
        domains.append({"domain": d, "cells": cells, "rows": rows})
    weakest = [{"factor": fs.factors[w.factor], "mean": float(w.mean),
                # colleagues often write the same action: show it once
                "actions": list(dict.fromkeys(actions.get(w.factor, []))),
                "remarks": list(dict.fromkeys(remarks.get(w.factor, [])))}
               for w in calc.weakest(scores).itertuples() if w.factor in fs.factors]
    return render(request, "inclusion/assessment_result.html", {
        "assessment": a, "participants": a.responses.count(), "domains": domains,
        "dimensions": [DIMENSION_LABELS[d] for d in calc.DIMENSIONS],
        "weakest": weakest, "before": before, "rounds": rounds,
        "disagreements": [r for d in domains for r in d["rows"] if r["disagree"]],
        "legend": [(f"{1 + 0.75 * i:.2f}".replace(".", ",") + "–"
                    + f"{1 + 0.75 * (i + 1):.2f}".replace(".", ","), f"heat-{i}")
                   for i in range(CLASSES)],
        "threshold": calc.DISAGREEMENT_SPREAD, "factor_set": fs,
        "has_answered": a.responses.filter(user=request.user).exists(),
        "can_fill": can(request.user, a.organisation, FILL) and not a.closed,
        "can_manage": can(request.user, a.organisation, MANAGE),
        "organisations": Organisation.objects.exclude(pk=a.organisation_id),
        "shared": set(a.shared_with.values_list("pk", flat=True))})


@login_required
def assessment_share(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.web.accounts.views import share

    return share(request, get_visible(Assessment.objects, request.user, pk=pk),
                 "inclusion:assessment_result")


@login_required
@require_POST
def assessment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    a = get_visible(Assessment.objects, request.user, pk=pk)
    require(request.user, a.organisation, "delete")
    a.delete()
    messages.success(request, _("Assessment round deleted."))
    return redirect("inclusion:assessment_list")
