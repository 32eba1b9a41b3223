"""Trends across years and municipal mergers."""

from __future__ import annotations

import pandas as pd
import pytest

from opbouw.analysis.trends import harmonise, rank_changes, successor_map
from opbouw.data.mergers import load_mergers
from opbouw.model.indicators import Direction, Indicator


def test_shipped_mergers_chain_2018_codes_to_2025() -> None:
    mergers = load_mergers()
    succ = successor_map(mergers, ["44049", "44011", "44043", "11002", "44021"], 2025)
    # Nevele went into Deinze in 2019; Merelbeke into Merelbeke-Melle in 2025
    assert succ.tolist() == ["44083", "44083", "44088", "11002", "44021"]
    assert successor_map(mergers, ["44043"], 2024).tolist() == ["44043"]
    # 308 Flemish municipalities before 2019, 300 from 2019, 285 from 2025
    assert mergers.query("year == 2019")["old_code"].nunique() \
        - mergers.query("year == 2019")["new_code"].nunique() == 8


def test_merged_areas_are_added_up_untouched_keep_their_values() -> None:
    mergers = pd.DataFrame({"year": [2025, 2025], "old_code": ["a", "b"],
                            "new_code": ["ab", "ab"]})
    inds = {"n": Indicator("n", "n", "n", "count", Direction.HIGHER_IS_WORSE),
            "d": Indicator("d", "d", "d", "count", Direction.HIGHER_IS_WORSE),
            "s": Indicator("s", "s", "s", "percent", Direction.HIGHER_IS_WORSE,
                           numerator="n", denominator="d")}
    values = pd.DataFrame([("a", "n", 2020, 1.0), ("a", "d", 2020, 10.0), ("a", "s", 2020, 10.0),
                           ("b", "n", 2020, 9.0), ("b", "d", 2020, 30.0), ("b", "s", 2020, 30.0),
                           ("c", "s", 2020, 12.345)],
                          columns=["code", "indicator", "year", "value"])
    out = harmonise(values, mergers, 2025, inds).values.set_index(["code", "indicator"])["value"]
    # by hand: the merged share is a ratio of the summed counts, (1 + 9) / (10 + 30) = 25 %,
    # not the mean of the shares 10 % and 30 % (which happens to be 20 %)
    assert out[("ab", "s")] == pytest.approx(25.0)
    assert out[("c", "s")] == 12.345
    assert ("a", "s") not in out.index


def test_rank_changes_top_n_and_deprivation() -> None:
    scores = pd.DataFrame({2010: [5.0, 4.0, 3.0, 1.0], 2020: [1.0, 4.0, 3.0, 5.0]},
                          index=["w", "x", "y", "z"])
    dep = pd.DataFrame({2010: [True, False, False, False], 2020: [False, False, False, True]},
                       index=scores.index)
    out = rank_changes(scores, top_n=2, deprived=dep)
    assert out.at["z", "change"] == 3 and out.at["w", "change"] == -3
    assert out.at["z", "top"] == "entered" and out.at["w", "top"] == "left"
    assert out.at["x", "top"] == "stayed"
    assert out.at["z", "deprived"] == "became" and out.at["w", "deprived"] == "no_longer"
