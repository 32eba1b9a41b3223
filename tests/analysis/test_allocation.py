"""Staff allocation: exact sums, constraints, monotonicity (property tests)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw.analysis.allocation import (
    ALLOCATION_METHODS,
    AllocationError,
    allocate,
    compare_allocation,
    scenarios,
)

needs = st.lists(st.floats(0, 1000, allow_nan=False), min_size=2, max_size=12).filter(
    lambda xs: sum(xs) > 0)


def units(s: pd.Series, step: float = 0.1) -> int:
    return int(round(s.sum() / step))


@settings(max_examples=150, deadline=None)
@given(needs, st.integers(1, 400), st.sampled_from(ALLOCATION_METHODS),
       st.integers(0, 3), st.integers(0, 20))
def test_sums_exactly_and_respects_bounds(need: list[float], budget_units: int, method: str,
                                          min_units: int, extra: int) -> None:
    n = len(need)
    series = pd.Series(need, index=[f"a{i}" for i in range(n)])
    budget = budget_units / 10
    minimum = min_units / 10
    maximum = minimum + (budget_units // n) / 10 + extra / 10 + 0.1
    fixed = pd.Series({"a0": min(maximum, minimum + 0.2)})
    try:
        fte = allocate(series, budget, minimum=minimum, maximum=maximum, fixed=fixed,
                       method=method)
    except AllocationError:
        lo = max(minimum, float(fixed["a0"])) + minimum * (n - 1)
        assert lo > budget + 1e-9 or maximum * n < budget - 1e-9
        return
    assert units(fte) == budget_units
    assert (fte >= minimum - 1e-9).all() and (fte <= maximum + 1e-9).all()
    assert fte["a0"] >= fixed["a0"] - 1e-9
    assert all(abs(v * 10 - round(v * 10)) < 1e-9 for v in fte)


@settings(max_examples=200, deadline=None)
@given(needs, st.integers(1, 300), st.sampled_from(["sainte-lague", "dhondt"]),
       st.data())
def test_more_need_never_means_less_staff(need: list[float], budget_units: int, method: str,
                                          data: st.DataObject) -> None:
    series = pd.Series(need, index=[f"a{i}" for i in range(len(need))])
    i = data.draw(st.integers(0, len(need) - 1))
    more = series.copy()
    more.iloc[i] += data.draw(st.floats(0.001, 500))
    before = allocate(series, budget_units / 10, method=method)
    after = allocate(more, budget_units / 10, method=method)
    assert after.iloc[i] >= before.iloc[i]


@settings(max_examples=100, deadline=None)
@given(needs, st.integers(1, 300), st.sampled_from(["sainte-lague", "dhondt"]))
def test_a_bigger_budget_never_takes_staff_away(need: list[float], budget_units: int,
                                                method: str) -> None:
    series = pd.Series(need, index=[f"a{i}" for i in range(len(need))])
    small = allocate(series, budget_units / 10, method=method)
    big = allocate(series, (budget_units + 1) / 10, method=method)
    assert (big >= small).all()


def test_hand_checked_sainte_lague() -> None:
    # quotients 120/0.5, 40/0.5, 120/1.5, 10/0.5, ... : seven units go 4 / 2 / 1 ... by hand
    need = pd.Series({"A": 120.0, "B": 40.0, "C": 10.0})
    assert allocate(need, 0.7, method="sainte-lague").tolist() == [0.5, 0.2, 0.0]
    assert allocate(need, 0.7, method="dhondt").tolist() == [0.6, 0.1, 0.0]
    assert allocate(need, 0.7, method="largest-remainder").tolist() == [0.5, 0.2, 0.0]


def test_gap_against_the_current_allocation() -> None:
    need = pd.Series({"A": 3.0, "B": 1.0})
    out = compare_allocation(allocate(need, 4.0), need, pd.Series({"A": 2.0, "B": 2.0}))
    assert out["gap"].tolist() == [1.0, -1.0]


def test_impossible_constraints_are_explained() -> None:
    need = pd.Series({"A": 1.0, "B": 1.0})
    with pytest.raises(AllocationError, match="more than the budget"):
        allocate(need, 1.0, minimum=0.6)
    with pytest.raises(AllocationError, match="less than the budget"):
        allocate(need, 3.0, maximum=1.0)
    with pytest.raises(AllocationError, match="not a multiple"):
        allocate(need, 1.05)
    with pytest.raises(AllocationError, match="need must be"):
        allocate(pd.Series({"A": -1.0}), 1.0)


def test_scenarios_side_by_side() -> None:
    out = scenarios({"pop": pd.Series({"A": 1.0, "B": 1.0}), "k": pd.Series({"A": 3.0, "B": 1.0})},
                    {"10": 1.0, "20": 2.0})
    assert list(out.columns) == ["pop / 10", "pop / 20", "k / 10", "k / 20"]
    assert out["k / 20"].tolist() == [1.5, 0.5]


def test_the_default_need_is_a_count_never_an_income(catalogue) -> None:
    from opbouw.analysis.allocation import default_need, need_points_the_wrong_way

    keys = ["income_per_inhabitant", "unemployment_pressure", "residents"]
    assert default_need(keys, catalogue) == "residents"
    assert default_need(keys[:2], catalogue) == "unemployment_pressure"
    assert default_need(keys[:1], catalogue) is None
    assert need_points_the_wrong_way("income_per_inhabitant", catalogue)
    assert not need_points_the_wrong_way("residents", catalogue)
    assert not need_points_the_wrong_way("not_in_the_catalogue", catalogue)
