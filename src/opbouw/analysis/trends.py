"""Trends: the same areas over several years, across municipal mergers.

Before comparing years, every year's codes are carried forward to one geography with the
merger table: merged municipalities are added up with the hierarchy rules (numerators and
denominators, never averaged percentages), untouched ones keep their published values.
Then each year is ranked (1 = worst) and the change between the first and last year, and
who entered or left the top N or became deprived, is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from opbouw.analysis.hierarchy import AggregationResult, aggregate_values
from opbouw.analysis.ranking import rank
from opbouw.errors import InsufficientDataError
from opbouw.model.indicators import Indicator

__all__ = ["harmonise", "rank_changes", "successor_map", "yearly_scores"]


def successor_map(mergers: pd.DataFrame, codes: Iterable[str], until: int) -> pd.Series:
    """Each code's successor in year ``until`` after the mergers up to then (chained).

    >>> m = pd.DataFrame({"year": [2019, 2025], "old_code": ["a", "b"], "new_code": ["b", "c"]})
    >>> successor_map(m, ["a", "x"], 2025).tolist()
    ['c', 'x']
    """
    current = pd.Series(list(codes), dtype="string")
    result = current.copy()
    for _, rows in mergers[mergers["year"] <= until].sort_values("year").groupby("year"):
        step = dict(zip(rows["old_code"].astype(str), rows["new_code"].astype(str), strict=True))
        result = result.map(lambda c, s=step: s.get(c, c)).astype("string")
    result.index = pd.Index(current, dtype="string")
    return result


def harmonise(values: pd.DataFrame, mergers: pd.DataFrame, until: int,
              indicators: Mapping[str, Indicator],
              population: pd.Series | None = None) -> AggregationResult:
    """Long values re-expressed on the municipalities of year ``until``."""
    codes = values["code"].astype("string").unique()
    succ = successor_map(mergers, codes, until)
    merged = succ[succ.duplicated(keep=False) | (succ.index != succ.to_numpy())]
    keep = values[~values["code"].isin(merged.index)]
    if merged.empty:
        return AggregationResult(values.copy(), {})
    agg = aggregate_values(values[values["code"].isin(merged.index)], merged, indicators,
                           population)
    combined = pd.concat([keep, agg.values], ignore_index=True)
    combined["code"] = combined["code"].astype("string")
    return AggregationResult(combined, agg.rules, agg.incomplete)


def rank_changes(scores: pd.DataFrame, top_n: int = 10,
                 deprived: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per area: rank (1 = worst) in the first and last year, the change, and whether it
    entered or left the top N (and became or stopped being deprived).

    ``scores`` has one column per year, higher = worse. ``change`` is positive when the
    area climbed towards the top of the ranking, i.e. its relative position worsened.
    """
    years = sorted(scores.columns)
    if len(years) < 2:
        raise InsufficientDataError("a trend needs at least two years")
    first, last = years[0], years[-1]
    ranks = rank(scores[years], {y: 1 for y in years})
    out = pd.DataFrame({f"rank_{first}": ranks[first], f"rank_{last}": ranks[last]})
    out["change"] = out[f"rank_{first}"] - out[f"rank_{last}"]
    in_first, in_last = ranks[first] <= top_n, ranks[last] <= top_n
    out["top"] = np.select([in_last & ~in_first, in_first & ~in_last, in_first & in_last],
                           ["entered", "left", "stayed"], "")
    if deprived is not None:
        d_first = deprived[first].reindex(out.index).fillna(False).astype(bool)
        d_last = deprived[last].reindex(out.index).fillna(False).astype(bool)
        out["deprived"] = np.select([d_last & ~d_first, d_first & ~d_last, d_first & d_last],
                                    ["became", "no_longer", "stayed"], "")
    for y in years:
        out[f"score_{y}"] = scores[y]
    return out.sort_values([f"rank_{last}", f"rank_{first}"], na_position="last")


def yearly_scores(values: pd.DataFrame, catalogue: Any, spec: Any, years: list[int],
                  indicator: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The year loop of a trend: every method of the pipeline (or one indicator, oriented
    so that higher is worse) run on each year's values; returns the scores per year
    (higher = worse) and, for methods that flag, the flags per year."""
    from dataclasses import replace

    from opbouw.analysis.pipeline import run_analysis
    from opbouw.analysis.tables import oriented

    scores, flags = {}, {}
    for year in years:
        run = run_analysis(values, None, catalogue, replace(spec, year=year))
        if indicator is not None:
            scores[year] = oriented(run.table, run.directions)[indicator]
        else:
            # every method ranks 1 = most deprived, with its own tie rule
            scores[year] = -run.result.table["rank"].astype(float)
            flags[year] = run.result.table["flag"]
    return pd.DataFrame(scores), (pd.DataFrame(flags) if flags else None)
