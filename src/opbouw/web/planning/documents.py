"""The plan-and-progress document of a stored plan (HTML or PDF), for the plan page, the
yearly progress page and ``opbouw report plan PLAN_ID``.

The stored plan becomes plain data here (``store.to_data``); ``opbouw.reports.plan`` lays
it out without Django. The document's date is the plan's last recorded change, so the same
plan gives the same document.
"""

from __future__ import annotations

from datetime import UTC, date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from opbouw.reports.document import Document
from opbouw.reports.plan import PlanReportConfig, build_plan_report, data_date
from opbouw.web.accounts.access import get_visible
from opbouw.web.areas.documents import document_response
from opbouw.web.planning import store
from opbouw.web.planning.models import Plan


def last_change(plan: Plan) -> date:
    """The date of the plan's last recorded change (UTC)."""
    moments = [plan.updated_at, plan.changes.order_by("-at").values_list("at", flat=True)
               .first()]
    return max(m.astimezone(UTC).date() for m in moments if m is not None)


def plan_document(plan: Plan, year: int | None = None, lang: str = "nl",
                  day: date | None = None) -> Document:
    """The document of a stored plan with the progress of ``year`` (default: the latest
    yearly plan)."""
    year = year if year is not None else store.latest_year(plan)
    data, by_code, rows = store.to_data(plan, year)
    day = day or max(last_change(plan), data_date(data, rows))
    return build_plan_report(data, PlanReportConfig(
        organisation=plan.organisation.name, year=year, rollup=by_code, progress=rows,
        lang=lang, day=day))


@login_required
def plan_document_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """``?year=Y`` chooses the year of the progress; a year outside the plan is 404."""
    if fmt not in ("html", "pdf"):
        raise Http404
    plan = get_visible(Plan.objects.select_related("organisation"), request.user, pk=pk)
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and len(raw) == 4 else None
    if raw and (year is None or not plan.start_year <= year <= plan.end_year):
        raise Http404
    doc = plan_document(plan, year, (get_language() or "nl")[:2])
    suffix = f"-{year}" if year else ""
    return document_response(doc, fmt, f"plan-{plan.pk}{suffix}")
