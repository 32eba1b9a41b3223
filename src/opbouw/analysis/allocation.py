"""Staff allocation by need: a budget of FTE apportioned over areas in steps of 0.1 FTE.

Apportioning a whole number of units (budget / step) in proportion to need is the problem
of seats in a parliament, and the methods are the ones used there:

- ``sainte-lague`` (Webster; the default): divisor method with divisors s + 1/2. It is
  unbiased between large and small areas and *monotone*: more need never means fewer staff.
- ``dhondt`` (Jefferson): divisors s + 1; favours areas with much need; also monotone.
- ``largest-remainder`` (Hamilton): everyone gets the integer part of their quota and the
  remaining units go to the largest fractions. It can show the "Alabama paradox" when the
  budget changes, which is why it is not the default.

Constraints: a minimum and maximum per area, and existing commitments (``fixed``) that
stay, i.e. are a lower bound. Divisor methods honour the bounds exactly by starting every
area at its lower bound and adding units one at a time to the highest quotient among the
areas below their maximum (the bounded divisor method); the result always sums exactly to
the budget.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from opbouw.errors import ConfigError
from opbouw.model.indicators import Catalogue, Direction

__all__ = ["ALLOCATION_METHODS", "AllocationError", "allocate", "compare_allocation",
           "default_need", "need_points_the_wrong_way", "select_areas",
           "scenarios"]

ALLOCATION_METHODS = ("sainte-lague", "dhondt", "largest-remainder")


def need_points_the_wrong_way(key: str, catalogue: Catalogue) -> bool:
    """Whether ``key`` cannot measure need: its catalogue direction is "higher is better"
    (lower is worse), so dividing staff in proportion to it gives more to areas that are
    better off (an income per resident). Unknown indicators are the user's call."""
    return key in catalogue and catalogue.get(key).direction is Direction.LOWER_IS_WORSE


def default_need(keys: Sequence[str], catalogue: Catalogue) -> str | None:
    """The need a staff allocation starts from among ``keys``: the first count (a number of
    people or cases) that does not point the wrong way, else the first "higher is worse"
    indicator, else the first that does not point the wrong way; None when every one does."""
    fit = [k for k in keys if not need_points_the_wrong_way(k, catalogue)]
    counts = [k for k in fit if k in catalogue and catalogue.get(k).unit == "count"]
    worse = [k for k in fit
             if k in catalogue and catalogue.get(k).direction is Direction.HIGHER_IS_WORSE]
    for found in (counts, worse, fit):
        if found:
            return found[0]
    return None


class AllocationError(ConfigError):
    """The constraints cannot be met (budget too small or too large for the bounds)."""


MAX_UNITS = 1_000_000
"""At most this many steps in a budget (budget / step): finer grains are refused."""


def _check_numbers(budget: float, step: float, minimum: float, maximum: float | None) -> None:
    """Ranges of the numeric options: refuse what cannot be meant (negative staff, an
    infinite budget, a step so fine that the apportionment would run for minutes)."""
    for name, value in (("budget", budget), ("step", step), ("minimum", minimum),
                        ("maximum", maximum)):
        if value is not None and not math.isfinite(value):
            raise AllocationError(f"the {name} must be a finite number, got {value!r}")
    if budget <= 0:
        raise AllocationError(f"the budget must be positive, got {budget:g}")
    if step <= 0:
        raise AllocationError("the step must be positive")
    if minimum < 0 or (maximum is not None and maximum < 0):
        raise AllocationError("the minimum and maximum FTE per area must be 0 or more")
    if budget / step > MAX_UNITS:
        raise AllocationError(f"a budget of {budget:g} FTE in steps of {step:g} makes more than "
                              f"{MAX_UNITS:,} steps; use a larger step")


def _units(amount: float, step: float, how: str) -> int:
    x = amount / step
    if how == "exact":
        r = round(x)
        if abs(r - x) > 1e-6:
            raise AllocationError(f"{amount:g} FTE is not a multiple of the step {step:g}; "
                                  f"choose a step that divides it (e.g. 0.05 or 0.01)")
        return int(r)
    return int(math.ceil(x - 1e-9)) if how == "up" else int(math.floor(x + 1e-9))


