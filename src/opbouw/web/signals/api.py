"""Signals and dossiers in the JSON API: counts with small counts hidden, dossiers as the
pages show them, under the same permissions (``visible``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.errors import HttpError

from opbouw.web.accounts.access import visible
from opbouw.web.signals import overview
from opbouw.web.signals.models import Dossier, Signal

# the group in the API documentation, in the user's language (the schema is built per
# request)
router = Router(tags=[cast(str, gettext_lazy("Signals"))])


class CountOut(Schema):
    key: str
    label: str
    signals: int | None
    reports: int | None
    people: int | None


class CountsOut(Schema):
    by: str
    period: str
    min_count: int
    rows: list[CountOut]


class RequestOut(Schema):
    asked_on: dt.date
    addressee: str
    question: str
    answered_on: dt.date | None
    answer: str
    follow_up: str


class DossierOut(Schema):
    id: int
    title: str
    organisation: str
    problem: str
    level: str
    addressee: str
    signals: int | None
    areas: int | None
    projects: int | None
    groups: list[str]
    quotes: list[str]
    proposals: str
    follow_up: str
    closed: bool
    waiting: bool
    requests: list[RequestOut]


@router.get("/counts", response=CountsOut)
def counts(request: HttpRequest, by: str = "right", period: str = "quarter",
           start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """Signals counted by ``right``, ``theme``, ``area`` or ``period`` (``year``,
    ``quarter``, ``month``); counts below the threshold are ``null``."""
    if by not in overview.DIMENSIONS:
        raise HttpError(400, _("%(name)s: one of %(values)s") % {
            "name": "by", "values": ", ".join(overview.DIMENSIONS)})
    if period not in overview.PERIODS:
        raise HttpError(400, _("%(name)s: one of %(values)s") % {
            "name": "period", "values": ", ".join(overview.PERIODS)})
    qs = overview.counted(visible(Signal.objects, request.user))
    if start:
        qs = qs.filter(noted_on__gte=start)
    if end:
        qs = qs.filter(noted_on__lte=end)
    t = overview.min_count()
    return {"by": by, "period": period, "min_count": t,
            "rows": overview.hidden(overview.counts(qs, by, period), t)}


def _out(d: Dossier) -> dict[str, Any]:
    s, t = d.summary(), overview.min_count()
    requests = list(d.requests.all())
    return {"id": d.pk, "title": d.title, "organisation": d.organisation.name,
            "problem": d.problem, "level": d.level, "addressee": d.addressee,
            "signals": overview.hide(s["signals"], t), "areas": s["areas"],
            "projects": s["projects"], "groups": s["groups"], "quotes": d.quote_list(),
            "proposals": d.proposals, "follow_up": d.follow_up, "closed": d.closed,
            "waiting": any(r.answered_on is None for r in requests),
            "requests": [{"asked_on": r.asked_on, "addressee": r.addressee,
                          "question": r.question, "answered_on": r.answered_on,
                          "answer": r.answer, "follow_up": r.follow_up} for r in requests]}


@router.get("/dossiers", response=list[DossierOut])
def dossiers(request: HttpRequest) -> list[dict[str, Any]]:
    return [_out(d) for d in visible(Dossier.objects.select_related("organisation"),
                                     request.user)]


@router.get("/dossiers/{pk}", response=DossierOut)
def dossier(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = visible(Dossier.objects.select_related("organisation"),
                    request.user).filter(pk=pk).first()
    if found is None:
        raise HttpError(404, "not found")
    from opbouw.web.trust import log_read

    log_read(request, found)
    return _out(found)
