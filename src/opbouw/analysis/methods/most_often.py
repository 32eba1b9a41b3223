""""Most often ranked highest" (seed 004): on how many indicators an area is in the top N.

Areas are ordered by that count, ties broken by the mean rank over all indicators (lower
first), then by code. The level break in the ordered counts is found with Fisher-Jenks
(mapclassify), the way the document sees a clear break after rank 14 of its top 20.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.methods.base import MethodResult, rank_scores
from opbouw.analysis.ranking import rank


@dataclass(frozen=True)
class MostOftenConfig:
    """``n``: the top per indicator; ``show``: the length of the synthesis table (the
    document's top 20); ``classes``: Fisher-Jenks classes within it (red, orange, yellow);
    ``break_after``: a level break set by hand (after that rank) instead of Fisher-Jenks."""

    n: int = defaults.N
    show: int = defaults.N
    classes: int = defaults.CLASSES
    break_after: int | None = None


def level_breaks(counts: np.ndarray, classes: int) -> list[int]:
    """Positions after which a new level starts in counts sorted high to low.

    >>> level_breaks(np.array([9, 9, 8, 8, 4, 4, 1]), 3)
    [4, 6]
    """
    values = np.asarray(counts, dtype="float64")
    distinct = np.unique(values)
    if len(distinct) < 2 or classes < 2:
        return []
    import mapclassify

    k = min(classes, len(distinct))
    bins = mapclassify.FisherJenks(values, k=k).bins
    breaks = []
    for upper in bins[:-1]:
        position = int((values > upper).sum())
        if 0 < position < len(values) and position not in breaks:
            breaks.append(position)
    return sorted(breaks)


def most_often(table: pd.DataFrame, directions: Mapping[str, int],
               config: MostOftenConfig) -> MethodResult:
    """Count top-N appearances, order with the tie rule, find the level breaks."""
    ranks = rank(table, directions, "min")
    in_top = (ranks <= config.n).fillna(False)
    count = in_top.sum(axis=1).astype("int64")
    mean_rank = ranks.mean(axis=1)
    tiebreak = mean_rank.fillna(np.inf)
    order = rank_scores(count.astype(float), tiebreak)
    out = pd.DataFrame({"score": count, "rank": order, "mean_rank": mean_rank})
    ordered = out.sort_values("rank")
    shown = ordered.head(config.show)
    if config.break_after is not None:
        breaks = [config.break_after] if 0 < config.break_after < len(shown) else []
        rule = "manual"
    else:
        breaks = level_breaks(shown["score"].to_numpy(), config.classes)
        rule = "fisher-jenks"
    level = pd.Series(pd.NA, index=out.index, dtype="Int64")
    edges = [0, *breaks, len(shown)]
    for number, (lo, hi) in enumerate(zip(edges[:-1], edges[1:], strict=True), start=1):
        level[shown.index[lo:hi]] = number
    out["level"] = level
    # flagged: every level shown except the lowest, i.e. up to the last break
    last_break = breaks[-1] if breaks else len(shown)
    out["flag"] = (out["rank"] <= last_break).fillna(False).astype(bool)
    # the areas just below the break: the next three, and any with the same count as the
    # last one above it (a reader should see how close they came)
    below = ordered.iloc[last_break:last_break + 3]
    if last_break and last_break < len(ordered):
        last = ordered["score"].iat[last_break - 1]
        below = ordered.iloc[last_break:][
            (ordered["score"].iloc[last_break:] >= last)
            | (ordered["rank"].iloc[last_break:] <= last_break + 3)]
    return MethodResult("top-n", out, in_top.astype(bool), {
        "n": config.n, "show": config.show, "classes": config.classes, "breaks": breaks,
        "break_rule": rule, "ranks": ranks, "just_below": [str(c) for c in below.index],
        "tie_rule": "mean rank over all indicators, then code"})
