"""The one pipeline: catalogue + table -> directions, scope, filtered table, method run.

The CLI, the web engine, the area page and the reports all call :func:`run_analysis`, so
the steps and their defaults exist once:

1. the indicators: the asked keys, a preset's, or every non-count indicator present;
2. the wide table of one year (the latest per indicator by default);
3. the scope (:class:`Scope`): one level, inside parents, minus listed codes, or a list;
   Brussels is left out of Flemish comparisons unless asked;
4. indicators with fewer than two values in the scope are dropped (and reported);
5. the directions from the catalogue (unknown indicators: higher is worse, reported);
6. the method, with its options checked by :func:`~opbouw.analysis.methods.method_config`.

Every error is an :class:`~opbouw.errors.OpbouwError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from opbouw.analysis.methods import METHODS, MethodResult, method_config, run_method
from opbouw.analysis.tables import latest_years, latest_years_covered, wide_table
from opbouw.errors import ConfigError, InsufficientDataError, UnknownMethodError
from opbouw.model.indicators import Catalogue

__all__ = ["AnalysisRun", "AnalysisSpec", "BRUSSELS", "Scope", "ancestors", "apply_scope",
           "choose_indicators", "present_indicators", "run_analysis", "scope_codes"]

BRUSSELS = "04000"
"""The NIS code of the Brussels-Capital Region; its communes have codes 21xxx."""

_BRABANT = {"20001": ("23", "24"), "20002": ("25",)}


@dataclass(frozen=True)
class Scope:
    """The reference set an analysis compares within.

    ``level``: one area level (default: the most common level among the areas with
    values); ``within``: parent codes (provinces, municipalities, ...) the areas must lie
    in; ``exclude``: codes left out (and everything below them); ``codes``: an explicit
    list; ``brussels``: keep the Brussels communes in a Flemish comparison.
    """

    level: str | None = None
    within: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    brussels: bool = False

    def __post_init__(self) -> None:
        # one code may be given as text: Scope("municipality", "40000", ("44021",))
        for name in ("within", "exclude", "codes"):
            value = getattr(self, name)
            if value is None or isinstance(value, str):
                object.__setattr__(self, name, (value,) if value else ())
            else:
                object.__setattr__(self, name, tuple(str(v) for v in value))

    @property
    def parent(self) -> str | None:
        """The one area the scope lies within (reports name it), or None."""
        return self.within[0] if len(self.within) == 1 else None

    def summary(self) -> str:
        """``level=municipality, within=40000, exclude=44021`` for metadata lines."""
        parts = [f"level={self.level or ''}"]
        for name in ("within", "exclude", "codes"):
            if getattr(self, name):
                parts.append(f"{name}=" + ",".join(getattr(self, name)))
        if self.brussels:
            parts.append("brussels=true")
        return ", ".join(parts)

    def describe(self) -> dict[str, Any]:
        """The scope as plain values, for output metadata and saved configurations."""
        return {"level": self.level or "", "within": list(self.within),
                "exclude": list(self.exclude), "codes": list(self.codes),
                "brussels": self.brussels}

    @classmethod
    def from_settings(cls, cfg: Mapping[str, Any]) -> Scope:
        """A scope from plain settings (``level``, ``within``, ``exclude``, ``codes``,
        ``brussels``); lists may be given as comma-separated text."""
        def codes(key: str) -> tuple[str, ...]:
            value = cfg.get(key) or ()
            if isinstance(value, str):
                value = [v for v in value.replace(";", ",").split(",")]
            if not isinstance(value, list | tuple):
                raise ConfigError("{key!r} must be a list of area codes, got {value!r}",
                                  key=key, value=value)
            return tuple(str(v).strip() for v in value if str(v).strip())

        level = cfg.get("level") or None
        if level is not None and not isinstance(level, str):
            raise ConfigError("'level' must be text, got {level!r}", level=level)
        brussels = cfg.get("brussels", False)
        if not isinstance(brussels, bool):
            raise ConfigError("'brussels' must be true or false, got {brussels!r}",
                              brussels=brussels)
        return cls(level, codes("within"), codes("exclude"), codes("codes"), brussels)


def ancestors(areas: pd.DataFrame) -> dict[str, set[str]]:
    """Every area's ancestors by the ``parent`` column (cycles are cut)."""
    parent = {str(c): str(p) for c, p in zip(areas.index.tolist(), areas["parent"].tolist(),
                                             strict=True)
              if isinstance(p, str) and p} if "parent" in areas.columns else {}
    out: dict[str, set[str]] = {}
    for code in map(str, areas.index.tolist()):
        seen: set[str] = set()
        node = parent.get(code)
        while node is not None and node not in seen:
            seen.add(node)
            node = parent.get(node)
        out[code] = seen
    return out


