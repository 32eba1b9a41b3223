"""Composite indices: normalise, weight, aggregate, with a stated missing-data policy.

Inputs are oriented first (higher = worse), so every normalisation returns "higher = more
deprived" and the composite rank 1 is the most deprived area.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from opbouw.analysis.tables import oriented
from opbouw.errors import ConfigError, InsufficientDataError

Normalisation = Literal["minmax", "zscore", "percentile", "rank", "exponential", "reference"]
NORMALISATIONS: tuple[str, ...] = ("minmax", "zscore", "percentile", "rank", "exponential",
                                   "reference")
AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric")
MISSING_POLICIES: tuple[str, ...] = ("exclude_area", "exclude_indicator", "impute_median",
                                     "reweight")
IMD_CONSTANT = 23.0
"""The English Indices of Deprivation exponential transformation uses 23 and 100."""


def exponential_transform(ranks: np.ndarray, n: int | np.ndarray) -> np.ndarray:
    """The English IMD transformation of ranks: ``-23 ln(1 - R (1 - e^(-100/23)))`` with
    ``R = rank / n`` and rank ``n`` the most deprived; 100 for the most deprived.

    >>> round(float(exponential_transform(np.array([10.0]), 10)[0]), 6)
    100.0
    """
    scaled = np.asarray(ranks, dtype="float64") / n
    return -IMD_CONSTANT * np.log(1.0 - scaled * (1.0 - np.exp(-100.0 / IMD_CONSTANT)))


def normalise(values: pd.DataFrame, method: str,
              reference: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Normalise *oriented* values (higher = worse) column by column; NaN stays NaN.

    - ``minmax``: 0 (best) to 100 (worst);
    - ``zscore``: mean 0, sample standard deviation 1;
    - ``percentile``: (r - 1)/(n - 1), min-rank ties, 0 to 1;
    - ``rank``: ascending rank 1..n, average ties (n = worst);
    - ``exponential``: English IMD transformation of the ascending rank (0 to 100);
    - ``reference``: 100 x value / reference value of the column (default: its median),
      computed on the original scale (oriented back), inverted for lower-is-worse.
    """
    if method == "minmax":
        lo, hi = values.min(), values.max()
        span = (hi - lo).where(hi > lo, np.nan)
        return 100 * (values - lo) / span
    if method == "zscore":
        std = values.std(ddof=1)
        return (values - values.mean()) / std.where(std > 0, np.nan)
    if method == "percentile":
        r = values.rank(method="min", na_option="keep")
        n = values.notna().sum()
        return (r - 1) / (n - 1).where(n > 1, np.nan)
    if method == "rank":
        return values.rank(method="average", na_option="keep")
    if method == "exponential":
        r = values.rank(method="average", na_option="keep")
        n = values.notna().sum()
        return pd.DataFrame(exponential_transform(r.to_numpy(), n.to_numpy()[None, :]),
                            index=values.index, columns=values.columns)
    if method == "reference":
        out = {}
        for col in values.columns:
            x = values[col]
            sign = 1.0 if (x.dropna() >= 0).all() else -1.0
            raw = x.abs()
            ref = float(reference[col]) if reference and col in reference else float(raw.median())
            if ref == 0:
                raise ConfigError("reference value of {col!r} is 0", col=col)
            out[col] = 100 * raw / ref if sign > 0 else 100 * ref / raw.replace(0, np.nan)
        return pd.DataFrame(out, index=values.index)
    raise ConfigError("unknown normalisation {method!r}; choose one of {choices}", method=method,
                      choices=', '.join(NORMALISATIONS))


def make_weights(columns: list[str], scheme: str = "equal",
                 custom: Mapping[str, float] | None = None,
                 families: Mapping[str, str] | None = None) -> pd.Series:
    """Weights summing to 1: ``equal``, ``custom`` (given, rescaled) or ``family``
    (equal per family, then equal across families)."""
    if scheme == "equal":
        w = pd.Series(1.0, index=columns)
    elif scheme == "custom":
        if not custom:
            raise ConfigError("custom weights asked but none given")
        missing = [c for c in columns if c not in custom]
        if missing:
            raise ConfigError("no weight for: {columns}", columns=", ".join(missing))
        w = pd.Series({c: float(custom[c]) for c in columns})
        if (w < 0).any():
            raise ConfigError("weights must not be negative")
    elif scheme == "family":
        fam = pd.Series({c: (families or {}).get(c, c) for c in columns})
        w = 1.0 / fam.map(fam.value_counts())
    else:
        raise ConfigError("unknown weighting {scheme!r}; choose equal, custom or family",
                          scheme=scheme)
    total = w.sum()
    if total <= 0:
        raise ConfigError("weights sum to 0")
    return (w / total).astype("float64")


