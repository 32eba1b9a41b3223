"""Small numbers and precise places: statistical disclosure control for exports.

Counts of people below a threshold can identify someone in a small area; exact points can
identify a home. These functions hide or round such counts and snap points to a grid before
anything leaves the system. Pure functions on arrays and tables, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from opbouw.errors import ConfigError

#: counts of people below this are hidden (the common rule of statistical offices)
SMALL_COUNT_THRESHOLD = 5
#: grid size of blurred points, in the units of the coordinates (degrees: ~100 m)
POINT_PRECISION = 0.001
#: grid size (metres) to which every exported location of a person or a place people
#: described is blurred (see ``opbouw.analysis.places.blur_point``)
EXPORT_PRECISION_M = 100

Mode = Literal["hide", "round"]


def protect_counts(counts: pd.Series | pd.DataFrame | np.ndarray,
                   threshold: int = SMALL_COUNT_THRESHOLD, mode: Mode = "hide",
                   base: int | None = None) -> pd.Series | pd.DataFrame | np.ndarray:
    """Counts with every value from 1 to ``threshold - 1`` hidden (NaN) or rounded.

    ``hide`` leaves zeros and counts at or above the threshold as they are. ``round`` rounds
    every count to a multiple of ``base`` (default: the threshold), so small counts become 0
    or ``base`` and differences between tables cannot reveal them either. NaN stays NaN.
    Returns floats of the same shape and type.
    """
    if threshold < 1:
        raise ConfigError("threshold must be at least 1, not {threshold}", threshold=threshold)
    if mode not in ("hide", "round"):
        raise ConfigError("mode must be 'hide' or 'round', not {mode!r}", mode=mode)
    base = threshold if base is None else base
    if base < 1:
        raise ConfigError("base must be at least 1, not {base}", base=base)
    values = np.asarray(counts, dtype=float)
    if np.any(values[~np.isnan(values)] < 0):
        raise ConfigError("counts cannot be negative")
    if mode == "hide":
        small = (values > 0) & (values < threshold)
        out = np.where(small, np.nan, values)
    else:
        # round half up, so 2.5 -> 5 with base 5: never round a small count down to
        # zero when it is at least half the base
        out = np.floor(values / base + 0.5) * base
    if isinstance(counts, pd.Series):
        return pd.Series(out, index=counts.index, name=counts.name)
    if isinstance(counts, pd.DataFrame):
        return pd.DataFrame(out, index=counts.index, columns=counts.columns)
    return out


def blur_points(x: np.ndarray, y: np.ndarray, precision: float = POINT_PRECISION
                ) -> tuple[np.ndarray, np.ndarray]:
    """Snap points to the centre of the grid cell of size ``precision`` they fall in.

    Every point moves at most half a cell in each direction, and all points in one cell
    become the same point.
    """
    if not precision > 0 or not np.isfinite(precision):
        raise ConfigError("precision must be a positive number, not {precision}",
                          precision=precision)
    xs = np.asarray(x, dtype=float)
    ys = np.asarray(y, dtype=float)
    return ((np.floor(xs / precision) + 0.5) * precision,
            (np.floor(ys / precision) + 0.5) * precision)


#: the same rule for a count of signals or people in one cell of an overview
MIN_COUNT = SMALL_COUNT_THRESHOLD


def suppress_value(count: int, threshold: int = MIN_COUNT) -> int | None:
    """``count``, or ``None`` when it is positive but below ``threshold`` (zero stays zero).

    >>> suppress_value(3), suppress_value(0), suppress_value(12)
    (None, 0, 12)
    """
    return None if 0 < count < threshold else count


def suppress(counts: Mapping[str, int], threshold: int = MIN_COUNT) -> dict[str, int | None]:
    """Every count of ``counts`` through :func:`suppress_value`, order kept.

    >>> suppress({"wonen": 12, "werk": 3, "onderwijs": 0}, 5)
    {'wonen': 12, 'werk': None, 'onderwijs': 0}
    """
    return {k: suppress_value(v, threshold) for k, v in counts.items()}
