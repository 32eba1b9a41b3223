"""Why an area scores as it does, as data the CLI, reports and web app can show.

``explain`` returns, for one area and one method result, the indicators with their value,
rank, the limit of the worst group and whether they flagged, plus a one-line summary such
as "Ronse is achtergesteld: 6 van 14 condities (...)".
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
    summary: str
    reasons: tuple[IndicatorReason, ...]


def _fmt(x: float) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "-"
    return f"{x:,.1f}".replace(",", " ").replace(".", ",") if abs(x) < 1e6 else f"{x:.3g}"


def explain(code: str, result: MethodResult, table: pd.DataFrame, directions: Mapping[str, int],
            name: str | None = None, labels: Mapping[str, str] | None = None,
            lang: str = "nl") -> Explanation:
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
    flagged_list = [r for r in reasons if r.flagged]
    shown = ", ".join(f"{r.label} {_fmt(r.value)} (rang {int(r.rank)}/{r.of})"
                      if lang != "en" else f"{r.label} {_fmt(r.value)} (rank {int(r.rank)}/{r.of})"
                      for r in flagged_list[:6])
    score = float(row["score"]) if pd.notna(row["score"]) else float("nan")
    rank_value = int(row["rank"]) if pd.notna(row["rank"]) else None
    flagged_area = bool(row["flag"])
    k = len(directions)
    if result.method in ("atlas", "score"):
        if lang == "en":
            status = "is deprived" if flagged_area else "is not deprived"
            summary = f"{name} {status}: {int(score)} of {k} conditions"
        else:
            status = "is achtergesteld" if flagged_area else "is niet achtergesteld"
            summary = f"{name} {status}: {int(score)} van {k} condities"
        if result.method == "atlas":
            rule_k = result.details["k"]
            summary += (f" (threshold {rule_k})" if lang == "en" else f" (grens {rule_k})")
    elif result.method == "top-n" or result.method == "top_n":
        n = result.details["n"]
        summary = (f"{name} is in the top {n} on {int(score)} of {k} indicators, overall rank "
                   f"{rank_value}" if lang == "en" else
                   f"{name} staat op {int(score)} van {k} indicatoren in de top {n}, "
                   f"algemene rang {rank_value}")
    else:
        text = f"{score:.4g}" if lang == "en" else f"{score:.4g}".replace(".", ",")
        summary = (f"{name}: score {text}, rank {rank_value}" if lang == "en"
                   else f"{name}: score {text}, rang {rank_value}")
    if shown:
        # a sentence of its own: no brackets inside brackets ("(grens 3) (... (rang 11))")
        summary += f". {shown}"
    return Explanation(code, name, result.method, score, rank_value, flagged_area, summary,
                       tuple(reasons))
