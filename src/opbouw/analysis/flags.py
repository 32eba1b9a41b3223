"""Worst-group flags per indicator, and the cumulation of negative conditions per area.

An area is *deprived* when the number of flagged indicators reaches ``k`` (default 4, the
rule of the Atlas of deprived neighbourhoods in Flanders and Brussels). Missing values are
never flagged; how many there were is reported alongside.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.tables import oriented
from opbouw.errors import ConfigError

RuleKind = Literal["percentile", "top_n", "threshold", "ratio"]
RULE_KINDS: tuple[str, ...] = ("percentile", "top_n", "threshold", "ratio")
ATLAS_K = defaults.K


@dataclass(frozen=True)
class FlagRule:
    """How the worst group of an indicator is chosen.

    - ``percentile``: the worst ``p`` percent: worst-first min-rank <= p/100 x n (ties at the
      boundary are all in);
    - ``top_n``: worst-first min-rank <= ``n``;
    - ``threshold``: value at or beyond ``thresholds[indicator]`` in the bad direction;
    - ``ratio``: value at or beyond ``factor`` x ``reference[indicator]`` in the bad
      direction (for lower-is-worse: at or below reference / factor).
    """

    kind: RuleKind = "percentile"
    p: float = defaults.P
    n: int = defaults.N
    thresholds: Mapping[str, float] = field(default_factory=dict)
    reference: Mapping[str, float] = field(default_factory=dict)
    factor: float = defaults.FACTOR

    def __post_init__(self) -> None:
        if self.kind not in RULE_KINDS:
            raise ConfigError("unknown flag rule {kind!r}; choose one of {choices}", kind=self.kind,
                              choices=", ".join(RULE_KINDS))
        if not 0 <= self.p <= 100:
            raise ConfigError("p must lie between 0 and 100")
        if self.n < 0:
            raise ConfigError("n must not be negative")
        if self.factor <= 0:
            raise ConfigError("factor must be positive")


def flag(table: pd.DataFrame, directions: Mapping[str, int], rule: FlagRule) -> pd.DataFrame:
    """Boolean flags (True = in the worst group) per area and indicator.

    >>> t = pd.DataFrame({"a": [1.0, 5.0, 3.0, None]}, index=list("wxyz"))
    >>> flag(t, {"a": 1}, FlagRule("top_n", n=1))["a"].tolist()
    [False, True, False, False]
    """
    if rule.kind in ("percentile", "top_n"):
        return _worst_by_rank(oriented(table, directions), rule)
    values = oriented(table, directions)
    source = rule.thresholds if rule.kind == "threshold" else rule.reference
    missing = [c for c in values.columns if c not in source]
    if missing:
        raise ConfigError("no thresholds for: {columns}" if rule.kind == "threshold"
                          else "no reference values for: {columns}", columns=", ".join(missing))
    limits = {}
    for col in values.columns:
        sign = directions[col]
        base = float(source[col])
        if rule.kind == "ratio":
            base = base * rule.factor if sign > 0 else base / rule.factor
        limits[col] = base * sign
    return (values >= pd.Series(limits)).fillna(False).astype(bool)


def _worst_by_rank(values: pd.DataFrame, rule: FlagRule) -> pd.DataFrame:
    """Worst-first min-rank <= limit, without sorting: with m = floor(limit), an area's
    min-rank is <= m exactly when its value is at least the m-th worst value (ties at the
    boundary are all in). A partial sort per column is what keeps what-if updates fast;
    ``tests/analysis`` checks it against the ranks."""
    arr = values.to_numpy(dtype="float64")
    out = np.zeros(arr.shape, dtype=bool)
    for j in range(arr.shape[1]):
        col = arr[:, j]
        valid = ~np.isnan(col)
        n_valid = int(valid.sum())
        limit = n_valid * rule.p / 100 if rule.kind == "percentile" else float(rule.n)
        m = min(int(np.floor(limit)), n_valid)
        if m < 1:
            continue
        vals = col[valid]
        kth = np.partition(vals, n_valid - m)[n_valid - m]
        out[:, j] = valid & (np.where(valid, col, -np.inf) >= kth)
    return pd.DataFrame(out, index=values.index, columns=values.columns)


def limits_used(table: pd.DataFrame, directions: Mapping[str, int],
                flags: pd.DataFrame) -> pd.Series:
    """The value at which each indicator's worst group starts (for explanations)."""
    values = oriented(table, directions)
    worst_in = values.where(flags.to_numpy()).min()
    signs = pd.Series(directions, dtype="float64")
    return (worst_in * signs.reindex(worst_in.index)).astype("float64")


def cumulation(flags: pd.DataFrame) -> pd.Series:
    """Number of negative conditions per area, between 0 and the number of indicators."""
    return flags.sum(axis=1).astype("int64").rename("count")


def deprived(flags: pd.DataFrame, k: int = ATLAS_K) -> pd.Series:
    """True where at least ``k`` conditions coincide."""
    if k < 1:
        raise ConfigError("k must be at least 1")
    return (cumulation(flags) >= k).rename("deprived")