def _code_within(code: str, parent: str) -> bool:
    """Belgian codes nest by prefix: a sector or wijk in its municipality (``44021...``),
    a municipality in its province (``4xxxx`` in ``40000``, ``24xxx`` in ``20001``)."""
    if code == parent or not parent[:5].isdigit():
        return False
    if parent in _BRABANT:
        return code.startswith(_BRABANT[parent])
    if parent.endswith("0000"):
        return code[:1] == parent[:1] and code[:5].isdigit() and code[:2] not in ("21", "23",
                                                                                     "24", "25")
    return code.startswith(parent) and len(code) > len(parent)


_NO_ANCESTORS: frozenset[str] = frozenset()


def _is_brussels(code: str, ups: Set[str]) -> bool:
    return BRUSSELS in ups or code == BRUSSELS or (code[:2] == "21" and code[:5].isdigit())


def apply_scope(table: pd.DataFrame, areas: pd.DataFrame | None, scope: Scope,
                ) -> tuple[pd.DataFrame, str | None, list[str]]:
    """The rows of ``table`` inside the scope; returns the table, the level used and
    notes (e.g. that Brussels was left out)."""
    notes: list[str] = []
    if areas is None:
        if scope.within or scope.level:
            raise ConfigError("a scope with a level or --within needs an areas file")
        keep = table.index.astype(str).tolist()
        if scope.codes:
            wanted = set(scope.codes)
            keep = [c for c in keep if c in wanted]
        out = set(scope.exclude)
        keep = [c for c in keep if c not in out]
        if not scope.brussels:
            flemish = [c for c in keep if not _is_brussels(c, set())]
            if flemish and len(flemish) < len(keep):
                notes.append(f"brussels_left_out:{len(keep) - len(flemish)}")
                keep = flemish
    else:
        frame = areas.loc[areas.index.isin(table.index)]
        level = scope.level
        if level is None and not scope.codes and len(frame):
            level = str(frame["level"].mode().iat[0])
        if level is not None:
            if not (areas["level"] == level).any():
                raise ConfigError("no areas at level {level!r}; the areas file has: {levels}",
                                  level=level,
                                  levels=", ".join(sorted(set(map(str, areas["level"])))))
            frame = frame[frame["level"] == level]
        needs_tree = bool(scope.within or scope.exclude) or BRUSSELS in areas.index
        ups = ancestors(areas) if needs_tree else {}
        # .tolist() converts in C; iterating a pandas 3 string index element by element
        # costs a Python call per area
        codes = frame.index.astype(str).tolist()
        asked = (*scope.within, *scope.exclude, *scope.codes)
        known = set(areas.index.astype(str).tolist()) if asked else set()
        unknown = [c for c in asked if c not in known and not c[:5].isdigit()]
        if unknown:
            raise ConfigError("unknown area codes in the scope: {codes}", codes=", ".join(unknown))
        if scope.codes:
            wanted = set(scope.codes)
            codes = [c for c in codes if c in wanted]
        if scope.within:
            codes = [c for c in codes
                     if any(w in ups.get(c, set()) or (not ups.get(c) and _code_within(c, w))
                            for w in scope.within)]
        if scope.exclude:
            out = set(scope.exclude)
            codes = [c for c in codes if c not in out and not (ups.get(c, set()) & out)
                     and not (not ups.get(c) and any(_code_within(c, e) for e in out))]
        if not scope.brussels and BRUSSELS not in scope.within:
            flemish = [c for c in codes if not _is_brussels(c, ups.get(c, _NO_ANCESTORS))]
            if flemish and len(flemish) < len(codes):
                notes.append(f"brussels_left_out:{len(codes) - len(flemish)}")
                codes = flemish
        if len(codes) == len(table) and len(frame) == len(table):
            return table, level, notes  # every row is in scope: no second pass
        table = table.loc[table.index.isin(pd.Index(codes))]
        return table, level, notes
    return table.loc[table.index.isin(keep)], scope.level, notes


