"""Which areas a report covers: the analysis pipeline's one :class:`Scope` (one level,
inside a parent, minus listed codes), re-exported here with the helpers reports need."""

from __future__ import annotations

import pandas as pd

from opbouw.analysis.pipeline import Scope, scope_codes

__all__ = ["Scope", "describe", "scope_codes", "top_ancestor"]


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
    """``level=municipality, within=40000, exclude=44021`` for metadata lines."""
    return scope.summary()
