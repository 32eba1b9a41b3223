"""Which areas a report covers: one level, within a parent, minus listed codes.

Kept small on purpose: the analysis pipeline (issue 9) gets its own scope object; when it
lands, :func:`scope_codes` becomes a call to it and nothing else in the reports changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from opbouw.analysis.hierarchy import ancestor_at
from opbouw.errors import ConfigError


@dataclass(frozen=True)
class Scope:
    """Areas at ``level``, inside ``within`` (any ancestor), without ``exclude``."""

    level: str = "municipality"
    within: str | None = None
    exclude: tuple[str, ...] = ()


def scope_codes(frame: pd.DataFrame, scope: Scope) -> pd.Index:
    """The codes in scope, in the areas' order; unknown codes raise ConfigError."""
    for code in (scope.within, *scope.exclude):
        if code and code not in frame.index:
            raise ConfigError(f"unknown area code {code!r}")
    chosen = frame.index[frame["level"] == scope.level]
    if not len(chosen):
        raise ConfigError(f"no areas at level {scope.level!r}")
    if scope.within:
        wlevel = frame.at[scope.within, "level"]
        up = ancestor_at(frame, str(wlevel)).reindex(chosen)
        chosen = chosen[(up == scope.within).fillna(False).to_numpy()]
    return chosen[~chosen.isin(list(scope.exclude))]


def top_ancestor(frame: pd.DataFrame, code: str) -> str:
    """The highest ancestor of ``code`` (itself when it has no parent)."""
    seen: set[str] = set()
    while True:
        parent = frame.at[code, "parent"] if code in frame.index else None
        if not isinstance(parent, str) or not parent or parent in seen or parent not in frame.index:
            return code
        seen.add(code)
        code = parent


def describe(scope: Scope) -> str:
    """``within=40000, exclude=44021`` for metadata lines."""
    parts = [f"level={scope.level}"]
    if scope.within:
        parts.append(f"within={scope.within}")
    if scope.exclude:
        parts.append("exclude=" + ",".join(scope.exclude))
    return ", ".join(parts)