def scope_codes(areas: pd.DataFrame, scope: Scope) -> pd.Index:
    """The codes of ``areas`` (name, level, parent) in ``scope``, in the areas' order: the
    same rule as :func:`apply_scope`, for callers that start from the areas (reports).
    Codes in the scope that are not among the areas, or a level without areas, raise
    :class:`~opbouw.errors.ConfigError`."""
    known = set(map(str, areas.index))
    unknown = [c for c in (*scope.within, *scope.exclude) if c not in known]
    if unknown:
        raise ConfigError("unknown area code {code!r}", code=unknown[0])
    if scope.level is not None and not (areas["level"] == scope.level).any():
        raise ConfigError("no areas at level {level!r}", level=scope.level)
    table, _, _ = apply_scope(pd.DataFrame(index=areas.index), areas, scope)
    return pd.Index(table.index)


def present_indicators(values: pd.DataFrame) -> list[str]:
    """The indicators of long ``values``, in order of first appearance."""
    # drop_duplicates hashes in C: iterating the column in Python costs seconds on a
    # dataset of 20,000 areas x 30 indicators
    return [str(k) for k in values["indicator"].drop_duplicates().tolist()]


def choose_indicators(values: pd.DataFrame, catalogue: Catalogue,
                      keys: Sequence[str] = (), preset: str | None = None,
                      present: Sequence[str] | None = None) -> list[str]:
    """The asked keys, a preset's, or every indicator present that is not a count
    (``present``: :func:`present_indicators` of ``values``, when the caller keeps it)."""
    present = list(present) if present is not None else present_indicators(values)
    if preset:
        keys = list(catalogue.preset(preset).indicators)
    if not keys:
        keys = [k for k in present if k not in catalogue or catalogue.get(k).unit != "count"]
    known = set(present)
    absent = [k for k in keys if k not in known]
    if absent:
        raise ConfigError("indicators not in the data: {keys}", keys=", ".join(absent))
    return list(keys)


@dataclass(frozen=True)
class AnalysisSpec:
    """What to run: the method, its options (the CLI option names: ``p``, ``k``, ``n``,
    ``rule``, ``weights``, ...), the indicators or a preset, the year and the scope."""

    method: str = "atlas"
    options: Mapping[str, Any] = field(default_factory=dict)
    indicators: tuple[str, ...] = ()
    preset: str | None = None
    year: int | None = None
    scope: Scope = field(default_factory=Scope)
    lower_is_worse: tuple[str, ...] = ()


@dataclass
class AnalysisRun:
    """The table the method saw, the directions, the method's result and what was left
    out on the way (indicators with too few values, unknown directions, notes)."""

    spec: AnalysisSpec
    table: pd.DataFrame
    directions: dict[str, int]
    result: MethodResult
    level: str | None
    dropped: list[str] = field(default_factory=list)
    unknown_direction: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def metadata(self, catalogue: Catalogue, lang: str = "nl") -> dict[str, Any]:
        """Method, options, scope, year, indicators with direction: for output files."""
        return {
            "method": self.spec.method,
            "options": dict(self.spec.options),
            "scope": {**self.spec.scope.describe(), "level": self.level or "",
                      "areas": len(self.table)},
            "year": self.spec.year if self.spec.year is not None else "latest",
            "indicators": {k: {"label": catalogue.get(k).label(lang) if k in catalogue else k,
                               "direction": "higher_is_worse" if d > 0 else "lower_is_worse"}
                           for k, d in self.directions.items()},
            "dropped": self.dropped, "notes": self.notes,
        }


