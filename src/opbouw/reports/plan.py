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
from opbouw.i18n import format_dates_in, format_short_date, gettext
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
                   subtitle=gettext("Multi-year plan {period}", lang).format(period=period)
                   + (" · " + gettext("progress {year}", lang).format(year=config.year)
                      if config.year else ""))
    roll = config.rollup
    _about(doc, plan, roll)
    _goals(doc, plan, roll)
    _matrix(doc, plan)
    _actions(doc, plan)
    if config.year is not None:
        _progress(doc, plan, config.year, config.progress, roll)
    if plan.source:
        doc.section(doc.gettext("Source")).text(plan.source)
    return doc


def _about(doc: Document, plan: PlanData, roll: Mapping[str, Mapping[str, Any]]) -> None:
    _ = doc.gettext
    sec = doc.section(_("The plan at a glance"))
    ods = plan.operational_goals()
    projects = {p.key: p for a in plan.actions for p in a.projects}
    external = [g for g in plan.goals if g.kind != "internal"]
    internal = [g for g in plan.goals if g.kind == "internal"]
    sec.items([
        _("{n_external} external and {n_internal} internal strategic goals (SD), {n_ods} "
          "operational goals (OD)", n_external=len(external), n_internal=len(internal),
          n_ods=len(ods)),
        _("{n_actions} strategic actions, {n_projects} projects", n_actions=len(plan.actions),
          n_projects=len(projects)),
        _("Staff in projects: {fte} FTE", fte=doc.num(sum(p.fte for p in projects.values()), 2)),
    ])
    if roll:
        sec.text(_("A project's FTE is divided equally over the strategic actions it serves, an "
                   "action's over the operational goals it surely contributes to. A goal's "
                   "progress is the mean progress of the projects below it, weighted by their "
                   "FTE."))


def _goals(doc: Document, plan: PlanData, roll: Mapping[str, Mapping[str, Any]]) -> None:
    _ = doc.gettext
    sec = doc.section(_("Goals"))
    rows: list[list[str]] = []
    classes: list[str] = []
    for g in plan.goals:
        level = roll.get(g.code, {})
        kind = _("internal") if g.kind == "internal" else _("external")
        rows.append([g.code, f"{g.title} ({kind})", "", _fte(doc, level.get("fte")),
                     _pct(doc, level.get("progress"))])
        classes.append("sd")
        for o in g.operational:
            level = roll.get(o.code, {})
            rows.append([o.code, o.title, o.theme, _fte(doc, level.get("fte")),
                         _pct(doc, level.get("progress"))])
            classes.append("od")
    sec.add(doc.table(
        _("Strategic (SD) and operational (OD) goals with FTE and progress"),
        [_("Code"), _("Goal"), _("Theme"), _("FTE"), _("Progress")], rows, classes,
        [False, False, False, True, True]))
    for g in plan.goals:
        if g.statement:
            sec.text(f"{g.code} {g.title}: {g.statement}")


def _matrix(doc: Document, plan: PlanData) -> None:
    _ = doc.gettext
    ods = plan.operational_goals()
    if not ods or not plan.actions:
        return
    sec = doc.section(_("Overview matrix"))
    rows = []
    for a in plan.actions:
        marks = {c.od: (SURELY if c.strength == "surely" else POSSIBLY)
                 for c in a.contributions}
        rows.append([a.code] + [marks.get(o.code, "") for o in ods])
    sec.add(doc.table(
        _("Which strategic action contributes to which operational goal ({surely} surely, "
          "{possibly} possibly)", surely=SURELY, possibly=POSSIBLY),
        [_("Action")] + [o.code for o in ods], rows,
        numeric=[False] + [False] * len(ods), css="matrix",
        note="; ".join(f"{o.code} {o.title}" for o in ods)))


def _actions(doc: Document, plan: PlanData) -> None:
    _ = doc.gettext
    if not plan.actions:
        return
    sec = doc.section(_("Strategic actions"))
    rows = []
    for a in plan.actions:
        ods = ", ".join(c.od + ("" if c.strength == "surely" else " (?)")
                        for c in a.contributions)
        projects = "; ".join(p.name + (f" ({', '.join(p.places)})" if p.places else "")
                             for p in a.projects)
        title = a.title + (_(" (internal)") if a.internal else "")
        rows.append([a.code, title, format_dates_in(a.timing, doc.lang) or "–",
                     a.partners or "–", ods or "–",
                     projects or "–"])
    sec.add(doc.table(
        _("Strategic actions: timing, partners, goals and projects"),
        [_("Code"), _("Strategic action"), _("Timing"), _("Partners"), _("ODs"), _("Projects")],
        rows,
        note=_("(?) possibly contributes.")))


def _progress(doc: Document, plan: PlanData, year: int, progress: Sequence[Sequence[Any]],
              roll: Mapping[str, Mapping[str, Any]]) -> None:
    _ = doc.gettext
    sec = doc.section(_("Progress {year}", year=year))
    measured = [(g, roll[g.code]["progress"]) for g in plan.goals
                if roll.get(g.code, {}).get("progress") is not None]
    if measured:
        from opbouw.reports.charts import bar_chart

        labels = [f"{g.code} {g.title[:40]}" for g, _v in measured]
        values = [round(float(v), 1) for _g, v in measured]
        sec.add(doc.figure(
            _("Progress per strategic goal in {year} (%)", year=year),
            bar_chart(labels, values, _("progress (%)"), xmax=100,
                      min_height_cm=4.0),
            _("Bar chart of the progress per strategic goal: ")
            + "; ".join(f"{g.code} {doc.num(v, 0)} %" for g, v in measured)))
    if not progress:
        sec.text(_("No objectives with progress recorded for {year} yet.", year=year))
        return
    rows = []
    for row in progress:
        when = row[5]
        latest = (format_short_date(when, doc.lang) + ": " if isinstance(when, date) else "") \
            + str(row[6] or "")
        rows.append([str(row[1] or "–"), str(row[2]), str(row[3]),
                     _pct(doc, row[4]), latest.strip() or "–"])
    sec.add(doc.table(
        _("Objectives of the yearly plan {year} with their progress", year=year),
        [_("Project"), _("Objective"), _("Status"),
         _("Progress"), _("Latest entry")], rows,
        numeric=[False, False, False, True, False]))
