"""Agreement, change, heat map and weakest factors of the map of social inclusion,
against hand-checked numbers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw.analysis.inclusion import DIMENSIONS, agreement, change, factor_means, heatmap, weakest


def long(rows: list[tuple[int, str, str, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["participant", "factor", "dimension", "score"])


# two participants; they agree on f1, disagree (1 vs 4) on f2 culture and (2 vs 4) f3 policy
SCORES = long([
    (1, "f1", "culture", 3), (2, "f1", "culture", 3), (1, "f1", "practice", 2),
    (2, "f1", "practice", 3), (1, "f1", "policy", 2), (2, "f1", "policy", 2),
    (1, "f2", "culture", 1), (2, "f2", "culture", 4), (1, "f2", "practice", 2),
    (2, "f2", "practice", 2), (1, "f2", "policy", None), (2, "f2", "policy", 1),
    (1, "f3", "culture", 4), (2, "f3", "culture", 4), (1, "f3", "practice", 3),
    (2, "f3", "practice", 4), (1, "f3", "policy", 2), (2, "f3", "policy", 4),
])


def test_agreement_per_factor_and_dimension() -> None:
    a = agreement(SCORES).set_index(["factor", "dimension"])
    assert a.loc[("f2", "culture"), "spread"] == 3 and a.loc[("f2", "culture"), "mean"] == 2.5
    assert a.loc[("f2", "culture"), "std"] == pytest.approx(1.5)
    # a missing answer ("don't know") is left out, and one answer cannot disagree
    assert a.loc[("f2", "policy"), "n"] == 1 and not a.loc[("f2", "policy"), "disagree"]
    flagged = sorted(a.index[a["disagree"]])
    assert flagged == [("f2", "culture"), ("f3", "policy")]
    assert list(agreement(SCORES)["dimension"][:3]) == list(DIMENSIONS)


def test_the_threshold_decides_disagreement() -> None:
    assert agreement(SCORES, threshold=3)["disagree"].sum() == 1
    assert agreement(SCORES, threshold=1)["disagree"].sum() == 4


def test_change_between_rounds() -> None:
    later = SCORES.copy()
    later.loc[later["factor"] == "f1", "score"] += 1
    c = change(SCORES, later).set_index(["factor", "dimension"])
    assert c.loc[("f1", "culture"), "before"] == 3 and c.loc[("f1", "culture"), "after"] == 4
    assert c.loc[("f1", "practice"), "delta"] == pytest.approx(1.0)
    assert (c.loc["f2", "delta"] == 0).all()


def test_change_with_a_factor_in_one_round_only() -> None:
    later = long([(3, "f9", "culture", 2)])
    c = change(SCORES, later).set_index(["factor", "dimension"])
    assert math.isnan(c.loc[("f9", "culture"), "before"])
    assert math.isnan(c.loc[("f1", "culture"), "after"])


def test_heatmap_weighs_every_answer_equally() -> None:
    h = heatmap(SCORES, {"f1": "A", "f2": "A", "f3": "B"})
    assert list(h.index) == ["A", "B"] and list(h.columns) == list(DIMENSIONS)
    assert h.loc["A", "culture"] == pytest.approx((3 + 3 + 1 + 4) / 4)
    assert h.loc["A", "policy"] == pytest.approx((2 + 2 + 1) / 3)
    assert h.loc["B", "practice"] == pytest.approx(3.5)


def test_weakest_factors() -> None:
    w = weakest(SCORES, n=2)
    # f1: (3+3+2+3+2+2)/6 = 2.5; f2: (1+4+2+2+1)/5 = 2.0; f3: 3.5
    assert list(w["factor"]) == ["f2", "f1"]
    np.testing.assert_allclose(w["mean"], [2.0, 2.5])
    assert factor_means(SCORES).loc["f3", "overall"] == pytest.approx(3.5)


def test_ties_are_broken_reproducibly() -> None:
    s = long([(1, "b", "culture", 2), (1, "b", "practice", 2), (1, "a", "culture", 3),
              (1, "a", "practice", 1), (1, "c", "culture", 2), (1, "c", "practice", 2)])
    assert list(weakest(s)["factor"]) == ["a", "b", "c"]


def test_empty_input() -> None:
    empty = long([])
    assert agreement(empty).empty and change(empty, empty).empty and weakest(empty).empty


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="score"):
        agreement(pd.DataFrame({"participant": [1], "factor": ["x"], "dimension": ["culture"]}))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.sampled_from(["f1", "f2", "f3"]),
                          st.sampled_from(DIMENSIONS), st.integers(1, 4)),
                min_size=1, max_size=40))
def test_invariants(rows: list[tuple[int, str, str, int]]) -> None:
    s = long([(p, f, d, float(x)) for p, f, d, x in rows])
    a = agreement(s)
    assert ((a["spread"] >= 0) & (a["spread"] <= 3)).all()
    assert ((a["mean"] >= a["min"]) & (a["mean"] <= a["max"])).all()
    assert (a["disagree"] == ((a["n"] >= 2) & (a["spread"] >= 2))).all()
    assert (change(s, s)["delta"] == 0).all()
    w = weakest(s, n=10)
    assert list(w["mean"]) == sorted(w["mean"])
