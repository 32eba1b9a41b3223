"""The map of social inclusion (seed 002): agreement, change and weakest factors.

Scores come as a long table with one row per participant, factor and dimension
(culture, practice, policy) on a small anchored scale; missing answers ("don't know")
are NaN and are left out of every statistic.

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"participant": [1, 2], "factor": ["d1.1", "d1.1"],
...                   "dimension": ["culture", "culture"], "score": [1.0, 4.0]})
>>> row = agreement(s).iloc[0]
>>> float(row["mean"]), float(row["spread"]), bool(row["disagree"])
(2.5, 3.0, True)
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from opbouw.errors import ConfigError

__all__ = ["DIMENSIONS", "DISAGREEMENT_SPREAD", "SCALE", "WEAKEST_N", "agreement", "change",
           "factor_means", "heatmap", "weakest"]

DIMENSIONS = ("culture", "practice", "policy")
SCALE = (1, 2, 3, 4)
# two steps apart on a four-point scale: one says "beginning", another "largely there"
DISAGREEMENT_SPREAD = 2
WEAKEST_N = 5


def _clean(scores: pd.DataFrame) -> pd.DataFrame:
    need = {"participant", "factor", "dimension", "score"}
    missing = need - set(scores.columns)
    if missing:
        raise ConfigError("missing columns: {columns}", columns=", ".join(sorted(missing)))
    out = scores.loc[:, ["participant", "factor", "dimension", "score"]].copy()
    out["score"] = pd.to_numeric(out["score"], errors="coerce")
    return out.dropna(subset=["score"])


def agreement(scores: pd.DataFrame, threshold: float = DISAGREEMENT_SPREAD) -> pd.DataFrame:
    """Per factor and dimension: how many answered, mean, min, max, spread, disagreement.

    Parameters
    ----------
    scores
        Long table: ``participant``, ``factor``, ``dimension``, ``score``.
    threshold
        A spread (max - min) of at least this many scale steps counts as disagreement.

    Returns
    -------
    DataFrame
        Columns ``factor``, ``dimension``, ``n``, ``mean``, ``min``, ``max``, ``spread``,
        ``std`` (population), ``disagree``; sorted by factor and dimension order.
    """
    s = _clean(scores)
    cols = ["factor", "dimension", "n", "mean", "min", "max", "spread", "std", "disagree"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    g = s.groupby(["factor", "dimension"])["score"]
    out = g.agg(n="count", mean="mean", min="min", max="max").reset_index()
    out["std"] = g.std(ddof=0).to_numpy()
    out["spread"] = out["max"] - out["min"]
    out["disagree"] = (out["n"] >= 2) & (out["spread"] >= threshold)
    out["_d"] = out["dimension"].map({d: i for i, d in enumerate(DIMENSIONS)})
    return out.sort_values(["factor", "_d"]).loc[:, cols].reset_index(drop=True)


def factor_means(scores: pd.DataFrame) -> pd.DataFrame:
    """Mean score per factor (rows) and dimension (columns), plus ``overall`` over all
    answers of the factor."""
    s = _clean(scores)
    wide = s.pivot_table(index="factor", columns="dimension", values="score", aggfunc="mean")
    wide = wide.reindex(columns=list(DIMENSIONS))
    wide["overall"] = s.groupby("factor")["score"].mean()
    return wide


def change(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Mean per factor and dimension in two rounds and the difference (after - before).

    Returns
    -------
    DataFrame
        Columns ``factor``, ``dimension``, ``before``, ``after``, ``delta``; factors only
        answered in one round have NaN where the other round is missing.
    """
    def means(frame: pd.DataFrame) -> pd.Series:
        return _clean(frame).groupby(["factor", "dimension"])["score"].mean()

    out = pd.concat({"before": means(before), "after": means(after)}, axis=1)
    if out.empty:
        return pd.DataFrame(columns=["factor", "dimension", "before", "after", "delta"])
    out["delta"] = out["after"] - out["before"]
    out = out.reset_index()
    out["_d"] = out["dimension"].map({d: i for i, d in enumerate(DIMENSIONS)})
    return out.sort_values(["factor", "_d"]).drop(columns="_d").reset_index(drop=True)


def heatmap(scores: pd.DataFrame, domain_of: Mapping[str, str]) -> pd.DataFrame:
    """Mean score per domain (rows, in the order of ``domain_of``) and dimension (columns).

    Every answer weighs the same, so a domain with more factors is not averaged in favour
    of its small factors.
    """
    s = _clean(scores)
    s["domain"] = s["factor"].map(domain_of)
    domains = list(dict.fromkeys(domain_of.values()))
    table = s.pivot_table(index="domain", columns="dimension", values="score", aggfunc="mean")
    return table.reindex(index=domains, columns=list(DIMENSIONS))


def weakest(scores: pd.DataFrame, n: int = WEAKEST_N) -> pd.DataFrame:
    """The ``n`` factors with the lowest mean over all dimensions and participants.

    Ties are broken by the lowest single dimension mean, then by factor key, so that the
    list is reproducible.
    """
    means = factor_means(scores)
    if means.empty:
        return pd.DataFrame(columns=["factor", "mean", "lowest"])
    out = pd.DataFrame({"factor": means.index, "mean": means["overall"].to_numpy(),
                        "lowest": np.nanmin(means[list(DIMENSIONS)].to_numpy(), axis=1)})
    return out.sort_values(["mean", "lowest", "factor"]).head(n).reset_index(drop=True)