def prepare(values: pd.DataFrame, areas: pd.DataFrame | None, catalogue: Catalogue,
            spec: AnalysisSpec, wide: pd.DataFrame | None = None,
            present: Sequence[str] | None = None, cover: pd.DataFrame | None = None,
            ) -> tuple[pd.DataFrame, dict[str, int], str | None, dict[str, list[str]]]:
    """Steps 1-5: the scoped wide table, the directions, the level and what was left out.

    ``wide``, when given, is the caller's cached wide table of ``values`` for the spec's
    year (the web app keeps one per dataset version); it replaces step 2 only. ``present``
    likewise: the caller's cached :func:`present_indicators` of ``values``; ``cover`` its
    cached :func:`~opbouw.analysis.tables.coverage` of ``values``."""
    keys = choose_indicators(values, catalogue, spec.indicators, spec.preset, present)
    unknown = [k for k in spec.lower_is_worse if k not in keys]
    if unknown:
        raise ConfigError("lower_is_worse names indicators not analysed: {unknown}",
                          unknown=unknown)
    if wide is not None:
        table = wide.reindex(columns=keys)
    else:
        order = areas.index.astype(str).tolist() if areas is not None else None
        table = wide_table(values, spec.year, keys, order)
    table, level, notes = apply_scope(table, areas, spec.scope)
    if spec.year is None:
        table, skipped = _latest_in_scope(values, keys, table, cover)
        notes = [*notes, *skipped]
    dropped = [k for k in keys if table[k].notna().sum() < 2]
    keys = [k for k in keys if k not in dropped]
    if len(table) < 2 or not keys:
        raise InsufficientDataError("fewer than two areas with values for these indicators "
                                    "in this scope")
    directions = {k: (-1 if k in spec.lower_is_worse else
                      catalogue.get(k).direction.sign if k in catalogue else 1) for k in keys}
    return table[keys], directions, level, {
        "dropped": dropped, "notes": notes,
        "unknown_direction": [k for k in keys if k not in catalogue
                              and k not in spec.lower_is_worse]}


def _latest_in_scope(values: pd.DataFrame, keys: Sequence[str], table: pd.DataFrame,
                     cover: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The scoped ``table`` with, per indicator, the latest year that is well covered among
    the scoped areas (:func:`~opbouw.analysis.tables.latest_years`), and the notes of the
    sparse newer years passed over. The table is rebuilt only when the years counted
    within the scope differ from those of the whole dataset (which ``table`` has)."""
    if cover is not None:  # counted on the cached coverage: no pass over every value
        years, skipped = latest_years_covered(cover, keys, table.index)
        overall, _ = latest_years_covered(cover, keys)
        if years == overall:
            return table, skipped
    mine = values[values["indicator"].isin(list(keys))]
    if not mine["year"].notna().any():
        return table, []
    if cover is None:
        years, skipped = latest_years(mine, table.index)
        overall, _ = latest_years(mine)
    if years != overall:
        rebuilt = wide_table(mine, None, keys, None, years)
        table = rebuilt.reindex(index=table.index, columns=table.columns)
    return table, skipped


def run_analysis(values: pd.DataFrame, areas: pd.DataFrame | None, catalogue: Catalogue,
                 spec: AnalysisSpec, wide: pd.DataFrame | None = None,
                 present: Sequence[str] | None = None,
                 cover: pd.DataFrame | None = None) -> AnalysisRun:
    """Run ``spec`` on long ``values`` (code, indicator, year, value) and the areas frame
    (name, level, parent; or None): the one way every edge analyses. ``wide``: see
    :func:`prepare`, as ``present`` and ``cover``."""
    if spec.method not in METHODS:
        raise UnknownMethodError(spec.method, list(METHODS))
    config = method_config(spec.method, spec.options)
    table, directions, level, left = prepare(values, areas, catalogue, spec, wide, present,
                                             cover)
    if spec.method == "composite" and config.weights:
        # a weight not given is 1 (so a what-if on one weight keeps the others)
        weights = {k: float(config.weights.get(k, 1.0)) for k in directions}
        config = type(config)(**{**config.__dict__, "weights": weights})
    result = run_method(spec.method, table, directions, config)
    return AnalysisRun(spec, table, directions, result, level, left["dropped"],
                       left["unknown_direction"], left["notes"])
