"""The latest year of each indicator: a newer year with values for only a few areas is
passed over (and said so), never the year that leaves most areas without a score."""

import pandas as pd

from opbouw.analysis.pipeline import AnalysisSpec, run_analysis
from opbouw.analysis.tables import latest_years, wide_table


def _values() -> pd.DataFrame:
    rows = [(f"a{i}", "x", 2020, float(i)) for i in range(10)]
    rows += [(f"a{i}", "y", 2020, float(10 - i)) for i in range(10)]
    rows += [("a0", "x", 2021, 5.0), ("a1", "x", 2021, 6.0)]  # 2 of 10: sparse
    rows += [(f"a{i}", "y", 2021, float(i)) for i in range(6)]  # 6 of 10: enough
    return pd.DataFrame(rows, columns=["code", "indicator", "year", "value"])


def test_a_sparse_newer_year_is_passed_over_and_noted() -> None:
    years, notes = latest_years(_values())
    assert years == {"x": 2020, "y": 2021}
    assert notes == ["sparse_year_skipped:x:2021:2"]


def test_half_of_the_best_year_is_enough() -> None:
    values = _values()
    values = values[~((values["indicator"] == "y") & (values["year"] == 2021)
                      & values["code"].isin(["a5"]))]  # 5 of 10: still half
    assert latest_years(values)[0]["y"] == 2021
    values = values[~((values["indicator"] == "y") & (values["code"] == "a4")
                      & (values["year"] == 2021))]  # 4 of 10: too few
    assert latest_years(values)[0]["y"] == 2020


def test_wide_table_uses_the_well_covered_year() -> None:
    table = wide_table(_values())
    assert table["x"].notna().sum() == 10
    assert table.at["a0", "x"] == 0.0  # 2020, not the sparse 2021 value 5
    assert table.at["a0", "y"] == 0.0 and table.at["a9", "y"] != table.at["a9", "y"]  # 2021


def test_an_asked_year_is_kept() -> None:
    table = wide_table(_values(), 2021)
    assert table["x"].notna().sum() == 2


def test_the_rule_counts_areas_in_the_scope(catalogue) -> None:
    values = _values()
    areas = pd.DataFrame({"name": [f"A{i}" for i in range(10)], "level": "municipality",
                          "parent": ""}, index=[f"a{i}" for i in range(10)])
    run = run_analysis(values, areas, catalogue,
                       AnalysisSpec(method="top-n", indicators=("x", "y"),
                                    options={"n": 3}))
    assert run.table["x"].notna().sum() == 10
    assert run.result.table["rank"].notna().sum() == 10
    assert "sparse_year_skipped:x:2021:2" in run.notes
    assert "sparse_year_skipped:x:2021:2" in run.metadata(catalogue)["notes"]


def test_the_cached_coverage_gives_the_same_years_in_every_scope() -> None:
    """The web counts on a coverage table made once per dataset; same rule, same answer."""
    from opbouw.analysis.pipeline import _latest_in_scope
    from opbouw.analysis.tables import coverage, latest_years_covered

    values = _values()
    cover = coverage(values)
    for scope in (None, ["a0", "a1", "a2"], ["a0", "a1", "a6", "a7", "a8", "a9"]):
        codes = pd.Index(scope) if scope is not None else None
        assert latest_years_covered(cover, ["x", "y"], codes) == latest_years(values, codes)
    # within a0 and a1 the sparse year of x is complete: it is used there
    table = wide_table(values, None, ["x", "y"]).loc[["a0", "a1"]]
    with_cover, notes = _latest_in_scope(values, ["x", "y"], table, cover)
    without, notes_without = _latest_in_scope(values, ["x", "y"], table)
    pd.testing.assert_frame_equal(with_cover, without)
    assert notes == notes_without and with_cover.loc["a0", "x"] == 5.0
