"""Adding up levels from numerators and denominators, and deprivation averaged away."""

from __future__ import annotations

import pandas as pd
import pytest

from opbouw.analysis.hierarchy import aggregate_values, ancestor_at, averaged_away
from opbouw.analysis.working_areas import compare_working_areas
from opbouw.model.indicators import Direction, Indicator


def ind(key: str, unit: str, num: str | None = None, den: str | None = None) -> Indicator:
    return Indicator(key, key, key, unit, Direction.HIGHER_IS_WORSE, numerator=num,
                     denominator=den)


INDS = {"jobless": ind("jobless", "count"), "labour": ind("labour", "count"),
        "rate": ind("rate", "percent", "jobless", "labour"),
        "median": ind("median", "eur")}


def long(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame([(c, i, 2024, v) for c, i, v in rows],
                        columns=["code", "indicator", "year", "value"])


def test_shares_are_ratios_of_sums_not_averages() -> None:
    values = long([("a", "jobless", 5), ("a", "labour", 10), ("a", "rate", 50.0),
                   ("b", "jobless", 100), ("b", "labour", 1000), ("b", "rate", 10.0)])
    result = aggregate_values(values, {"a": "P", "b": "P"}, INDS)
    got = result.values.set_index("indicator")["value"]
    assert got["rate"] == pytest.approx(105 / 1010 * 100)  # 10.4 %, not 30 %
    assert got["jobless"] == 105 and got["labour"] == 1010
    assert result.rules["rate"] == "ratio_of_sums"


def test_values_without_counts_are_population_weighted_and_say_so() -> None:
    values = long([("a", "median", 10.0), ("b", "median", 20.0)])
    result = aggregate_values(values, {"a": "P", "b": "P"}, INDS,
                              pd.Series({"a": 100.0, "b": 300.0}))
    # by hand: (10 x 100 + 20 x 300) / (100 + 300) = 7000 / 400 = 17.5
    assert result.values["value"].iat[0] == pytest.approx(17.5)
    assert result.rules["median"] == "population_weighted_mean"


def test_a_parent_with_a_missing_child_gets_no_value() -> None:
    values = long([("a", "jobless", 5), ("c", "jobless", 1)])
    result = aggregate_values(values, {"a": "P", "b": "P", "c": "Q"}, INDS)
    assert list(result.values["code"]) == ["Q"]
    assert result.incomplete.to_dict("records") == [
        {"code": "P", "indicator": "jobless", "year": 2024, "missing_members": 1}]


def test_ancestor_walks_several_levels() -> None:
    frame = pd.DataFrame({"level": ["statistical_sector", "sub_municipality", "municipality"],
                          "parent": ["D", "M", pd.NA]}, index=["S", "D", "M"])
    assert ancestor_at(frame, "municipality").tolist() == ["M", "M", "M"]
    assert ancestor_at(frame, "sub_municipality").tolist()[:2] == ["D", "D"]


def test_one_deprived_child_in_a_parent_that_is_not() -> None:
    child = pd.Series({"x1": True, "x2": False, "y1": True})
    parent = pd.Series({"X": False, "Y": True})
    parent_of = pd.Series({"x1": "X", "x2": "X", "y1": "Y"})
    pop = pd.Series({"x1": 250.0, "x2": 750.0, "y1": 100.0})
    result = averaged_away(child, parent, parent_of, pop)
    assert list(result.areas.index) == ["x1"]
    assert result.areas.at["x1", "share_of_parent"] == pytest.approx(25.0)
    assert result.parents.at["X", "share_hidden"] == pytest.approx(25.0)


def test_working_areas_compared() -> None:
    highest = pd.Series({"a": True, "b": True, "c": False, "d": True})
    wa = pd.Series({"a": "W1", "b": "W1", "c": "W2", "d": "W2"})
    out = compare_working_areas(highest, wa, pd.Series({"a": 10, "b": 10, "c": 10, "d": 30}),
                                pd.Series({"W1": 4.0, "W2": 3.0}))
    assert out.at["W1", "highest"] == 2 and out.at["W2", "highest"] == 1
    assert out.at["W1", "share_of_highest"] == pytest.approx(200 / 3)
    assert out.at["W1", "fte_per_highest"] == pytest.approx(2.0)
    assert out.at["W2", "share_population_in_highest"] == pytest.approx(75.0)


def test_demo_municipalities_inside_provinces() -> None:
    from opbouw.analysis.flags import FlagRule
    from opbouw.analysis.methods import AtlasConfig, run_method
    from opbouw.data.demo import load_demo
    from opbouw.model.indicators import load_catalogue

    ds, cat = load_demo(), load_catalogue()
    frame = ds.areas.frame
    up = ancestor_at(frame, "province")
    munis = frame.index[frame["level"] == "municipality"]
    inds = {k: cat.get(k) for k in ds.values["indicator"].unique()}
    agg = aggregate_values(ds.values[ds.values["code"].isin(munis)], up.reindex(munis).dropna(),
                           inds, frame["population"])
    provinces = agg.values[agg.values["year"] == 2013].pivot(
        index="code", columns="indicator", values="value")
    # East Flanders' residents are the sum of its municipalities'
    residents = ds.values.query("indicator == 'residents' and year == 2013").set_index("code")
    east = munis[up.reindex(munis).eq("40000").fillna(False).to_numpy()]
    assert provinces.at["40000", "residents"] == residents.loc[east, "value"].sum()
    keys = ["zero_income_share", "income_per_inhabitant"]
    dirs = {"zero_income_share": 1, "income_per_inhabitant": -1}
    cfg = AtlasConfig(FlagRule(p=20), 2)
    mres = run_method("atlas", ds.wide(2013, keys).loc[lambda t: t.index.isin(munis)], dirs, cfg)
    pres = run_method("atlas", provinces[keys], dirs, cfg)
    hidden = averaged_away(mres.table["flag"], pres.table["flag"], up, frame["population"])
    assert len(hidden.areas) > 0
    assert not pres.table["flag"].reindex(hidden.areas["parent"]).any()


def test_aggregate_values_keeps_values_without_a_year() -> None:
    """A single-year file has no year column: its values are added up all the same."""
    import pandas as pd

    from opbouw.analysis.hierarchy import aggregate_values

    values = pd.DataFrame({"code": ["a1", "a2", "b1"], "indicator": ["n", "n", "n"],
                           "year": pd.array([pd.NA, pd.NA, pd.NA], dtype="Int64"),
                           "value": [1.0, 2.0, 5.0]})
    out = aggregate_values(values, {"a1": "A", "a2": "A", "b1": "B"}, {}).values
    assert dict(zip(out["code"], out["value"], strict=True)) == {"A": 1.5, "B": 5.0}
    assert out["year"].isna().all()
