"""Hostile files of ``tests/data/broken`` found by a tester: each gets a precise Dutch error
with file, row and column, and nothing is imported."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from opbouw.cli import cli
from opbouw.data.dataset import FileSpec, collect
from opbouw.data.problems import Problem, number
from opbouw.data.rawtable import RawTableError, decode, read_raw_table
from tests.conftest import DATA

BROKEN = DATA / "broken"


def errors_of(name: str, catalogue) -> list[Problem]:
    dataset, problems = collect([FileSpec(BROKEN / name)], catalogue)
    assert dataset.areas is None
    return [p for p in problems if p.is_error]


def test_a_count_of_1e308_and_inf_are_errors_with_row_and_column(catalogue) -> None:
    errors = errors_of("count_too_large.csv", catalogue)
    assert [(p.kind, p.row, p.column) for p in errors] == [
        ("not_numeric", 3, "residents"), ("count_too_large", 2, "residents")] or [
        (p.kind, p.row, p.column) for p in errors] == [
        ("count_too_large", 2, "residents"), ("not_numeric", 3, "residents")]
    big = next(p for p in errors if p.kind == "count_too_large")
    assert big.render() == (
        "count_too_large.csv, rij 2, kolom residents: Aantal 1E308 is niet aannemelijk: een "
        "aantal is hoogstens 1.000.000.000. Controleer het decimaalteken, de eenheid en de "
        "kolom.")


def test_a_value_of_any_unit_beyond_computing_is_an_error(tmp_path, catalogue) -> None:
    path = tmp_path / "i.csv"
    path.write_text("code;unemployment_pressure;iets_anders\n44021;12;1e300\n", "utf-8")
    _, problems = collect([FileSpec(path)], catalogue)
    kinds = [(p.kind, p.row, p.column) for p in problems if p.is_error]
    assert kinds == [("value_too_large", 2, "iets_anders")]


def test_bytes_that_are_not_utf8_after_a_bom_are_reported_with_the_line() -> None:
    with pytest.raises(RawTableError) as info:
        read_raw_table(BROKEN / "not_utf8.csv")
    p = info.value.problem
    assert (p.kind, p.row) == ("not_utf8", 3)
    assert "0xE8" in p.message() and "Sla het bestand in Excel op als 'CSV UTF-8'" in p.message()
    with pytest.raises(UnicodeDecodeError):
        decode(b"\xef\xbb\xbfcode\n\xe8\n")  # never replaced silently


def test_utf8_names_beside_a_cp1252_line_are_not_garbled(tmp_path) -> None:
    """No BOM, names in UTF-8 and one line in cp1252: reading it all as cp1252 would store
    "GenÃ¨ve"; the line with the other encoding is reported instead."""
    path = tmp_path / "gemengd.csv"
    path.write_bytes("code;name\n46021;Sint-Niklaas Genève\n".encode()
                     + "41002;Aalst Chênée\n".encode("cp1252"))
    with pytest.raises(RawTableError) as info:
        read_raw_table(path)
    assert (info.value.problem.kind, info.value.problem.row) == ("mixed_utf8", 3)
    assert "BOM" not in info.value.problem.render()  # the file has none
    assert "het mengt twee coderingen" in info.value.problem.render()
    # a file wholly in cp1252 is still read as such
    path.write_bytes("code;name\n41002;Aalst Chênée\n".encode("cp1252"))
    assert read_raw_table(path).encoding == "cp1252"


def test_a_header_without_rows_is_an_error(catalogue) -> None:
    errors = errors_of("no_rows.csv", catalogue)
    assert [(p.kind, p.row) for p in errors] == [("no_rows", 2)]
    assert "geen rijen" in errors[0].message()


def test_a_formula_without_saved_value_is_named_by_its_cell(catalogue) -> None:
    errors = errors_of("formula_without_value.xlsx", catalogue)
    assert [(p.kind, p.row, p.column) for p in errors] == [
        ("formula_without_value", 3, "residents")]
    assert errors[0].message().startswith("Cel B3 (=B2*2) bevat een formule zonder bewaarde "
                                          "waarde")
    assert "plak de waarden" in errors[0].message()


def test_many_formulas_are_summed_up(tmp_path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["code", "residents"])
    for i in range(30):
        ws.append([f"4600{i}", f"=1+{i}"])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    with pytest.raises(RawTableError) as info:
        read_raw_table(path)
    problems = info.value.problems
    assert len(problems) == 21 and problems[-1].kind == "formulas_more"
    assert problems[-1].message() == "Nog 10 cellen bevatten een formule zonder bewaarde waarde."


def test_empty_cells_without_formula_stay_missing_without_an_error(tmp_path) -> None:
    path = tmp_path / "ok.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["code", "residents"])
    wb.active.append(["46021", None])
    wb.save(path)
    raw = read_raw_table(path)
    assert raw.rows == [(2, ["46021"])]


def test_degrees_labelled_as_lambert_72_are_refused(catalogue) -> None:
    errors = errors_of("crs_mismatch.geojson", catalogue)
    assert [p.kind for p in errors] == ["crs_mismatch"]
    assert errors[0].render().startswith(
        "crs_mismatch.geojson: De coördinaten passen niet bij het coördinatenstelsel "
        "BD72 / Belgian Lambert 72 (EPSG:31370): ze liggen buiten het gebied waarvoor het "
        "geldt (het Belgische vasteland).")


def test_zip_slip_paths_get_their_own_message(tmp_path, catalogue) -> None:
    errors = errors_of("zip_unsafe_path.zip", catalogue)
    assert [p.kind for p in errors] == ["zip_unsafe_path"]
    assert "'../../../tmp/gebieden.shp', een pad dat buiten het archief wijst" in \
        errors[0].message()
    other = tmp_path / "x.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("gebieden.shp", b"\x00\x00\x27\x0a")
        z.writestr("leesmij.txt", "hallo")
    _, problems = collect([FileSpec(other)], catalogue)
    assert [p.kind for p in problems] == ["zip_other_member"]
    assert "'leesmij.txt', dat geen deel van een Shapefile is" in problems[0].message()


def test_an_over_long_code_is_named_with_its_row(catalogue) -> None:
    errors = errors_of("code_too_long.csv", catalogue)
    assert [(p.kind, p.row, p.column) for p in errors] == [("code_too_long", 2, "code")]
    assert "langer dan 40 tekens" in errors[0].message()


def flat(output: str) -> str:
    """A rich table's text as one line: cell borders and line breaks become spaces."""
    return re.sub(r"[\s│┃]+", " ", output)