def _bounds(need: pd.Series, step: float, minimum: float, maximum: float | None,
            fixed: pd.Series | None, total: int) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(len(need), _units(minimum, step, "up"), dtype=np.int64)
    if fixed is not None:
        f = pd.to_numeric(fixed.reindex(need.index), errors="coerce").fillna(0.0).to_numpy()
        lo = np.maximum(lo, [_units(v, step, "up") for v in f])
    hi = np.full(len(need), total if maximum is None else _units(maximum, step, "down"),
                 dtype=np.int64)
    bad = np.flatnonzero(lo > hi)
    if len(bad):
        raise AllocationError(f"area {need.index[bad[0]]}: its commitment or minimum "
                              f"exceeds the maximum")
    if lo.sum() > total:
        raise AllocationError(f"the minimums and commitments need {lo.sum() * step:g} FTE, "
                              f"more than the budget of {total * step:g} FTE")
    if hi.sum() < total:
        raise AllocationError(f"the maximums allow only {hi.sum() * step:g} FTE, "
                              f"less than the budget of {total * step:g} FTE")
    return lo, hi


def _divisor(need: np.ndarray, lo: np.ndarray, hi: np.ndarray, total: int,
             offset: float) -> np.ndarray:
    seats = lo.copy()
    heap = []
    for i in range(len(need)):
        if seats[i] < hi[i]:
            heap.append((-need[i] / (seats[i] + offset), -need[i], i))
    heapq.heapify(heap)
    for _ in range(total - int(seats.sum())):
        _, neg, i = heapq.heappop(heap)
        seats[i] += 1
        if seats[i] < hi[i]:
            heapq.heappush(heap, (-need[i] / (seats[i] + offset), neg, i))
    return seats


def _largest_remainder(need: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                       total: int) -> np.ndarray:
    quota = need / need.sum() * total if need.sum() > 0 else np.zeros(len(need))

    def clipped_quota(scale: float) -> np.ndarray:
        # each area's scaled quota within its minimum and maximum; scale is searched so
        # that the clipped quotas add up to the total
        return np.clip(scale * quota, lo, hi)

    low, high = 0.0, 1.0
    while clipped_quota(high).sum() < total and high < 1e12:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if clipped_quota(mid).sum() < total:
            low = mid
        else:
            high = mid
    share = clipped_quota(high)
    seats = np.clip(np.floor(share + 1e-9).astype(np.int64), lo, hi)
    rest = total - int(seats.sum())
    order = sorted(range(len(need)), key=lambda i: (-(share[i] - seats[i]), -need[i], i))
    for i in order:
        if rest <= 0:
            break
        if seats[i] < hi[i]:
            seats[i] += 1
            rest -= 1
    if rest:
        for i in order:
            while rest > 0 and seats[i] < hi[i]:
                seats[i] += 1
                rest -= 1
    return seats


def allocate(need: pd.Series, budget: float, step: float = 0.1, minimum: float = 0.0,
             maximum: float | None = None, fixed: pd.Series | None = None,
             method: str = "sainte-lague") -> pd.Series:
    """FTE per area summing exactly to ``budget``, in multiples of ``step``.

    >>> allocate(pd.Series({"a": 3.0, "b": 1.0}), budget=2.0).tolist()
    [1.5, 0.5]
    """
    if method not in ALLOCATION_METHODS:
        raise AllocationError(f"unknown method {method!r}; choose one of "
                              f"{', '.join(ALLOCATION_METHODS)}")
    _check_numbers(budget, step, minimum, maximum)
    values = pd.to_numeric(need, errors="coerce")
    if values.isna().any() or (values < 0).any():
        bad = values.index[values.isna() | (values < 0)][0]
        raise AllocationError(f"area {bad}: need must be a number >= 0")
    total = _units(budget, step, "exact")
    lo, hi = _bounds(values, step, minimum, maximum, fixed, total)
    arr = values.to_numpy(dtype=float)
    if arr.sum() == 0 and lo.sum() < total:
        raise AllocationError("no area has any need: there is nothing to apportion by")
    if method == "largest-remainder":
        seats = _largest_remainder(arr, lo, hi, total)
    else:
        seats = _divisor(arr, lo, hi, total, 0.5 if method == "sainte-lague" else 1.0)
    decimals = max(0, -int(math.floor(math.log10(step) + 1e-9)))
    return pd.Series(np.round(seats * step, decimals), index=need.index, name="fte")


