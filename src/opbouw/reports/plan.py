"""The plan-and-progress document: a multi-year plan's goals, overview matrix and strategic
actions, with the staff (FTE) and progress rolled up to the goals and a year's progress.

Built from plain data (``opbouw.data.plans.PlanData``, the roll-up per SD/OD code and the
progress rows of one year), so the example plan of seed 004 and a plan stored in the web
application give the same document through the same code. Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opbouw.data.plans import PlanData
from opbouw.reports.document import Document

SURELY, POSSIBLY = "●", "○"


@dataclass(frozen=True)
class PlanReportConfig:
    """What the plan document shows besides the plan itself.

    ``rollup`` maps SD and OD codes to ``{"fte": ..., "progress": ...}``; ``progress`` holds
    the rows of ``year``: (year, project, objective, status, percentage, date, text).
    """

    organisation: str = ""
    year: int | None = None
    rollup: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    progress: Sequence[Sequence[Any]] = ()
    lang: str = "nl"
    day: date | None = None
    title: str | None = None


def data_date(plan: PlanData, progress: Sequence[Sequence[Any]] = ()) -> date:
    """A date taken from the data, for a document that must not change from day to day:
    the latest dated progress entry, else the first of January of the plan's start year."""
    dates = [row[5] for row in progress if len(row) > 5 and isinstance(row[5], date)]
    return max(dates) if dates else date(plan.start_year, 1, 1)


def _pct(doc: Document, value: Any) -> str:
    return "–" if value is None else f"{doc.num(value, 0)} %"


def _fte(doc: Document, value: Any) -> str:
    return "–" if value is None else doc.num(value, 2)


def build_plan_report(plan: PlanData, config: PlanReportConfig | None = None) -> Document:
    """The plan-and-progress document of ``plan``."""
    config = config or PlanReportConfig()
    lang = config.lang
    day = config.day or data_date(plan, config.progress)
    period = f"{plan.start_year}–{plan.end_year}"
    doc = Document(config.title or plan.name, lang=lang, organisation=config.organisation,
                   day=day, kind="plan",
                   subtitle=(f"Meerjarenplan {period}" if lang != "en" else
                             f"Multi-year plan {period}")
                   + (f" · {'voortgang' if lang != 'en' else 'progress'} {config.year}"
                      if config.year else ""))
    roll = config.rollup
    _about(doc, plan, roll)
    _goals(doc, plan, roll)
    _matrix(doc, plan)
    _actions(doc, plan)
    if config.year is not None:
        _progress(doc, plan, config.year, config.progress, roll)
    if plan.source:
        doc.section(doc.tr("Bron", "Source")).text(plan.source)
    return doc


def _about(doc: Document, plan: PlanData, roll: Mapping[str, Mapping[str, Any]]) -> None:
    sec = doc.section(doc.tr("Het plan in het kort", "The plan at a glance"))
    ods = plan.operational_goals()
    projects = {p.key: p for a in plan.actions for p in a.projects}
    external = [g for g in plan.goals if g.kind != "internal"]
    internal = [g for g in plan.goals if g.kind == "internal"]
    sec.items([
        doc.tr(f"{len(external)} externe en {len(internal)} interne strategische "
               f"doelstellingen (SD), {len(ods)} operationele doelstellingen (OD)",
               f"{len(external)} external and {len(internal)} internal strategic goals (SD), "
               f"{len(ods)} operational goals (OD)"),
        doc.tr(f"{len(plan.actions)} strategische acties, {len(projects)} projecten",
               f"{len(plan.actions)} strategic actions, {len(projects)} projects"),
        doc.tr(f"Personeel in projecten: {doc.num(sum(p.fte for p in projects.values()), 2)}"
               " VTE", f"Staff in projects: {doc.num(sum(p.fte for p in projects.values()), 2)}"
               " FTE"),
    ])
    if roll:
        sec.text(doc.tr(
            "De VTE van een project wordt gelijk verdeeld over de strategische acties die het "
            "dient, die van een actie over de operationele doelstellingen waartoe ze zeker "
            "bijdraagt. De voortgang van een doelstelling is het gemiddelde van die van de "
            "projecten eronder, gewogen naar hun VTE.",
            "A project's FTE is divided equally over the strategic actions it serves, an "
            "action's over the operational goals it surely contributes to. A goal's progress "
            "is the mean progress of the projects below it, weighted by their FTE."))


