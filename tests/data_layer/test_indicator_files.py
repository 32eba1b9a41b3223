"""Readers of indicator files: wide and long, every dialect, every error kind."""

import math

import pytest

from opbouw.data.dataset import FileSpec, collect, import_files, validate_files
from opbouw.errors import ImportValidationError
from tests.conftest import DATA

BROKEN = sorted((DATA / "broken").glob("*.*"))


def test_flemish_wide_export_reads_values_exactly(catalogue) -> None:
    ds = import_files([FileSpec(DATA / "flemish_cp1252_wide.csv")], catalogue)
    wide = ds.wide()
    assert wide.at["46021", "unemployment_pressure"] == 7.9
    assert wide.at["46021", "population_density"] == 1041.3
    assert wide.at["44021", "residents"] == 262219


def test_long_table_keeps_years_and_missing_values(catalogue) -> None:
    ds = import_files([FileSpec(DATA / "areas_ov.csv"), FileSpec(DATA / "long_utf8bom.csv")],
                      catalogue)
    values = ds.values.set_index(["code", "year"])["value"]
    assert values[("46021", 2020)] == 8.1
    assert math.isnan(values[("45041", 2020)])  # "n.v.t." is missing, never 0
    assert ds.wide(2019).loc["41002", "unemployment_pressure"] == 6.1


def test_international_and_utf16_files(catalogue) -> None:
    ds = import_files([FileSpec(DATA / "international.csv")], catalogue)
    assert ds.wide().at["46021", "population_density"] == 1041.25
    ds = import_files([FileSpec(DATA / "tab_utf16.txt")], catalogue)
    assert ds.wide().at["45041", "unemployment_pressure"] == 9.6


@pytest.mark.parametrize("path", BROKEN, ids=[p.name for p in BROKEN])
def test_each_broken_file_reports_its_kind(path, catalogue) -> None:
    kind = path.stem.removesuffix("_geo")
    problems = validate_files([FileSpec(path)], catalogue)
    assert kind in {p.kind for p in problems}, [p.render() for p in problems]
    with pytest.raises(ImportValidationError):
        import_files([FileSpec(path)], catalogue)


def test_ten_problems_with_row_and_column(catalogue) -> None:
    problems = validate_files([FileSpec(DATA / "ten_areas.csv"),
                               FileSpec(DATA / "ten_problems.csv")],
                              catalogue)
    # the lost leading zero is a warning (the code is restored), the other nine are errors
    found = {(p.kind, p.row, p.column) for p in problems
             if p.is_error or p.kind == "lost_leading_zero"}
    assert not [p for p in problems if p.kind == "lost_leading_zero" and p.is_error]
    assert found == {
        ("unknown_level", 10, "niveau"),
        ("unknown_code", 3, "code"),
        ("duplicate_code", 5, "code"),
        ("lost_leading_zero", 6, "code"),
        ("not_numeric", 7, "unemployment_pressure"),
        ("share_out_of_range", 8, "unemployment_pressure"),
        ("numerator_above_denominator", 9, "zero_income_returns"),
        ("negative_count", 10, "residents"),
        ("missing_code", 11, "code"),
        ("bad_year", 12, "jaar"),
    }


def test_messages_are_dutch_by_default_and_english_on_request(catalogue) -> None:
    problems = validate_files([FileSpec(DATA / "broken" / "not_numeric.csv")], catalogue)
    p = next(p for p in problems if p.kind == "not_numeric")
    assert p.render() == ("not_numeric.csv, rij 2, kolom unemployment_pressure: "
                          "Waarde 'zeven' is geen getal. Verwacht: een getal, bv. 12,5.")
    assert "is not a number" in p.render("en") and "row 2" in p.render("en")


def test_missing_preset_indicator_is_reported(catalogue) -> None:
    problems = validate_files([FileSpec(DATA / "international.csv")], catalogue,
                              required=catalogue.preset("flemish8").indicators)
    missing = [p for p in problems if p.kind == "missing_indicator"]
    assert len(missing) == 8


def test_import_is_all_or_nothing(catalogue) -> None:
    """One bad row among good files: no dataset at all, every error listed."""
    specs = [FileSpec(DATA / "areas_ov.csv"), FileSpec(DATA / "long_utf8bom.csv"),
             FileSpec(DATA / "broken" / "not_numeric.csv")]
    with pytest.raises(ImportValidationError) as info:
        import_files(specs, catalogue)
    assert [p.kind for p in info.value.problems] == ["not_numeric"]
    dataset, _ = collect(specs[:2], catalogue)
    assert len(dataset.values) > 0  # the good files alone do import


def _mixed_years(tmp_path, years) -> object:
    lines = ["code;naam;jaar;Werkloosheidsdruk"]
    codes = ["46021", "45041", "44021", "41002", "46003", "45035"]
    lines += [f"{c};Gemeente {c};{y};{5 + i}" for i, (c, y) in enumerate(zip(codes, years,
                                                                                strict=True))]
    path = tmp_path / "gemengd.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_wide_file_with_every_area_its_own_year_warns(tmp_path, catalogue) -> None:
    from opbouw.data.problems import Severity

    path = _mixed_years(tmp_path, [2018, 2019, 2020, 2021, 2021, 2018])
    _, problems = collect([FileSpec(path)], catalogue)
    found = [p for p in problems if p.kind == "scattered_years"]
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert found[0].message("nl") == (
        "Waarden van Werkloosheidsdruk liggen verspreid over de jaren 2018–2021; geen jaar "
        "heeft waarden voor de meeste gebieden.")
    import_files([FileSpec(path)], catalogue)  # a warning, not an error


def test_a_file_with_most_areas_in_one_year_does_not_warn(tmp_path, catalogue) -> None:
    path = _mixed_years(tmp_path, [2021, 2021, 2021, 2020, 2019, 2018])
    _, problems = collect([FileSpec(path)], catalogue)
    assert not [p for p in problems if p.kind == "scattered_years"]
