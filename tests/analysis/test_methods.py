import numpy as np
import pandas as pd
import pytest

from opbouw.analysis.explain import explain
from opbouw.analysis.flags import FlagRule
from opbouw.analysis.methods import (
    METHODS,
    AtlasConfig,
    MostOftenConfig,
    ScoreConfig,
    run_method,
)
from opbouw.analysis.methods.most_often import level_breaks
from opbouw.analysis.typology import cluster_types, combinations
from opbouw.analysis.uncertainty import UncertaintyConfig, monte_carlo
from opbouw.errors import UnknownMethodError

rng = np.random.default_rng(4)
T = pd.DataFrame(rng.random((30, 5)), columns=list("abcde"),
                 index=[f"{i:05d}" for i in range(30)])
D = {c: 1 for c in T.columns}


def test_atlas_deprived_from_k_conditions() -> None:
    t = pd.DataFrame({"a": [9, 1, 1, 1, 1], "b": [9, 1, 1, 1, 2], "c": [9, 9, 1, 1, 1],
                      "d": [9, 9, 1, 1, 1]}, index=list("vwxyz"), dtype=float)
    res = run_method("atlas", t, dict.fromkeys(t, 1), AtlasConfig(FlagRule("top_n", n=1), k=4))
    assert res.table["score"].tolist() == [4, 2, 0, 0, 0]
    assert res.table["flag"].tolist() == [True, False, False, False, False]
    text = explain("v", res, t, dict.fromkeys(t, 1), "Ronse").summary
    assert text.startswith("Ronse is achtergesteld: 4 van 4 condities")


def test_score_0_to_k_high_scores() -> None:
    res = run_method("score", T, D, ScoreConfig(FlagRule("percentile", p=20)))
    assert res.details["high_from"] == 3 and res.table["score"].between(0, 5).all()
    assert res.table["flag"].equals(res.table["score"] >= 3)
    assert int(res.details["distribution"].sum()) == 30


def test_most_often_counts_tie_rule_and_break() -> None:
    t = pd.DataFrame({"a": [5, 4, 3, 2, 1], "b": [4, 5, 3, 2, 1], "c": [1, 2, 5, 4, 3]},
                     index=list("vwxyz"), dtype=float)
    res = run_method("top-n", t, dict.fromkeys(t, 1), MostOftenConfig(n=2, show=5, classes=2))
    # ranks (1 = highest): a v1 w2 x3 y4 z5; b w1 v2 x3 y4 z5; c x1 y2 z3 w4 v5
    # top-2 counts: v 2, w 2, x 1, y 1, z 0. Tie rule, lower mean rank first:
    # w (2+1+4)/3 = 2.33 before v (1+2+5)/3 = 2.67; x 7/3 before y 10/3
    assert res.table.loc[list("vwxyz"), "score"].tolist() == [2, 2, 1, 1, 0]
    assert res.table.loc[list("vwxy"), "mean_rank"].tolist() == pytest.approx(
        [8 / 3, 7 / 3, 7 / 3, 10 / 3])
    assert res.table.sort_values("rank").index.tolist() == ["w", "v", "x", "y", "z"]
    assert res.details["breaks"] == [2]


def test_most_often_equal_count_and_mean_rank_go_by_code() -> None:
    # b and a mirror each other: one top-1 place each, mean rank 1.5 each
    t = pd.DataFrame({"i": [2.0, 1.0], "j": [1.0, 2.0]}, index=["b", "a"])
    res = run_method("top-n", t, dict.fromkeys(t, 1), MostOftenConfig(n=1, show=2, classes=2))
    assert res.table["score"].tolist() == [1, 1]
    assert res.table.sort_values("rank").index.tolist() == ["a", "b"]


def test_level_break_like_the_document() -> None:
    counts = np.array([11, 10, 10, 9, 9, 9, 8, 8, 8, 8, 7, 7, 7, 7, 3, 3, 2, 2, 2, 2])
    assert level_breaks(counts, 2) == [14]


def test_unknown_method_lists_valid() -> None:
    with pytest.raises(UnknownMethodError, match="atlas, composite, score, svi, top-n"):
        run_method("magic", T, D)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_every_method_has_the_uniform_shape(name) -> None:
    res = run_method(name, T, D)
    assert {"score", "rank", "flag"} <= set(res.table.columns)
    assert res.table["rank"].min() == 1


def test_typologies() -> None:
    flags = pd.DataFrame({"a": [1, 1, 0, 1], "b": [1, 1, 0, 0], "c": [0, 0, 1, 1]},
                         index=list("wxyz")).astype(bool)
    combos = combinations(flags)
    assert combos.iloc[0][["combination", "areas"]].tolist() == ["a + b", 2]
    fam = combinations(flags, groups={"a": "F1", "b": "F1", "c": "F2"})
    assert set(fam["combination"]) == {"F1", "F2", "F1 + F2"}
    types = cluster_types(T, list(T.index[:10]), n_types=2, seed=1)
    assert sum(len(t.codes) for t in types) == 10 and types[0].description.startswith("Type 1")


def test_monte_carlo_is_reproducible_and_bounded() -> None:
    cfg = UncertaintyConfig(draws=200, seed=3, top=5)
    a, b = monte_carlo(T, D, cfg), monte_carlo(T, D, cfg)
    pd.testing.assert_frame_equal(a.areas, b.areas)
    assert (a.areas["rank_p5"] <= a.areas["median_rank"]).all()
    assert (a.areas["median_rank"] <= a.areas["rank_p95"]).all()
    assert a.areas["share_top"].sum() == pytest.approx(5.0)
    assert a.areas["share_deprived"].between(0, 1).all()
    assert set(a.sensitivity["choice"]) >= {"normalisation", "p", "k", "weight:a"}


def test_monte_carlo_with_one_choice_has_no_spread() -> None:
    t = pd.DataFrame({"a": np.arange(10.0)})
    res = monte_carlo(t, {"a": 1}, UncertaintyConfig(draws=20, normalisations=("minmax",)))
    assert (res.areas["rank_p5"] == res.areas["rank_p95"]).all()
    assert res.areas["median_rank"].tolist() == list(range(10, 0, -1))


def test_explanation_has_no_nested_brackets_and_dutch_decimals() -> None:
    t = pd.DataFrame({"a": [9.5, 1, 1, 1, 1], "b": [9, 1, 1, 1, 2]}, index=list("vwxyz"),
                     dtype=float)
    res = run_method("atlas", t, dict.fromkeys(t, 1), AtlasConfig(FlagRule("top_n", n=1), k=1))
    text = explain("v", res, t, dict.fromkeys(t, 1), "Ronse").summary
    depth, deepest = 0, 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        deepest = max(deepest, depth)
    assert deepest == 1, text
    assert "9,5 (rang 1/5)" in text
    from opbouw.analysis.methods import method_config

    comp = run_method("composite", t, dict.fromkeys(t, 1), method_config("composite", {"n": 1}))
    summary = explain("w", comp, t, dict.fromkeys(t, 1), "Wetteren").summary
    import re

    score = re.search(r"score (\S+), rang", summary)
    assert score is not None and "." not in score.group(1), summary
