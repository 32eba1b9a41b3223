"""Small counts hidden or rounded, points blurred to a grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from opbouw.analysis.disclosure import SMALL_COUNT_THRESHOLD, blur_points, protect_counts

counts = st.lists(st.integers(0, 10_000), min_size=1, max_size=50)
thresholds = st.integers(1, 50)


def test_default_threshold_is_five() -> None:
    out = protect_counts(pd.Series([0, 1, 4, 5, 12], index=list("abcde")))
    assert SMALL_COUNT_THRESHOLD == 5
    assert out.index.tolist() == list("abcde")
    assert out.isna().tolist() == [False, True, True, False, False]
    assert out[["a", "d", "e"]].tolist() == [0, 5, 12]


def test_round_mode() -> None:
    out = protect_counts(np.array([0, 1, 2, 3, 7, 8, 12]), mode="round")
    assert out.tolist() == [0, 0, 0, 5, 5, 10, 10]


def test_frames_keep_their_shape() -> None:
    frame = pd.DataFrame({"a": [1, 6], "b": [3, np.nan]}, index=["x", "y"])
    out = protect_counts(frame, threshold=4)
    assert out.shape == (2, 2) and list(out.columns) == ["a", "b"]
    assert out.isna().values.tolist() == [[True, True], [False, True]]


@pytest.mark.parametrize("kwargs", [{"threshold": 0}, {"mode": "nope"}, {"base": 0}])
def test_bad_arguments(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        protect_counts(np.array([1, 2]), **kwargs)


def test_negative_counts_refused() -> None:
    with pytest.raises(ValueError):
        protect_counts(np.array([-1, 2]))


@given(counts, thresholds)
def test_hidden_are_exactly_the_small_positive_counts(values: list[int], t: int) -> None:
    out = protect_counts(np.array(values), threshold=t)
    for v, o in zip(values, out, strict=True):
        if 0 < v < t:
            assert np.isnan(o)
        else:
            assert o == v


@given(counts, thresholds)
def test_rounded_counts_are_multiples_near_the_truth(values: list[int], t: int) -> None:
    out = protect_counts(np.array(values), threshold=t, mode="round")
    assert np.all(out % t == 0)
    assert np.all(np.abs(out - np.array(values)) <= t / 2)
    # no published count lies strictly between 0 and the threshold
    assert not np.any((out > 0) & (out < t))


@given(counts, thresholds)
def test_protection_is_idempotent(values: list[int], t: int) -> None:
    for mode in ("hide", "round"):
        once = protect_counts(np.array(values), threshold=t, mode=mode)
        twice = protect_counts(once, threshold=t, mode=mode)
        assert np.array_equal(once, twice, equal_nan=True)


coord = st.floats(-1000, 1000, allow_nan=False)


@given(st.lists(st.tuples(coord, coord), min_size=1, max_size=30),
       st.sampled_from([0.001, 0.01, 0.5, 1.0, 250.0]))
def test_blurred_points_move_at_most_half_a_cell(points: list, precision: float) -> None:
    x, y = np.array(points).T
    bx, by = blur_points(x, y, precision)
    assert np.all(np.abs(bx - x) <= precision / 2 + 1e-9)
    assert np.all(np.abs(by - y) <= precision / 2 + 1e-9)
    # snapping again keeps the points where they are: one point per cell
    bx2, by2 = blur_points(bx, by, precision)
    assert np.allclose(bx, bx2) and np.allclose(by, by2)


def test_points_in_one_cell_become_one() -> None:
    bx, by = blur_points(np.array([4.4011, 4.4019]), np.array([51.2101, 51.2109]), 0.001)
    assert bx[0] == bx[1] and by[0] == by[1]
    assert bx[0] == pytest.approx(4.4015) and by[0] == pytest.approx(51.2105)


@pytest.mark.parametrize("precision", [0, -1, float("nan"), float("inf")])
def test_bad_precision(precision: float) -> None:
    with pytest.raises(ValueError):
        blur_points(np.array([1.0]), np.array([1.0]), precision)
