"""Why an area scores as it does, as data the CLI, reports and web app can show.

``explain`` returns, for one area and one method result, the indicators with their value,
rank, the limit of the worst group and whether they flagged, and the figures of the rule
(conditions, threshold, top N). The one-line summary ("Ronse is achtergesteld: 6 van 14
condities (...)") is made from it by :func:`opbouw.wording.explanation_summary`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from opbouw.analysis.methods.base import MethodResult
from opbouw.analysis.ranking import rank


@dataclass(frozen=True)
class IndicatorReason:
    """One indicator's part in an area's status."""

    indicator: str
    label: str
    value: float
    rank: float
    of: int
    limit: float
    flagged: bool


@dataclass(frozen=True)
class Explanation:
    """An area's status under one method, with the reasons per indicator."""

    code: str
    name: str
    method: str
    score: float
    rank: int | None
    flagged: bool
    reasons: tuple[IndicatorReason, ...]
    conditions: int
    """The number of indicators (conditions) the status is judged on."""
    threshold: int | None = None
    """The atlas rule's k: deprived from this many conditions on."""
    top_n: int | None = None
    """The N of the most-often-ranked-highest rule."""


def explain(code: str, result: MethodResult, table: pd.DataFrame, directions: Mapping[str, int],
            name: str | None = None,
            labels: Mapping[str, str] | None = None) -> Explanation:
    """Explain ``code``'s status in ``result`` (computed from ``table``)."""
    labels = labels or {}
    name = name or code
    row = result.table.loc[code]
    ranks = result.details.get("ranks")
    if ranks is None:
        ranks = rank(table, directions)
    limits = result.details.get("limits", pd.Series(dtype="float64"))
    n_valid = table[list(directions)].notna().sum()
    reasons = []
    for ind in directions:
        flagged = bool(result.flags.at[code, ind]) if result.flags is not None else False
        reasons.append(IndicatorReason(
            ind, labels.get(ind, ind), float(table.at[code, ind]), float(ranks.at[code, ind]),
            int(n_valid[ind]), float(limits.get(ind, np.nan)), flagged))
    reasons.sort(key=lambda r: (not r.flagged, r.rank if not np.isnan(r.rank) else np.inf))
    score = float(row["score"]) if pd.notna(row["score"]) else float("nan")
    rank_value = int(row["rank"]) if pd.notna(row["rank"]) else None
    threshold = int(result.details["k"]) if result.method == "atlas" else None
    top_n = int(result.details["n"]) if result.method in ("top-n", "top_n") else None
    return Explanation(code, name, result.method, score, rank_value, bool(row["flag"]),
                       tuple(reasons), len(directions), threshold, top_n)
