"""The uniform result of every area-analysis method."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class MethodResult:
    """``table`` is indexed by area code with at least ``score``, ``rank`` (1 = most deprived,
    ties share the lowest rank) and ``flag`` (bool: in the method's highest group);
    ``flags`` holds per-indicator worst-group flags where the method uses them;
    ``details`` what else an explanation needs (limits, breaks, weights, ...)."""

    method: str
    table: pd.DataFrame
    flags: pd.DataFrame | None = None
    details: dict[str, Any] = field(default_factory=dict)


def rank_scores(score: pd.Series, tiebreak: pd.Series | None = None) -> pd.Series:
    """Rank 1 = highest score, ties share the lowest rank; NaN scores get no rank."""
    if tiebreak is None:
        return score.rank(ascending=False, method="min").astype("Int64")
    frame = pd.DataFrame({"s": -score, "t": tiebreak, "c": score.index.astype(str)},
                         index=score.index)
    order = frame.sort_values(["s", "t", "c"], kind="stable", na_position="last").index
    ranks = pd.Series(range(1, len(order) + 1), index=order, dtype="Int64")
    return ranks.reindex(score.index).where(score.notna())
