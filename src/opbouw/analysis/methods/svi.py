"""The CDC/ATSDR Social Vulnerability Index method, as its documentation defines it.

Per variable the percentile rank ``EPL = (r - 1) / (n - 1)`` with ``r`` the ascending rank,
ties getting the lowest rank, rounded to 4 decimals; a variable where lower is worse
(per-capita income in SVI editions before 2020) gets ``1 - (r - 1)/(n - 1)``, which is not the
same as ranking it in reverse when values tie. Flags ``F_ = 1`` where ``EPL >= 0.90``.
Theme sums ``SPL_`` are ranked at the 4-decimal precision the CDC publishes them, giving
``RPL_``; the sum of theme sums gives ``SPL_THEMES`` and the overall ``RPL_THEMES``.
``-999`` marks a missing value: it is left out of the ranking and propagates to the theme
and overall values of that area.

References: CDC/ATSDR SVI documentation 2020 ("Data dictionary", "Calculating the SVI");
findSVI (Xu et al.), which the Pennsylvania county table of the tests also reproduces.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from opbouw.errors import ConfigError

MISSING = -999.0
FLAG_AT = 0.90
DECIMALS = 4


@dataclass(frozen=True)
class SviConfig:
    """Themes map a theme name (``THEME1``) to variable names (``POV150``); input columns are
    ``EP_<VAR>``."""

    themes: Mapping[str, Sequence[str]]
    lower_is_worse: Sequence[str] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.themes:
            raise ConfigError("SVI needs at least one theme")
        variables = [v for vs in self.themes.values() for v in vs]
        dup = sorted({v for v in variables if variables.count(v) > 1})
        if dup:
            raise ConfigError("variables in more than one theme: {dup}", dup=dup)
        unknown = sorted(set(self.lower_is_worse) - set(variables))
        if unknown:
            raise ConfigError("lower_is_worse names variables in no theme: {unknown}",
                              unknown=unknown)

    @property
    def variables(self) -> list[str]:
        """All variables, theme by theme."""
        return [v for vs in self.themes.values() for v in vs]


def _round(x: np.ndarray) -> np.ndarray:
    # round half away from zero on the decimal value, as R's round() and Excel do for
    # these ratios; np.round alone rounds half to even on the binary value
    scaled = x * 10**DECIMALS
    return np.sign(scaled) * np.floor(np.abs(scaled) + 0.5 + 1e-9) / 10**DECIMALS


def percentile_rank(values: np.ndarray, reverse: bool = False) -> np.ndarray:
    """CDC percentile rank of the valid values (NaN stays NaN), rounded to 4 decimals.

    >>> percentile_rank(np.array([1.0, 2.0, 2.0, 4.0])).tolist()
    [0.0, 0.3333, 0.3333, 1.0]
    >>> percentile_rank(np.array([1.0, 2.0, 2.0, 4.0]), reverse=True).tolist()
    [1.0, 0.6667, 0.6667, 0.0]
    """
    valid = ~np.isnan(values)
    n = int(valid.sum())
    out = np.full(values.shape, np.nan)
    if n == 0:
        return out
    ranks = pd.Series(values[valid]).rank(method="min").to_numpy()
    pct = (ranks - 1) / (n - 1) if n > 1 else np.zeros(n)
    out[valid] = _round(1 - pct if reverse else pct)
    return out


def svi(table: pd.DataFrame, config: SviConfig) -> pd.DataFrame:
    """Compute every CDC column for the rows of ``table`` (index = id).

    Returns ``EPL_<VAR>``, ``F_<VAR>``, ``SPL_<THEME>``, ``RPL_<THEME>``, ``F_<THEME>``,
    ``SPL_THEMES``, ``RPL_THEMES``, ``F_TOTAL``, with ``-999`` where an input was missing.
    """
    missing_cols = [f"EP_{v}" for v in config.variables if f"EP_{v}" not in table.columns]
    if missing_cols:
        raise ConfigError("input lacks columns: {missing_cols}", missing_cols=missing_cols)
    out: dict[str, np.ndarray] = {}
    spl: dict[str, np.ndarray] = {}
    flags: dict[str, np.ndarray] = {}
    for theme, variables in config.themes.items():
        theme_sum = np.zeros(len(table))
        theme_flags = np.zeros(len(table))
        for var in variables:
            raw = pd.to_numeric(table[f"EP_{var}"], errors="coerce").to_numpy(dtype="float64")
            raw = np.where(raw == MISSING, np.nan, raw)
            epl = percentile_rank(raw, reverse=var in config.lower_is_worse)
            flag = np.where(np.isnan(epl), np.nan, (epl >= FLAG_AT).astype(float))
            out[f"EPL_{var}"], out[f"F_{var}"] = epl, flag
            theme_sum = theme_sum + epl
            theme_flags = theme_flags + flag
        spl[theme] = _round(theme_sum)
        flags[theme] = theme_flags
    for theme in config.themes:
        out[f"SPL_{theme}"] = spl[theme]
        out[f"RPL_{theme}"] = percentile_rank(spl[theme])
        out[f"F_{theme}"] = flags[theme]
    total = _round(np.sum(list(spl.values()), axis=0))
    out["SPL_THEMES"] = total
    out["RPL_THEMES"] = percentile_rank(total)
    out["F_TOTAL"] = np.sum(list(flags.values()), axis=0)
    order = ([f"EPL_{v}" for v in config.variables] + [f"F_{v}" for v in config.variables]
             + [f"{p}_{t}" for t in config.themes for p in ("SPL", "RPL", "F")]
             + ["SPL_THEMES", "RPL_THEMES", "F_TOTAL"])
    result = pd.DataFrame({k: out[k] for k in order}, index=table.index)
    flag_cols = [c for c in result.columns if c.startswith("F_")]
    result[flag_cols] = result[flag_cols].fillna(MISSING).astype("int64")
    return result.fillna(MISSING)