def _goals(doc: Document, plan: PlanData, roll: Mapping[str, Mapping[str, Any]]) -> None:
    sec = doc.section(doc.tr("Doelstellingen", "Goals"))
    rows: list[list[str]] = []
    classes: list[str] = []
    for g in plan.goals:
        level = roll.get(g.code, {})
        kind = doc.tr("intern", "internal") if g.kind == "internal" else \
            doc.tr("extern", "external")
        rows.append([g.code, f"{g.title} ({kind})", "", _fte(doc, level.get("fte")),
                     _pct(doc, level.get("progress"))])
        classes.append("sd")
        for o in g.operational:
            level = roll.get(o.code, {})
            rows.append([o.code, o.title, o.theme, _fte(doc, level.get("fte")),
                         _pct(doc, level.get("progress"))])
            classes.append("od")
    sec.add(doc.table(
        doc.tr("Strategische (SD) en operationele (OD) doelstellingen met VTE en voortgang",
               "Strategic (SD) and operational (OD) goals with FTE and progress"),
        [doc.tr("Code", "Code"), doc.tr("Doelstelling", "Goal"), doc.tr("Thema", "Theme"),
         doc.tr("VTE", "FTE"), doc.tr("Voortgang", "Progress")], rows, classes,
        [False, False, False, True, True]))
    for g in plan.goals:
        if g.statement:
            sec.text(f"{g.code} {g.title}: {g.statement}")


def _matrix(doc: Document, plan: PlanData) -> None:
    ods = plan.operational_goals()
    if not ods or not plan.actions:
        return
    sec = doc.section(doc.tr("Overzichtsschema", "Overview matrix"))
    rows = []
    for a in plan.actions:
        marks = {c.od: (SURELY if c.strength == "surely" else POSSIBLY)
                 for c in a.contributions}
        rows.append([a.code] + [marks.get(o.code, "") for o in ods])
    sec.add(doc.table(
        doc.tr(f"Welke strategische actie draagt bij aan welke operationele doelstelling "
               f"({SURELY} zeker, {POSSIBLY} mogelijk)",
               f"Which strategic action contributes to which operational goal "
               f"({SURELY} surely, {POSSIBLY} possibly)"),
        [doc.tr("Actie", "Action")] + [o.code for o in ods], rows,
        numeric=[False] + [False] * len(ods), css="matrix",
        note="; ".join(f"{o.code} {o.title}" for o in ods)))


def _actions(doc: Document, plan: PlanData) -> None:
    if not plan.actions:
        return
    sec = doc.section(doc.tr("Strategische acties", "Strategic actions"))
    rows = []
    for a in plan.actions:
        ods = ", ".join(c.od + ("" if c.strength == "surely" else " (?)")
                        for c in a.contributions)
        projects = "; ".join(p.name + (f" ({', '.join(p.places)})" if p.places else "")
                             for p in a.projects)
        title = a.title + (doc.tr(" (intern)", " (internal)") if a.internal else "")
        rows.append([a.code, title, a.timing or "–", a.partners or "–", ods or "–",
                     projects or "–"])
    sec.add(doc.table(
        doc.tr("Strategische acties: timing, partners, doelstellingen en projecten",
               "Strategic actions: timing, partners, goals and projects"),
        [doc.tr("Code", "Code"), doc.tr("Strategische actie", "Strategic action"),
         doc.tr("Timing", "Timing"), doc.tr("Partners", "Partners"),
         doc.tr("OD's", "ODs"), doc.tr("Projecten", "Projects")], rows,
        note=doc.tr("(?) draagt mogelijk bij.", "(?) possibly contributes.")))


def _progress(doc: Document, plan: PlanData, year: int, progress: Sequence[Sequence[Any]],
              roll: Mapping[str, Mapping[str, Any]]) -> None:
    sec = doc.section(doc.tr(f"Voortgang {year}", f"Progress {year}"))
    measured = [(g, roll[g.code]["progress"]) for g in plan.goals
                if roll.get(g.code, {}).get("progress") is not None]
    if measured:
        from opbouw.reports.charts import bar_chart

        labels = [f"{g.code} {g.title[:40]}" for g, _v in measured]
        values = [round(float(v), 1) for _g, v in measured]
        sec.add(doc.figure(
            doc.tr(f"Voortgang per strategische doelstelling in {year} (%)",
                   f"Progress per strategic goal in {year} (%)"),
            bar_chart(labels, values, doc.tr("voortgang (%)", "progress (%)"), xmax=100,
                      min_height_cm=4.0),
            doc.tr("Staafdiagram van de voortgang per strategische doelstelling: ",
                   "Bar chart of the progress per strategic goal: ")
            + "; ".join(f"{g.code} {doc.num(v, 0)} %" for g, v in measured)))
    if not progress:
        sec.text(doc.tr(f"Voor {year} zijn nog geen doelen met voortgang ingevuld.",
                        f"No objectives with progress recorded for {year} yet."))
        return
    rows = []
    for row in progress:
        when = row[5]
        latest = (when.isoformat() + ": " if isinstance(when, date) else "") + str(row[6] or "")
        rows.append([str(row[1] or "–"), str(row[2]), str(row[3]),
                     _pct(doc, row[4]), latest.strip() or "–"])
    sec.add(doc.table(
        doc.tr(f"Doelen van het jaarplan {year} met hun voortgang",
               f"Objectives of the yearly plan {year} with their progress"),
        [doc.tr("Project", "Project"), doc.tr("Doel", "Objective"), doc.tr("Status", "Status"),
         doc.tr("Voortgang", "Progress"), doc.tr("Laatste stand", "Latest entry")], rows,
        numeric=[False, False, False, True, False]))
