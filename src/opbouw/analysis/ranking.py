"""Per-indicator ranking, direction-aware.

Rank 1 is the *worst* area. Ties share the lowest rank (``"min"``, as in sports tables and
the CDC SVI) unless another tie rule is asked. Missing values get no rank and no class; they
are counted by :func:`opbouw.analysis.tables.missing_report`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from opbouw.analysis.tables import oriented
from opbouw.errors import ConfigError

TieRule = Literal["min", "max", "average", "dense", "first"]
TIE_RULES: tuple[str, ...] = ("min", "max", "average", "dense", "first")


def rank(table: pd.DataFrame, directions: Mapping[str, int], ties: TieRule = "min") -> pd.DataFrame:
    """Rank areas per indicator, 1 = worst.

    >>> t = pd.DataFrame({"a": [3.0, 1.0, 3.0, None]}, index=list("wxyz"))
    >>> rank(t, {"a": 1})["a"].tolist()
    [1.0, 3.0, 1.0, nan]
    """
    if ties not in TIE_RULES:
        raise ConfigError("unknown tie rule {ties!r}; choose one of {choices}", ties=ties,
                          choices=", ".join(TIE_RULES))
    return oriented(table, directions).rank(ascending=False, method=ties, na_option="keep")


def percentile_rank(table: pd.DataFrame, directions: Mapping[str, int]) -> pd.DataFrame:
    """Percentile rank in [0, 1], 1 = worst: ``(r - 1) / (n - 1)`` with ``r`` the ascending
    min-rank of the oriented value among the ``n`` areas that have one (CDC convention).

    >>> t = pd.DataFrame({"a": [10.0, 20.0, 30.0]})
    >>> percentile_rank(t, {"a": -1})["a"].tolist()
    [1.0, 0.5, 0.0]
    """
    values = oriented(table, directions)
    r = values.rank(ascending=True, method="min", na_option="keep")
    n = values.notna().sum()
    return (r - 1) / (n - 1).where(n > 1, np.nan)


def quantile_class(table: pd.DataFrame, directions: Mapping[str, int], q: int = 10) -> pd.DataFrame:
    """Quantile class per indicator, 1 = the worst ``1/q`` (deciles for 10, quintiles for 5).

    Based on the worst-first min-rank, so tied areas share a class.

    >>> t = pd.DataFrame({"a": [float(i) for i in range(10)]})
    >>> quantile_class(t, {"a": 1}, q=5)["a"].tolist()
    [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    """
    r = rank(table, directions, "min")
    n = r.notna().sum()
    cls = np.ceil(r / n * q).clip(lower=1, upper=q)
    return cls.astype("Int64")


def zscore(table: pd.DataFrame, directions: Mapping[str, int], ddof: int = 1) -> pd.DataFrame:
    """Standardised oriented values (higher = worse); sample standard deviation by default."""
    values = oriented(table, directions)
    std = values.std(ddof=ddof)
    return (values - values.mean()) / std.where(std > 0, np.nan)
