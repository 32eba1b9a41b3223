"""Multi-year plans as data: the structure a plan file holds, its loader and the example.

A plan here is plain data (dataclasses), so that the example file, the command line and
the web application's stored plans go through one XLSX writer (``opbouw.data.plan_xlsx``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from opbouw.errors import OpbouwError

__all__ = ["STRENGTHS", "Action", "Contribution", "Goal", "OperationalGoal", "PlanData",
           "ProjectRef", "example_path", "load_example", "load_plan"]

STRENGTHS = ("surely", "possibly")
"""How an action contributes to an OD in the overview matrix: surely or possibly."""


@dataclass(frozen=True)
class OperationalGoal:
    code: str
    title: str
    theme: str = ""
    statement: str = ""
    explanation: str = ""
    matrix_title: str = ""


@dataclass(frozen=True)
class Goal:
    """A strategic goal (SD) with its operational goals (OD)."""

    code: str
    title: str
    kind: str = "external"
    statement: str = ""
    explanation: str = ""
    operational: tuple[OperationalGoal, ...] = ()


@dataclass(frozen=True)
class Contribution:
    od: str
    strength: str = "surely"
    source: str = "gebruiker"
    quote: str = ""


@dataclass(frozen=True)
class ProjectRef:
    """A project or action that contributes to a strategic action, as the plan lists it."""

    key: str
    name: str
    places: tuple[str, ...] = ()
    document_text: str = ""
    note: str = ""
    fte: float = 0.0
    status: str = ""
    progress: float | None = None


@dataclass(frozen=True)
class Action:
    code: str
    title: str
    scope: str = ""
    internal: bool = False
    matrix_label: str = ""
    context: str = ""
    description: str = ""
    partners: str = ""
    timing: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    projects: tuple[ProjectRef, ...] = ()
    contributions: tuple[Contribution, ...] = ()


@dataclass(frozen=True)
class PlanData:
    name: str
    start_year: int
    end_year: int
    source: str = ""
    goals: tuple[Goal, ...] = ()
    actions: tuple[Action, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def operational_goals(self) -> list[OperationalGoal]:
        """All ODs in plan order."""
        return [od for g in self.goals for od in g.operational]

    def goal_of(self, od_code: str) -> Goal:
        return next(g for g in self.goals if any(o.code == od_code for o in g.operational))


def example_path() -> Path:
    """The bundled example plan of seed 004 (see README.md next to it)."""
    return Path(str(resources.files("opbouw.data.plans"))) / "seed004.toml"


def load_example() -> PlanData:
    """The 2021-2025 plan of Samenlevingsopbouw Oost-Vlaanderen (seed 004)."""
    return load_plan(example_path())


def load_plan(path: str | Path) -> PlanData:
    """Read a plan TOML file; codes must be unique and contributions name existing ODs.

    Raises
    ------
    OpbouwError
        On a missing field, a duplicate code, an unknown OD or strength.
    """
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        return _build(raw)
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise OpbouwError(f"{path}: {exc}") from exc


def _build(raw: dict[str, Any]) -> PlanData:
    goals = tuple(
        Goal(code=g["code"], title=g["title"], kind=g.get("kind", "external"),
             statement=g.get("statement", ""), explanation=g.get("explanation", ""),
             operational=tuple(
                 OperationalGoal(code=o["code"], title=o["title"], theme=o.get("theme", ""),
                                 statement=o.get("statement", ""),
                                 explanation=o.get("explanation", ""),
                                 matrix_title=o.get("matrix_title", ""))
                 for o in g.get("operational", [])))
        for g in raw.get("goals", []))
    ods = {o.code for g in goals for o in g.operational}
    codes = [g.code for g in goals] + [o.code for g in goals for o in g.operational]
    actions = []
    for a in raw.get("actions", []):
        contribs = tuple(Contribution(od=c["od"], strength=c.get("strength", "surely"),
                                      source=c.get("source", "gebruiker"),
                                      quote=c.get("quote", ""))
                         for c in a.get("contributions", []))
        for c in contribs:
            if c.od not in ods:
                raise OpbouwError(f"action {a['code']}: unknown operational goal {c.od!r}")
            if c.strength not in STRENGTHS:
                raise OpbouwError(f"action {a['code']}: strength must be one of {STRENGTHS}")
        projects = tuple(ProjectRef(key=p["key"], name=p["name"],
                                    places=tuple(p.get("places", ())),
                                    document_text=p.get("document_text", ""),
                                    note=p.get("note", ""), fte=float(p.get("fte", 0.0)),
                                    status=p.get("status", ""))
                         for p in a.get("projects", []))
        actions.append(Action(
            code=a["code"], title=a["title"], scope=a.get("scope", ""),
            internal=bool(a.get("internal", False)), matrix_label=a.get("matrix_label", ""),
            context=a.get("context", ""), description=a.get("description", ""),
            partners=a.get("partners", ""), timing=a.get("timing", ""),
            start=a.get("start"), end=a.get("end"), projects=projects, contributions=contribs))
        codes.append(a["code"])
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise OpbouwError(f"duplicate codes: {', '.join(dupes)}")
    p = raw["plan"]
    return PlanData(name=p["name"], start_year=int(p["start_year"]),
                    end_year=int(p["end_year"]), source=p.get("source", ""), goals=goals,
                    actions=tuple(actions))
