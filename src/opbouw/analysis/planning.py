"""Roll-up of a plan's progress and staff (FTE) from projects to actions to ODs to SDs,
and the coverage of need: where an organisation works against where the analysis finds need.

Pure computation on plain mappings: the web application and the command line pass the
numbers in; nothing here reads a database or a file.

Rules (once, here):

- a project's progress is the mean percentage of its objectives (None when it has none);
- a project's FTE is divided equally over the strategic actions it serves, an action's FTE
  equally over the ODs it *surely* contributes to (or, when none is marked surely, the ODs
  it possibly contributes to), so that FTE sums at every level equal the FTE of the
  projects below and nothing is counted twice;
- progress at a higher level is the FTE-weighted mean of the progress below (a plain mean
  when no FTE is recorded), over the parts that report progress;
- in the coverage of need, a project's FTE is divided equally over its areas;
- a measure's progress toward its target is the share of the way from baseline to target
  that its latest value has come (1.0 = target reached; above 1 = beyond it; negative =
  moved away from it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["COVERAGE", "NEED_REASONS", "Coverage", "Level", "ProjectInput", "RollUp", "TargetChart",
           "coverage", "project_progress", "rollup", "target_chart", "toward_target"]


@dataclass(frozen=True)
class ProjectInput:
    """What the roll-up needs of one project."""

    key: str
    fte: float = 0.0
    progress: float | None = None
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Level:
    """FTE, progress and the number of projects of one action, OD or SD."""

    fte: float = 0.0
    progress: float | None = None
    projects: int = 0


@dataclass(frozen=True)
class RollUp:
    actions: dict[str, Level] = field(default_factory=dict)
    ods: dict[str, Level] = field(default_factory=dict)
    sds: dict[str, Level] = field(default_factory=dict)
    total_fte: float = 0.0
    unassigned_fte: float = 0.0


def project_progress(percentages: Iterable[float | None]) -> float | None:
    """Mean percentage of a project's objectives; None when none reports one.

    Examples
    --------
    >>> project_progress([50, 100, None])
    75.0
    >>> project_progress([]) is None
    True
    """
    values = [float(p) for p in percentages if p is not None]
    return sum(values) / len(values) if values else None


class _Acc:
    """Accumulates weighted FTE and progress of the parts below one node."""

    def __init__(self) -> None:
        self.fte = 0.0
        self.weighted = 0.0
        self.weight = 0.0
        self.plain: list[float] = []
        self.projects: set[str] = set()

    def add(self, fte: float, progress: float | None, projects: Iterable[str]) -> None:
        self.fte += fte
        self.projects.update(projects)
        if progress is not None:
            self.plain.append(progress)
            if fte > 0:
                self.weighted += fte * progress
                self.weight += fte

    def level(self) -> Level:
        if self.weight > 0:
            progress: float | None = self.weighted / self.weight
        elif self.plain:
            progress = sum(self.plain) / len(self.plain)
        else:
            progress = None
        return Level(fte=self.fte, progress=progress, projects=len(self.projects))


def rollup(projects: Sequence[ProjectInput],
           contributions: Mapping[str, Mapping[str, str]],
           od_parent: Mapping[str, str]) -> RollUp:
    """Add projects up to actions, ODs and SDs.

    Parameters
    ----------
    projects
        Each project's FTE, progress and the actions it serves.
    contributions
        Per action, the ODs it contributes to and how: ``{"SA1": {"OD1.1": "surely"}}``.
    od_parent
        The SD of every OD.

    Returns
    -------
    RollUp
        Per action, OD and SD: FTE, progress and number of projects.

    Examples
    --------
    >>> r = rollup([ProjectInput("p", fte=2, progress=50, actions=("A",))],
    ...            {"A": {"OD1": "surely", "OD2": "surely"}}, {"OD1": "SD1", "OD2": "SD1"})
    >>> r.ods["OD1"].fte, r.sds["SD1"].fte, r.sds["SD1"].progress
    (1.0, 2.0, 50.0)
    """
    act: dict[str, _Acc] = defaultdict(_Acc)
    shares: dict[str, list[tuple[str, float, float | None]]] = defaultdict(list)
    unassigned = 0.0
    total = 0.0
    for p in projects:
        total += p.fte
        served = list(dict.fromkeys(p.actions))
        if not served:
            unassigned += p.fte
            continue
        part = p.fte / len(served)
        for a in served:
            act[a].add(part, p.progress, [p.key])
            shares[a].append((p.key, part, p.progress))
    od: dict[str, _Acc] = defaultdict(_Acc)
    sd: dict[str, _Acc] = defaultdict(_Acc)
    for a, acc in act.items():
        marks = contributions.get(a, {})
        targets = [o for o, s in marks.items() if s == "surely"] or list(marks)
        targets = [o for o in targets if o in od_parent]
        if not targets:
            unassigned += acc.fte
            continue
        for o in targets:
            for key, part, progress in shares[a]:
                od[o].add(part / len(targets), progress, [key])
                sd[od_parent[o]].add(part / len(targets), progress, [key])
    return RollUp(actions={k: v.level() for k, v in act.items()},
                  ods={k: v.level() for k, v in od.items()},
                  sds={k: v.level() for k, v in sd.items()},
                  total_fte=total, unassigned_fte=unassigned)


COVERAGE = ("covered", "gap", "presence_without_need", "none")
"""Coverage categories: need and presence; need without presence; presence without need;
neither."""
_SORT = ("covered", "gap", "presence_without_need", "none")


@dataclass(frozen=True)
class Coverage:
    """Per area: need, FTE, projects and category; and the summary numbers."""

    table: pd.DataFrame
    deprived: int
    covered: int
    gaps: int
    presence_without_need: int
    fte_total: float
    fte_in_deprived: float
    fte_per_deprived_area: float


NEED_REASONS = ("deprived", "hot_spot", "averaged_away")
"""Why the analysis finds need in an area: flagged (deprived), in a significant
concentration of high scores (hot spot), or deprived inside a parent that is not
(averaged away)."""


def coverage(need: Mapping[str, bool], project_areas: Mapping[str, Sequence[str]],
             project_fte: Mapping[str, float],
             reasons: Mapping[str, Sequence[str]] | None = None) -> Coverage:
    """Set where projects work (and with how much FTE) against where there is need.

    Parameters
    ----------
    need
        Per area code: True when the analysis flags it (deprived, hot spot, ...).
    project_areas
        Per project: the codes of the areas it works in.
    project_fte
        Per project: its FTE, divided equally over its areas.
    reasons
        Optional, per area code: why there is need (``NEED_REASONS``); an area with a
        reason counts as an area with need.

    Returns
    -------
    Coverage
        ``table`` indexed by area code with columns ``need``, ``fte``, ``projects`` (list of
        project keys), ``reasons`` (list) and ``category`` (one of ``COVERAGE``), sorted:
        covered areas (most FTE first), gaps, presence without need; summary counts; FTE
        in deprived areas and per deprived area.

    Examples
    --------
    >>> c = coverage({"A": True, "B": True, "C": False}, {"p": ["A", "C"]}, {"p": 1.0})
    >>> c.table.loc["B", "category"], c.fte_in_deprived, c.fte_per_deprived_area
    ('gap', 0.5, 0.25)
    """
    fte: dict[str, float] = defaultdict(float)
    where: dict[str, list[str]] = defaultdict(list)
    for key, codes in project_areas.items():
        codes = list(dict.fromkeys(codes))
        for code in codes:
            fte[code] += float(project_fte.get(key, 0.0)) / len(codes)
            where[code].append(key)
    why = {str(k): [r for r in v] for k, v in (reasons or {}).items() if v}
    codes = list(dict.fromkeys([*need.keys(), *why.keys(), *where.keys()]))
    rows = []
    for code in codes:
        listed = why.get(code, [])
        if need.get(code, False) and not listed and reasons is not None:
            listed = ["deprived"]
        needed = bool(need.get(code, False)) or bool(listed)
        present = bool(where.get(code))
        category = ("covered" if needed and present else "gap" if needed
                    else "presence_without_need" if present else "none")
        rows.append((code, needed, fte.get(code, 0.0), where.get(code, []), listed, category))
    table = pd.DataFrame(rows, columns=["code", "need", "fte", "projects", "reasons",
                                        "category"])
    table["order"] = table["category"].map({c: i for i, c in enumerate(_SORT)})
    table = table.sort_values(["order", "fte", "code"], ascending=[True, False, True])
    table = table.drop(columns="order").set_index("code")
    deprived = int(table["need"].sum())
    in_deprived = float(table.loc[table["need"], "fte"].sum())
    counts = table["category"].value_counts()
    return Coverage(table=table, deprived=deprived, covered=int(counts.get("covered", 0)),
                    gaps=int(counts.get("gap", 0)),
                    presence_without_need=int(counts.get("presence_without_need", 0)),
                    fte_total=float(sum(project_fte.get(k, 0.0) for k in project_areas)),
                    fte_in_deprived=in_deprived,
                    fte_per_deprived_area=in_deprived / deprived if deprived else 0.0)


def toward_target(latest: float | None, baseline: float | None,
                  target: float | None) -> float | None:
    """Share of the way from ``baseline`` to ``target`` that ``latest`` has come.

    None when a number is missing or the target equals the baseline. Works both ways: for a
    target below the baseline (fewer evictions), going down is progress.

    Examples
    --------
    >>> toward_target(6, 0, 10), toward_target(15, 20, 10), toward_target(25, 20, 10)
    (0.6, 0.5, -0.5)
    >>> toward_target(None, 0, 10) is None, toward_target(3, 5, 5) is None
    (True, True)
    """
    if latest is None or baseline is None or target is None or target == baseline:
        return None
    return (float(latest) - float(baseline)) / (float(target) - float(baseline))


@dataclass(frozen=True)
class TargetChart:
    """A small line chart of values over periods against a target (and baseline), in the
    coordinates of an SVG of ``width`` x ``height`` (y grows downwards)."""

    width: int
    height: int
    points: str
    dots: tuple[tuple[float, float, str, float], ...]
    target_y: float | None
    baseline_y: float | None
    latest: float | None
    progress: float | None


def target_chart(values: Sequence[tuple[str, float | None]], baseline: float | None = None,
                 target: float | None = None, width: int = 160, height: int = 44,
                 pad: int = 5) -> TargetChart | None:
    """Geometry of the chart of ``values`` (period, value; in time order) against
    ``target``; the vertical scale spans the values, the baseline and the target.

    Returns None when there is nothing to draw (no value and no target).

    Examples
    --------
    >>> c = target_chart([("2021", 2.0), ("2022", 6.0)], baseline=0, target=10, width=100,
    ...                  height=50, pad=0)
    >>> c.points, c.target_y, c.baseline_y, c.progress
    ('0.0,40.0 100.0,20.0', 0.0, 50.0, 0.6)
    """
    known = [(str(p), float(v)) for p, v in values if v is not None]
    numbers = [v for _p, v in known] + [float(x) for x in (baseline, target) if x is not None]
    if not known and target is None:
        return None
    low, high = min(numbers), max(numbers)
    if high == low:
        low, high = low - 1.0, high + 1.0

    def y(v: float) -> float:
        return round(pad + (high - v) / (high - low) * (height - 2 * pad), 1)

    n = len(known)
    xs = [round(width / 2, 1)] if n == 1 else [
        round(pad + i * (width - 2 * pad) / (n - 1), 1) for i in range(n)]
    dots = tuple((x, y(v), p, v) for x, (p, v) in zip(xs, known, strict=True))
    latest = known[-1][1] if known else None
    return TargetChart(width=width, height=height,
                       points=" ".join(f"{x},{yy}" for x, yy, _p, _v in dots), dots=dots,
                       target_y=None if target is None else y(float(target)),
                       baseline_y=None if baseline is None else y(float(baseline)),
                       latest=latest, progress=toward_target(latest, baseline, target))