def compare_allocation(fte: pd.Series, need: pd.Series,
                       current: pd.Series | None = None) -> pd.DataFrame:
    """The allocation next to the need, the exact proportional quota and the gap
    with the current staff (positive: the area should get more)."""
    out = pd.DataFrame({"need": need, "fte": fte})
    total_need = float(need.sum())
    out["quota"] = need / total_need * float(fte.sum()) if total_need else np.nan
    if current is not None:
        out["current"] = pd.to_numeric(current.reindex(out.index), errors="coerce")
        out["gap"] = (out["fte"] - out["current"].fillna(0.0)).round(6)
    return out


def scenarios(needs: Mapping[str, pd.Series], budgets: Mapping[str, float],
              **options: object) -> pd.DataFrame:
    """What-if: one column of FTE per (need measure, budget) pair, side by side."""
    columns = {}
    for need_name, need in needs.items():
        for budget_name, budget in budgets.items():
            columns[f"{need_name} / {budget_name}"] = allocate(need, budget, **options)  # type: ignore[arg-type]
    return pd.DataFrame(columns)


def select_areas(need: pd.Series, budget: float, minimum: float, step: float = 0.05,
                 maximum: float | None = None, method: str = "sainte-lague",
                 ) -> pd.DataFrame:
    """Selection mode (seed 004): the areas with the highest need get staff, each at least
    ``minimum`` FTE, as many as the budget allows; the budget is then apportioned by need
    over the selected areas. Ties in need are broken by code (stated in ``reason``).

    Returns ``fte`` (0 for areas not selected), ``selected``, ``order`` and ``reason``.

    >>> select_areas(pd.Series({"a": 5.0, "b": 3.0, "c": 1.0}), 2.0, 1.0).fte.tolist()
    [1.0, 1.0, 0.0]
    """
    _check_numbers(budget, step, minimum, maximum)
    if minimum <= 0:
        raise AllocationError("selection needs a minimum FTE per selected area above 0")
    values = pd.to_numeric(need, errors="coerce")
    if values.isna().any() or (values < 0).any():
        bad = values.index[values.isna() | (values < 0)][0]
        raise AllocationError(f"area {bad}: need must be a number >= 0")
    order = sorted(values.index, key=lambda c: (-values[c], str(c)))
    places = int(math.floor(budget / minimum + 1e-9))
    chosen = [c for c in order[:places] if values[c] > 0]
    if not chosen:
        raise AllocationError(f"the budget of {budget:g} FTE does not cover one area at the "
                              f"minimum of {minimum:g} FTE")
    fte = allocate(values[chosen], budget, step=step, minimum=minimum, maximum=maximum,
                   method=method)
    out = pd.DataFrame({"need": values, "fte": 0.0, "selected": False}, index=values.index)
    out.loc[chosen, "fte"] = fte
    out.loc[chosen, "selected"] = True
    out["order"] = [order.index(c) + 1 for c in out.index]
    reasons = []
    last = values[chosen[-1]]
    for c in out.index:
        if c in chosen:
            tie = (values == values[c]).sum() > 1
            reasons.append("selected" + (" (tie in need, by code)" if tie else ""))
        elif values[c] == last:
            reasons.append("not selected: same need as the last selected area, "
                           "after it by code; the budget was spent")
        else:
            reasons.append("not selected: lower need; the budget was spent")
    out["reason"] = reasons
    return out.sort_values("order")
