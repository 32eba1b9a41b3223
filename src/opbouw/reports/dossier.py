"""The policy-dossier document: signals of several projects and areas bundled and put to a
government, what was asked of whom and what came of it.

Built from plain data (:class:`DossierData`); the web application and the command line turn
a stored dossier into it. Nothing here imports Django. A dossier names no persons: signals
describe situations and groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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


def _n(count: int, one: str, more: str) -> str:
    """``1 project``, ``2 projecten``."""
    return f"{count} {one if count == 1 else more}"


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
                   subtitle=("Policy dossier" if lang == "en" else "Beleidsdossier")
                   + (" · " + ("closed" if lang == "en" else "afgesloten")
                      if data.closed else ""))
    areas = {s.area.strip().lower() for s in signals if s.area.strip()}
    projects = {s.project.strip().lower() for s in signals if s.project.strip()}
    reports = sum(s.reports for s in signals)
    sec = doc.section(doc.tr("Het probleem", "The problem"))
    sec.text(doc.tr(
        f"{_n(len(signals), 'signaal', 'signalen')} ({_n(reports, 'melding', 'meldingen')}) "
        f"uit {_n(len(areas), 'gebied', 'gebieden')} en "
        f"{_n(len(projects), 'project', 'projecten')}.",
        f"{_n(len(signals), 'signal', 'signals')} ({_n(reports, 'report', 'reports')}) "
        f"from {_n(len(areas), 'area', 'areas')} and "
        f"{_n(len(projects), 'project', 'projects')}."))
    _paragraphs(sec, data.problem)
    rights = sorted({s.right for s in signals if s.right})
    if rights:
        sec.text(doc.tr("Grondrechten: ", "Fundamental rights: ") + ", ".join(rights) + ".")
    groups = sorted({s.group for s in signals if s.group})
    if groups or data.groups.strip():
        g = doc.section(doc.tr("Betrokken groepen", "Affected groups"))
        if groups:
            g.items(groups)
        _paragraphs(g, data.groups)
    if data.quotes:
        doc.section(doc.tr("De stem van de betrokkenen", "The voice of the people concerned")) \
            .items([f"“{q}”" for q in data.quotes])
    if data.proposals.strip():
        _paragraphs(doc.section(doc.tr("Voorstellen", "Proposals")), data.proposals)
    who = doc.section(doc.tr("Bestemmeling", "Addressee"))
    who.text(data.level + (f": {data.addressee}" if data.addressee else ""))
    asked = doc.section(doc.tr("Wat gevraagd werd, en het antwoord",
                               "What was asked, and the response"))
    if data.requests:
        waiting = doc.tr("wacht op antwoord", "waiting for an answer")
        asked.add(doc.table(
            doc.tr("Vragen aan de overheid en hun opvolging",
                   "Requests to the government and their follow-up"),
            [doc.tr("Gevraagd op", "Asked on"), doc.tr("Aan", "Asked of"),
             doc.tr("Vraag", "What was asked"), doc.tr("Antwoord op", "Answered on"),
             doc.tr("Antwoord", "The response"), doc.tr("Opvolging", "Follow-up")],
            [[r.asked_on.isoformat(), r.addressee, r.question,
              r.answered_on.isoformat() if r.answered_on else waiting, r.answer or "–",
              r.follow_up or "–"] for r in data.requests]))
    else:
        asked.text(doc.tr("Nog niets gevraagd.", "Nothing asked yet."))
    if data.follow_up.strip():
        _paragraphs(doc.section(doc.tr("Opvolging", "Follow-up")), data.follow_up)
    sig = doc.section(doc.tr("De signalen", "The signals"))
    if signals:
        sig.add(doc.table(
            doc.tr("De gebundelde signalen", "The bundled signals"),
            [doc.tr("Signaal", "Signal"), doc.tr("Grondrecht", "Fundamental right"),
             doc.tr("Gebied", "Area"), doc.tr("Betrokken groep", "Affected group"),
             doc.tr("Project", "Project"), doc.tr("Meldingen", "Reports")],
            [[s.title, s.right, s.area, s.group, s.project or "–", str(s.reports)]
             for s in signals], numeric=[False] * 5 + [True]))
    else:
        sig.text(doc.tr("Nog geen signalen gebundeld.", "No signals bundled yet."))
    sig.text(doc.tr("Dit dossier noemt geen personen: signalen beschrijven situaties en groepen.",
                    "This dossier names no persons: signals describe situations and groups."))
    return doc
