import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from opbouw.analysis.flags import FlagRule, cumulation, deprived, flag
from opbouw.analysis.ranking import percentile_rank, quantile_class, rank, zscore

T = pd.DataFrame({"a": [10.0, 30.0, 20.0, 30.0, np.nan],
                  "b": [5.0, 1.0, 3.0, 2.0, 4.0]}, index=list("vwxyz"))
D = {"a": 1, "b": -1}


def test_hand_checked_ranks_with_ties_and_missing() -> None:
    r = rank(T, D)
    assert r["a"].tolist()[:4] == [4.0, 1.0, 3.0, 1.0] and np.isnan(r.at["z", "a"])
    assert r["b"].tolist() == [5.0, 1.0, 3.0, 2.0, 4.0]  # lower is worse
    assert rank(T, D, "average")["a"].tolist()[:4] == [4.0, 1.5, 3.0, 1.5]


def test_percentile_rank_quantiles_zscore() -> None:
    assert percentile_rank(T, D)["a"].tolist()[:4] == pytest.approx([0.0, 2 / 3, 1 / 3, 2 / 3])
    assert quantile_class(T, D, 2)["b"].tolist() == [2, 1, 2, 1, 2]
    z = zscore(T, D)["b"]
    assert z.mean() == pytest.approx(0) and z.std() == pytest.approx(1)
    assert z["w"] > 0  # lowest b is the worst


def test_flag_rules_hand_checked() -> None:
    assert flag(T, D, FlagRule("top_n", n=1))["a"].tolist() == [False, True, False, True, False]
    assert flag(T, D, FlagRule("percentile", p=40))["b"].tolist() == [
        False, True, False, True, False]
    thr = FlagRule("threshold", thresholds={"a": 20, "b": 2})
    assert flag(T, D, thr)["b"].tolist() == [False, True, False, True, False]
    ratio = FlagRule("ratio", reference={"a": 15, "b": 3}, factor=1.5)
    f = flag(T, D, ratio)
    assert f["a"].tolist() == [False, True, False, True, False]  # >= 22.5
    assert f["b"].tolist() == [False, True, False, True, False]  # <= 2
    f.loc["y", "a"] = False
    assert cumulation(f).tolist() == [0, 2, 0, 1, 0]
    assert deprived(f, k=2).tolist() == [False, True, False, False, False]


def test_unknown_rule_and_missing_thresholds_are_clear() -> None:
    with pytest.raises(ValueError, match="percentile"):
        FlagRule("worst")
    with pytest.raises(ValueError, match="b"):
        flag(T, D, FlagRule("threshold", thresholds={"a": 1}))


tables = data_frames([column("a", elements=st.floats(-1e6, 1e6) | st.just(np.nan)),
                      column("b", elements=st.integers(-5, 5).map(float))],
                     index=st.just(pd.RangeIndex(0, 0)) | st.integers(2, 30).map(pd.RangeIndex))


@settings(max_examples=80, deadline=None)
@given(tables, st.sampled_from(["first", "min", "dense"]))
def test_ranks_are_permutations_and_reverse_with_direction(t, ties) -> None:
    r = rank(t, {"a": 1, "b": 1}, ties)
    for col in r:
        valid = r[col].dropna()
        values = t[col].dropna()
        assert list(valid.index) == list(values.index)  # missing stays unranked
        if ties == "first":  # a permutation, equal values in table order
            assert sorted(valid.astype(int)) == list(range(1, len(valid) + 1))
        else:  # 1 + how many values (min) or distinct values (dense) are worse
            worse = [(values > v).sum() if ties == "min" else values[values > v].nunique()
                     for v in values]
            assert valid.astype(int).tolist() == [1 + int(w) for w in worse]
    up, down = rank(t, {"a": 1, "b": 1}, "min"), rank(t, {"a": -1, "b": -1}, "max")
    n = t.notna().sum()
    assert ((up + down - (n + 1)).abs().fillna(0) < 1e-9).all().all()


@settings(max_examples=80, deadline=None)
@given(tables, st.floats(0, 100), st.floats(0, 100), st.integers(0, 30), st.integers(0, 30))
def test_flags_are_monotone_and_counts_bounded(t, p1, p2, n1, n2) -> None:
    lo, hi = sorted((p1, p2))
    a = flag(t, {"a": 1, "b": -1}, FlagRule("percentile", p=lo))
    b = flag(t, {"a": 1, "b": -1}, FlagRule("percentile", p=hi))
    assert not (a & ~b).any().any()
    lo_n, hi_n = sorted((n1, n2))
    a = flag(t, {"a": 1, "b": -1}, FlagRule("top_n", n=lo_n))
    b = flag(t, {"a": 1, "b": -1}, FlagRule("top_n", n=hi_n))
    assert not (a & ~b).any().any()
    ta = flag(t, {"a": 1, "b": -1}, FlagRule("threshold", thresholds={"a": hi, "b": -hi}))
    tb = flag(t, {"a": 1, "b": -1}, FlagRule("threshold", thresholds={"a": lo, "b": -lo}))
    assert not (ta & ~tb).any().any()
    counts = cumulation(b)
    assert ((counts >= 0) & (counts <= 2)).all()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 6).map(float)), min_size=1, max_size=30),
       st.floats(0, 100), st.integers(0, 35), st.sampled_from([1, -1]))
def test_fast_worst_group_equals_the_rank_definition(values, p, n, sign) -> None:
    """flag() selects by partial sort; it must equal 'worst-first min-rank <= limit'."""
    from opbouw.analysis.flags import FlagRule, flag
    from opbouw.analysis.ranking import rank

    table = pd.DataFrame({"a": [np.nan if v is None else v for v in values]})
    r = rank(table, {"a": sign}, "min")["a"]
    n_valid = int(r.notna().sum())
    for rule, limit in ((FlagRule("percentile", p=p), n_valid * p / 100),
                        (FlagRule("top_n", n=n), float(n))):
        expected = (r <= limit).fillna(False).astype(bool).tolist()
        assert flag(table, {"a": sign}, rule)["a"].tolist() == expected