def test_a_missing_layer_is_named_on_the_command_line(tmp_path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    path = tmp_path / "lagen.gpkg"
    frame = gpd.GeoDataFrame({"code": ["44021"]}, geometry=[box(1e5, 1.9e5, 1.1e5, 2e5)],
                             crs="EPSG:31370")
    frame.to_file(path, layer="gemeente")
    frame.to_file(path, layer="wijk")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    # the table may wrap the message inside its cell, whatever the terminal's width
    assert "meerdere lagen: gemeente, wijk" in flat(result.output)
    assert "--layer" in flat(result.output)
    result = CliRunner().invoke(cli, ["validate", str(path), "--layer", "sectoren"])
    assert "Laag 'sectoren' zit niet in het bestand. Verwacht: een van gemeente, wijk." \
        in flat(result.output)
    result = CliRunner().invoke(cli, ["validate", str(path), "--layer", "wijk"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("lang", "text"), [("nl", "(2.500); de grens is 2.000"),
                                            ("en", "(2,500); the limit is 2,000")])
def test_numbers_in_messages_follow_the_language(lang, text) -> None:
    p = Problem("limit_columns", "a.csv", found=number(2500), expected=number(2000))
    assert text in p.message(lang)
    share = Problem("share_out_of_range", "a.csv", 2, "x", number(112.5), "percentage")
    assert share.message("nl").startswith("Percentage 112,5 ")
    assert share.message("en").startswith("Percentage 112.5 ")
    assert share.found_text("nl") == "112,5"


def test_a_value_read_from_a_file_is_shown_as_it_is() -> None:
    p = Problem("not_numeric", "a.csv", 2, "x", "1.5", "number")
    assert "'1.5'" in p.message("nl")
