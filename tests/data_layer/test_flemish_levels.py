"""Real Flemish codes of every level and scheme, in one file and over several files, and
the row-precise reporting of malformed rows (issue 9, section 1)."""

import pytest
from openpyxl import Workbook

from opbouw.data.dataset import FileSpec, collect, import_files, validate_files
from opbouw.data.problems import Severity
from opbouw.errors import ImportValidationError
from tests.conftest import DATA

LEVELS = DATA / "flemish_levels"


def _kinds(problems, severity=None):
    return [p.kind for p in problems if severity is None or p.severity == severity]


def test_mixed_levels_in_one_file_import_without_leading_zero_complaints(catalogue) -> None:
    specs = [FileSpec(LEVELS / "mixed_levels_areas.csv"),
             FileSpec(LEVELS / "mixed_levels_values.csv")]
    dataset, problems = collect(specs, catalogue)
    assert not [p.render() for p in problems if p.severity != Severity.NOTE]
    levels = dataset.areas.frame["level"]
    assert levels["12002"] == "municipality"
    assert levels["12002A-I"] == "sub_municipality"
    assert levels["24045A"] == "sub_municipality"
    assert levels["12002A001"] == "statistical_sector"
    assert levels["12002A19-"] == "statistical_sector"
    assert levels["120021"] == "neighbourhood"
    assert levels["24045A0"] == "neighbourhood"
    wide = dataset.wide()
    assert wide.at["1200210", "unemployment_pressure"] == 5.1
    assert wide.at["12002", "unemployment_pressure"] == 5.0


def test_levels_split_over_geo_layers_and_a_value_file(tmp_path, catalogue) -> None:
    values = tmp_path / "waarden.csv"
    codes = ["12002", "24045A", "120021", "1200210", "24045A0", "24045B0"]
    values.write_text("code;unemployment_pressure\n"
                      + "".join(f"{c};{i},5\n" for i, c in enumerate(codes)), "utf-8")
    specs = [FileSpec(LEVELS / f) for f in ("gemeente.geojson", "deelgemeente2024.geojson",
                                            "ggw72024.geojson")] + [FileSpec(values)]
    dataset = import_files(specs, catalogue)
    frame = dataset.areas.frame
    assert frame.loc["12002A-I", "level"] == "sub_municipality"
    assert frame.loc["120021", "level"] == "neighbourhood"
    assert frame.loc["24045A0", "level"] == "neighbourhood"
    assert (frame["level"] == "neighbourhood").sum() == 15  # the wijk 24045 is the municipality
    assert dataset.wide().at["1200210", "unemployment_pressure"] == 3.5
    _, problems = collect(specs, catalogue)
    same = [p for p in problems if p.kind == "same_code_other_level"]
    assert [(p.file, p.row, p.found) for p in same] == [("ggw72024.geojson", 11, "24045")]
    assert not same[0].is_error and "gemeente.geojson" in same[0].message()


def test_wijk_layer_alone_keeps_its_codes_whatever_their_length(catalogue) -> None:
    dataset = import_files([FileSpec(LEVELS / "ggw72024.geojson", id_column="geoitem")],
                           catalogue)
    assert set(dataset.areas.frame["level"]) == {"neighbourhood"}
    assert {"24045", "120021", "1200210", "24045A0"} <= set(dataset.areas.codes)


def test_four_digit_number_is_a_warning_that_restores_the_code(tmp_path, catalogue) -> None:
    areas = tmp_path / "gebieden.csv"
    areas.write_text("code;naam;niveau\n02000;Vlaams Gewest;gewest\n41002;Aalst;gemeente\n",
                     "utf-8")
    values = tmp_path / "waarden.csv"
    values.write_text("code;unemployment_pressure\n2000;5,5\n41002;6,5\n", "utf-8")
    dataset, problems = collect([FileSpec(areas), FileSpec(values)], catalogue)
    zero = [p for p in problems if p.kind == "lost_leading_zero"]
    assert [(p.row, p.found, p.expected, p.is_error) for p in zero] == [(2, "2000", "02000", False)]
    assert "02000" in zero[0].message() and not [p for p in problems if p.is_error]
    assert dataset.wide().at["02000", "unemployment_pressure"] == 5.5