@dataclass
class CompositeResult:
    """Scores (``score``, ``rank``: 1 = most deprived), the normalised table, the weights
    and what the missing-data policy did."""

    scores: pd.DataFrame
    normalised: pd.DataFrame
    weights: pd.Series
    policy: str
    excluded_areas: list[str] = field(default_factory=list)
    excluded_indicators: list[str] = field(default_factory=list)
    imputed: dict[str, int] = field(default_factory=dict)


def aggregate(normalised: pd.DataFrame, weights: pd.Series, method: str = "arithmetic",
              reweight_missing: bool = False) -> pd.Series:
    """Weighted arithmetic or geometric mean per area.

    With ``reweight_missing`` an area's missing indicators are left out and the remaining
    weights rescaled (the COINr convention); otherwise any missing value gives NaN.
    """
    x = normalised[weights.index].to_numpy(dtype="float64")
    w = weights.to_numpy(dtype="float64")
    present = ~np.isnan(x)
    wm = np.where(present, w, 0.0) if reweight_missing else np.broadcast_to(w, x.shape)
    wsum = wm.sum(axis=1)
    if method == "arithmetic":
        total = np.nansum(np.where(present, x, 0.0) * wm, axis=1)
        score = total / np.where(wsum > 0, wsum, np.nan)
    elif method == "geometric":
        if np.nanmin(x) < 0:
            raise ConfigError("geometric aggregation needs values of 0 or more; "
                              "use minmax, percentile, rank or exponential normalisation")
        with np.errstate(divide="ignore"):
            logs = np.where(present, np.log(np.where(present, x, 1.0)), 0.0)
        score = np.exp((logs * wm).sum(axis=1) / np.where(wsum > 0, wsum, np.nan))
    else:
        raise ConfigError("unknown aggregation {method!r}; choose arithmetic or geometric",
                          method=method)
    if not reweight_missing:
        score = np.where(present.all(axis=1), score, np.nan)
    return pd.Series(score, index=normalised.index, name="score")


def composite(table: pd.DataFrame, directions: Mapping[str, int], normalisation: str = "minmax",
              aggregation: str = "arithmetic", weights: pd.Series | None = None,
              missing: str = "exclude_area",
              reference: Mapping[str, float] | None = None) -> CompositeResult:
    """Build a composite index; every choice and its effect is kept in the result.

    >>> t = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [30.0, 20.0, 10.0]}, index=list("xyz"))
    >>> composite(t, {"a": 1, "b": -1}).scores["rank"].tolist()
    [3, 2, 1]
    """
    if missing not in MISSING_POLICIES:
        raise ConfigError("unknown missing-data policy {missing!r}; choose one of {choices}",
                          missing=missing, choices=', '.join(MISSING_POLICIES))
    values = oriented(table, directions)
    excluded_areas: list[str] = []
    excluded_ind: list[str] = []
    imputed: dict[str, int] = {}
    if missing == "exclude_indicator":
        excluded_ind = [c for c in values.columns if values[c].isna().any()]
        values = values.drop(columns=excluded_ind)
    elif missing == "impute_median":
        for col in values.columns:
            n = int(values[col].isna().sum())
            if n:
                imputed[col] = n
                values[col] = values[col].fillna(values[col].median())
    if values.shape[1] == 0:
        raise InsufficientDataError("no indicator left after the missing-data policy")
    if missing == "exclude_area":
        bad = values.isna().any(axis=1)
        excluded_areas = [str(c) for c in values.index[bad]]
    w = weights if weights is not None else make_weights(list(values.columns))
    w = w.reindex(values.columns)
    if w.isna().any():
        raise ConfigError("no weight for: {columns}",
                          columns=", ".join(map(str, w.index[w.isna()])))
    w = w / w.sum()
    kept = values.drop(index=excluded_areas) if excluded_areas else values
    if len(kept) < 2:
        raise InsufficientDataError("fewer than two areas with complete values")
    norm = normalise(kept, normalisation, reference)
    score = aggregate(norm, w, aggregation, reweight_missing=(missing == "reweight"))
    scores = pd.DataFrame({"score": score})
    scores["rank"] = scores["score"].rank(ascending=False, method="min").astype("Int64")
    scores = scores.reindex(values.index)
    return CompositeResult(scores, norm, w, missing, excluded_areas, excluded_ind, imputed)
