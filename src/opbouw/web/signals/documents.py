"""The policy-dossier document of a stored dossier (HTML or PDF), for the dossier page and
``opbouw report dossier DOSSIER_ID``.

The stored dossier becomes plain data here; ``opbouw.reports.dossier`` lays it out without
Django. The document's date is the dossier's last change, so the same dossier gives the
same document.
"""

from __future__ import annotations

from datetime import UTC, date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from opbouw.reports.document import Document
from opbouw.reports.dossier import DossierData, RequestRow, SignalRow, build_dossier_report
from opbouw.web.accounts.access import get_visible
from opbouw.web.areas.documents import document_response
from opbouw.web.signals.models import Dossier
from opbouw.web.trust import log_read


def dossier_data(dossier: Dossier) -> DossierData:
    """A stored dossier as plain data, labels in the active language."""
    signals = dossier.signals.order_by("pk")
    requests = list(dossier.requests.all())
    moments = [dossier.updated_at, *(s.updated_at for s in signals)]
    return DossierData(
        title=dossier.title, problem=dossier.problem, organisation=dossier.organisation.name,
        level=str(dossier.get_level_display()), addressee=dossier.addressee,
        groups=dossier.groups, quotes=tuple(dossier.quote_list()),
        proposals=dossier.proposals, follow_up=dossier.follow_up, closed=dossier.closed,
        signals=tuple(SignalRow(title=s.title, right=str(s.get_right_display()), area=s.area,
                                group=s.group, project=s.project, reports=s.reports,
                                people=s.people) for s in signals),
        requests=tuple(RequestRow(asked_on=r.asked_on, addressee=r.addressee,
                                  question=r.question, answered_on=r.answered_on,
                                  answer=r.answer, follow_up=r.follow_up) for r in requests),
        updated=max(m.astimezone(UTC).date() for m in moments))


def dossier_document(dossier: Dossier, lang: str = "nl", day: date | None = None) -> Document:
    from django.utils import translation

    with translation.override(lang):
        data = dossier_data(dossier)
    return build_dossier_report(data, lang, day)


@login_required
def dossier_document_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("html", "pdf"):
        raise Http404
    dossier = get_visible(Dossier.objects.select_related("organisation"), request.user, pk=pk)
    log_read(request, dossier)
    doc = dossier_document(dossier, (get_language() or "nl")[:2])
    return document_response(doc, fmt, f"dossier-{dossier.pk}")
