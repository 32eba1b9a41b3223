"""The policy-dossier document: signals of several projects and areas bundled and put to a
government, what was asked of whom and what came of it.

Built from plain data (:class:`DossierData`); the web application and the command line turn
a stored dossier into it. Nothing here imports Django. A dossier names no persons: signals
describe situations and groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from opbouw.i18n import format_short_date, gettext
from opbouw.reports.document import Document


@dataclass(frozen=True)
class SignalRow:
    title: str
    right: str
    area: str
    group: str
    project: str = ""
    reports: int = 1
    people: int | None = None


@dataclass(frozen=True)
class RequestRow:
    asked_on: date
    addressee: str
    question: str
    answered_on: date | None = None
    answer: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class DossierData:
    """A policy dossier as the document shows it (labels already in the reader's language)."""

    title: str
    problem: str
    organisation: str = ""
    level: str = ""
    addressee: str = ""
    groups: str = ""
    quotes: tuple[str, ...] = ()
    proposals: str = ""
    follow_up: str = ""
    closed: bool = False
    signals: tuple[SignalRow, ...] = ()
    requests: tuple[RequestRow, ...] = ()
    updated: date | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs(sec: object, text: str) -> None:
    for line in _lines(text):
        sec.text(line)  # type: ignore[attr-defined]


def build_dossier_report(data: DossierData, lang: str = "nl",
                         day: date | None = None) -> Document:
    """The document of one policy dossier; its date is ``day``, else the dossier's last
    change, so the same dossier gives the same document."""
    signals = data.signals
    doc = Document(data.title, lang=lang, organisation=data.organisation,
                   day=day or data.updated, kind="dossier", toc=False,
                   subtitle=gettext("Policy dossier", lang)
                   + (" · " + gettext("closed", lang) if data.closed else ""))
    _ = doc.gettext
    areas = {s.area.strip().lower() for s in signals if s.area.strip()}
    projects = {s.project.strip().lower() for s in signals if s.project.strip()}
    reports = sum(s.reports for s in signals)
    sec = doc.section(_("The problem"))
    sec.text(_("{signals} ({reports}) from {areas} and {projects}.",
               signals=doc.ngettext("{n} signal", "{n} signals", len(signals)),
               reports=doc.ngettext("{n} report", "{n} reports", reports),
               areas=doc.ngettext("{n} area", "{n} areas", len(areas)),
               projects=doc.ngettext("{n} project", "{n} projects", len(projects))))
    _paragraphs(sec, data.problem)
    rights = sorted({s.right for s in signals if s.right})
    if rights:
        sec.text(_("Fundamental rights: ") + ", ".join(rights) + ".")
    groups = sorted({s.group for s in signals if s.group})
    if groups or data.groups.strip():
        g = doc.section(_("Affected groups"))
        if groups:
            g.items(groups)
        _paragraphs(g, data.groups)
    if data.quotes:
        doc.section(_("The voice of the people concerned")) \
            .items([f"“{q}”" for q in data.quotes])
    if data.proposals.strip():
        _paragraphs(doc.section(_("Proposals")), data.proposals)
    who = doc.section(_("Addressee"))
    who.text(data.level + (f": {data.addressee}" if data.addressee else ""))
    asked = doc.section(_("What was asked, and the response"))
    if data.requests:
        waiting = _("waiting for an answer")
        asked.add(doc.table(
            _("Requests to the government and their follow-up"),
            [_("Asked on"), _("Asked of"),
             _("What was asked"), _("Answered on"),
             _("The response"), _("Follow-up")],
            [[format_short_date(r.asked_on, doc.lang), r.addressee, r.question,
              format_short_date(r.answered_on, doc.lang) if r.answered_on else waiting,
              r.answer or "–",
              r.follow_up or "–"] for r in data.requests]))
    else:
        asked.text(_("Nothing asked yet."))
    if data.follow_up.strip():
        _paragraphs(doc.section(_("Follow-up")), data.follow_up)
    sig = doc.section(_("The signals"))
    if signals:
        sig.add(doc.table(
            _("The bundled signals"),
            [_("Signal"), _("Fundamental right"),
             _("Area"), _("Affected group"),
             _("Project"), _("Reports")],
            [[s.title, s.right, s.area, s.group, s.project or "–", str(s.reports)]
             for s in signals], numeric=[False] * 5 + [True]))
    else:
        sig.text(_("No signals bundled yet."))
    sig.text(_("This dossier names no persons: signals describe situations and groups."))
    return doc
