"""A multi-year plan as an Excel workbook: goals, the overview matrix, actions, projects.

User text is never stored as a formula: a cell whose text starts like a formula
(``rawtable.FORMULA_STARTS``: ``= + - @``, tab, return) is written with the string data
type, so Excel shows it and does not evaluate it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from opbouw.data.plans import PlanData
from opbouw.data.rawtable import FORMULA_STARTS
from opbouw.i18n import gettext

__all__ = ["SHEETS", "write_plan_xlsx"]

SHEETS = ("Goals", "Overview matrix", "Strategic actions", "Projects", "Progress", "Timeline",
          "Measures")
"""The sheet names (msgids; the workbook shows them in the chosen language)."""
_HEAD: dict[str, Any] = {
    "goals": ["Code", "Level", "Scope", "Strategic goal", "Theme", "Title", "Statement", "FTE",
              "Progress %"],
    "matrix": ["Code", "Strategic action"],
    "actions": ["Code", "Strategic action", "Level", "Timing", "Start", "End", "Partners",
                "Projects and actions", "Places", "Context", "Short description"],
    "projects": ["Project", "Places", "Strategic actions", "FTE", "Status", "Progress %",
                 "As in the plan"],
    "progress": ["Year", "Project", "Objective", "Status", "Progress %", "Date", "Timeline"],
    "timeline": ["Year", "Project", "Objective", "Date", "Kind", "Text"],
    "measures": ["Project", "Kind", "Measure", "Unit", "Baseline", "Target", "Period", "Value",
                 "Narrative"],
    "surely": "surely", "possibly": "possibly", "external": "external", "internal": "internal",
    "from_text": " (from description)",
}
"""Column headers and cell words (msgids)."""


def _translated(lang: str) -> tuple[dict[str, Any], list[str]]:
    """:data:`_HEAD` and :data:`SHEETS` in ``lang``."""
    head = {k: ([gettext(m, lang) for m in v] if isinstance(v, list) else gettext(v, lang))
            for k, v in _HEAD.items()}
    return head, [gettext(name, lang) for name in SHEETS]


def _append(ws: Any, values: Sequence[Any]) -> None:
    """Append a row; text that Excel would take for a formula stays text."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"


def write_plan_xlsx(plan: PlanData, path: str | Path, lang: str = "nl",
                    rollup: dict[str, dict[str, Any]] | None = None,
                    progress: Iterable[Sequence[Any]] = (),
                    timeline: Iterable[Sequence[Any]] = (),
                    measures: Iterable[Sequence[Any]] = ()) -> Path:
    """Write ``plan`` as a workbook.

    Parameters
    ----------
    plan
        The plan structure.
    path
        Where to write the ``.xlsx`` file.
    lang
        ``nl`` (default) or ``en`` for sheet names and headers.
    rollup
        Optional FTE and progress per SD/OD code: ``{code: {"fte": .., "progress": ..}}``.
    progress
        Optional rows (year, project, objective, status, percentage, date, text) for a
        sheet with a year's progress.
    timeline
        Optional rows (year, project, objective, date, kind, text): every dated entry of
        the year, oldest first.
    measures
        Optional rows (project, kind, measure, unit, baseline, target, period, value,
        narrative): one per measured period (period, value and narrative empty for a
        measure without values yet).

    Returns
    -------
    Path
        ``path``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    t, names = _translated(lang)
    rollup = rollup or {}
    wb = Workbook()
    ws = wb.active
    ws.title = names[0]
    _append(ws, t["goals"])
    for g in plan.goals:
        r = rollup.get(g.code, {})
        _append(ws, [g.code, "SD", t.get(g.kind, g.kind), g.title, "", g.title,
                     g.statement, r.get("fte"), r.get("progress")])
        for o in g.operational:
            r = rollup.get(o.code, {})
            _append(ws, [o.code, "OD", t.get(g.kind, g.kind), g.title, o.theme,
                         o.title, o.statement, r.get("fte"), r.get("progress")])

    ws = wb.create_sheet(names[1])
    ods = plan.operational_goals()
    _append(ws, ["", t["goals"][3]] + [plan.goal_of(o.code).title for o in ods])
    _append(ws, ["", t["goals"][4]] + [o.theme for o in ods])
    _append(ws, t["matrix"] + [f"{o.code} {o.title}" for o in ods])
    for a in plan.actions:
        marks = {c.od: t[c.strength] + (t["from_text"] if c.source == "beschrijving" else "")
                 for c in a.contributions}
        _append(ws, [a.code, a.matrix_label or a.title] + [marks.get(o.code, "") for o in ods])

    ws = wb.create_sheet(names[2])
    _append(ws, t["actions"])
    for a in plan.actions:
        _append(ws, [a.code, a.title, a.scope, a.timing, a.start, a.end, a.partners,
                     "\n".join(p.name for p in a.projects),
                     ", ".join(dict.fromkeys(pl for p in a.projects for pl in p.places)),
                     a.context, a.description])

    ws = wb.create_sheet(names[3])
    _append(ws, t["projects"])
    seen: dict[str, tuple[Any, list[str]]] = {}
    for a in plan.actions:
        for p in a.projects:
            seen.setdefault(p.key, (p, []))[1].append(a.code)
    for p, codes in seen.values():
        _append(ws, [p.name, ", ".join(p.places), ", ".join(codes), p.fte, p.status,
                     p.progress, p.document_text])

    for index, key, rows in ((4, "progress", list(progress)), (5, "timeline", list(timeline)),
                             (6, "measures", list(measures))):
        if rows:
            ws = wb.create_sheet(names[index])
            _append(ws, t[key])
            for row in rows:
                _append(ws, row)

    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            letter = column[0].column_letter
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = Path(path)
    wb.save(out)
    return out