def test_a_text_cell_in_a_workbook_is_taken_as_it_is(tmp_path, catalogue) -> None:
    path = tmp_path / "w.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["code", "unemployment_pressure"])
    ws.append(["4000", 5.0])  # text: not Excel's doing
    ws.append([12345, 6.0])
    wb.save(path)
    problems = validate_files([FileSpec(path)], catalogue)
    assert "lost_leading_zero" not in _kinds(problems)
    ws["A2"].value = 4000  # a number: Excel dropped the zero
    wb.save(path)
    problems = validate_files([FileSpec(path)], catalogue)
    assert _kinds(problems, Severity.WARNING).count("lost_leading_zero") == 1


def test_code_and_name_list_is_an_areas_file_and_unknown_codes_are_errors(tmp_path,
                                                                          catalogue) -> None:
    areas = tmp_path / "lijst.csv"
    areas.write_text("code;naam\n41002;Aalst\n44021;Gent\n", "utf-8")
    values = tmp_path / "waarden.csv"
    values.write_text("code;unemployment_pressure\n41002;5\n99999;6\n", "utf-8")
    with pytest.raises(ImportValidationError) as info:
        import_files([FileSpec(areas), FileSpec(values)], catalogue)
    assert [(p.kind, p.file, p.row) for p in info.value.problems] == [
        ("unknown_code", "waarden.csv", 3)]


def test_too_few_and_too_many_fields_each_on_their_row(tmp_path, catalogue) -> None:
    path = tmp_path / "t.csv"
    path.write_text("code;naam;unemployment_pressure\n41002;Aalst;5\n44021;Gent\n"
                    "45041;Ronse;6;7\n", "utf-8")
    problems = validate_files([FileSpec(path)], catalogue)
    assert [(p.kind, p.row, p.found) for p in problems if p.kind == "ragged_row"] == [
        ("ragged_row", 3, "2"), ("ragged_row", 4, "4")]


def test_duplicates_one_problem_per_row_naming_both_rows(tmp_path, catalogue) -> None:
    path = tmp_path / "t.csv"
    path.write_text("code;unemployment_pressure;population_density\n41002;5;1\n44021;6;2\n"
                    "41002;5;1\n", "utf-8")
    problems = [p for p in validate_files([FileSpec(path)], catalogue)
                if p.kind.startswith("duplicate")]
    assert [(p.kind, p.row, p.expected) for p in problems] == [("duplicate_code", 4, "2")]
    assert "rij 2" in problems[0].message() and problems[0].row == 4


def test_duplicates_across_files_name_both_files_and_rows(tmp_path, catalogue) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("code;unemployment_pressure\n41002;5\n44021;6\n", "utf-8")
    b.write_text("code;unemployment_pressure\n44021;6\n", "utf-8")
    problems = validate_files([FileSpec(a), FileSpec(b)], catalogue)
    dup = [p for p in problems if p.kind == "duplicate_across_files"]
    assert [(p.file, p.row) for p in dup] == [("b.csv", 2)]
    assert "a.csv, rij 3" in dup[0].message()


def test_missing_tokens_are_counted_per_column_as_a_note(tmp_path, catalogue) -> None:
    path = tmp_path / "t.csv"
    path.write_text("code;unemployment_pressure;population_density\n41002;?;1\n44021;-;x\n"
                    "45041;;3\n46021;?;4\n", "utf-8")
    dataset, problems = collect([FileSpec(path)], catalogue)
    notes = {p.column: p for p in problems if p.kind == "missing_values"}
    assert notes["unemployment_pressure"].found_text() == "4"
    assert "'?' x2" in notes["unemployment_pressure"].expected
    assert notes["population_density"].found_text() == "1"
    assert all(p.severity == Severity.NOTE and not p.is_error for p in notes.values())
    assert dataset.wide()["unemployment_pressure"].isna().all()


def test_wide_table_with_a_value_column_called_waarde_is_wide(tmp_path, catalogue) -> None:
    path = tmp_path / "t.csv"
    path.write_text("code;naam;waarde\n41002;Aalst;5,5\n44021;Gent;6,5\n", "utf-8")
    dataset = import_files([FileSpec(path)], catalogue)
    assert dataset.values["indicator"].unique().tolist() == ["waarde"]
    assert dataset.wide().at["44021", "waarde"] == 6.5


def test_the_old_lost_leading_zero_file_now_warns(catalogue) -> None:
    problems = validate_files([FileSpec(DATA / "lost_leading_zero.csv")], catalogue)
    assert [(p.kind, p.row, p.expected) for p in problems if p.kind == "lost_leading_zero"] == [
        ("lost_leading_zero", 3, "01234")]
    assert not [p for p in problems if p.is_error]
