"""Findings of a hostile-file tester, second round: parent loops, points as areas, swapped
axes, hidden sheets, broken Shapefile zips, invisible characters."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest


def _areas(tmp_path: Path, text: str) -> tuple[Any, list[Any]]:
    from opbouw.data.area_tables import areas_from_table
    from opbouw.data.rawtable import read_raw_table

    path = tmp_path / "gebieden.csv"
    path.write_text(text, encoding="utf-8")
    return areas_from_table(read_raw_table(path))


def test_a_self_parent_is_an_error_on_its_row_and_the_parent_column(tmp_path: Path) -> None:
    areas, problems = _areas(tmp_path, "code;naam;niveau;ouder\n44021;Gent;gemeente;\n"
                                       "44021A;deel;deelgemeente;44021A\n")
    assert areas is None
    [problem] = [p for p in problems if p.is_error]
    assert problem.render() == (
        "gebieden.csv, rij 3, kolom ouder: Gebied '44021A' noemt zichzelf als bovenliggend "
        "gebied. Verwacht: de code van een groter gebied dat het bevat, of een lege cel.")


def test_a_parent_loop_is_an_error_naming_the_codes_in_it(tmp_path: Path) -> None:
    areas, problems = _areas(tmp_path, "code;naam;niveau;ouder\n44021;Gent;provincie;46021\n"
                                       "46021;SN;gemeente;44021\n"
                                       "44021A;deel;deelgemeente;44021A\n")
    assert areas is None
    kinds = [(p.kind, p.row, p.column, p.found) for p in problems if p.is_error]
    assert kinds == [("parent_self", 4, "ouder", "44021A"),
                     ("parent_cycle", 2, "ouder", "44021 → 46021 → 44021")]
    [cycle] = [p for p in problems if p.kind == "parent_cycle"]
    assert "vormen een kring: 44021 → 46021 → 44021" in cycle.render()


def test_a_long_loop_among_many_areas_is_found_quickly(tmp_path: Path) -> None:
    from opbouw.data.area_tables import parent_chain_problems

    n = 20_000
    codes = [f"A{i}" for i in range(n)]
    # one chain of 20,000 areas whose last one points back to the first
    parents = [f"A{i + 1}" for i in range(n - 1)] + ["A0"]
    started = time.perf_counter()
    problems = parent_chain_problems(codes, parents, ["neighbourhood"] * n,
                                     list(range(2, n + 2)), "a.csv", "ouder")
    assert time.perf_counter() - started < 2
    [cycle] = [p for p in problems if p.kind == "parent_cycle"]
    assert cycle.row == 2 and cycle.found.count("→") == n


def test_a_chain_without_loop_is_accepted(tmp_path: Path) -> None:
    areas, problems = _areas(tmp_path, "code;naam;niveau;ouder\n40000;O-Vl;provincie;\n"
                                       "44021;Gent;gemeente;40000\n"
                                       "44021A;deel;deelgemeente;44021\n")
    assert areas is not None and not problems


def test_a_parent_at_a_lower_level_is_a_warning(tmp_path: Path) -> None:
    areas, problems = _areas(tmp_path, "code;naam;niveau;ouder\n44021;Gent;gemeente;44021A\n"
                                       "44021A;deel;deelgemeente;\n")
    assert areas is not None
    [problem] = problems
    assert not problem.is_error
    assert problem.render() == (
        "gebieden.csv, rij 2, kolom ouder: Bovenliggend gebied '44021A' is een deelgemeente, "
        "een niveau dat niet boven het niveau van dit gebied ligt. Verwacht: een bovenliggend "
        "gebied op een hoger niveau (bv. een gemeente voor een deelgemeente).")


def _geojson(path: Path, geometries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": f"4402{i}", "naam": "x"}, "geometry": g}
        for i, g in enumerate(geometries)]}), encoding="utf-8")
    return path


_GHENT = {"type": "Polygon", "coordinates": [[[3.70, 51.03], [3.74, 51.03], [3.74, 51.07],
                                              [3.70, 51.03]]]}


def test_a_point_is_no_area_in_a_geojson(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    path = _geojson(tmp_path / "a.geojson", [
        _GHENT, {"type": "Point", "coordinates": [3.72, 51.05]},
        {"type": "LineString", "coordinates": [[3.72, 51.05], [3.73, 51.06]]}])
    areas, problems = areas_from_geo(path)
    assert areas is None
    wrong = [p for p in problems if p.kind == "geometry_not_polygon"]
    assert [p.row for p in wrong] == [2, 3]
    assert wrong[0].render() == ("a.geojson, object 2, kolom geometry: De geometrie is een "
                                 "Point, geen gebied. Verwacht: een (multi)polygoon.")


def test_a_point_is_no_area_in_wkt(tmp_path: Path) -> None:
    areas, problems = _areas(tmp_path, "code;naam;geometry\n"
                                       "44021;Gent;POINT (104000 194000)\n")
    assert areas is None
    [problem] = [p for p in problems if p.is_error]
    assert (problem.kind, problem.row, problem.column) == ("geometry_not_polygon", 2,
                                                           "geometry")
    assert "Verwacht: een (multi)polygoon" in problem.render()


def test_a_null_geometry_asks_for_a_polygon(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    path = _geojson(tmp_path / "a.geojson", [_GHENT, None])  # type: ignore[list-item]
    areas, problems = areas_from_geo(path)
    assert areas is None
    [problem] = [p for p in problems if p.is_error]
    assert problem.row == 2 and "Verwacht: een (multi)polygoon" in problem.render()
    assert "WKT" not in problem.render()


def test_latitude_first_is_an_error(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    swapped = {"type": "Polygon", "coordinates": [[[y, x] for x, y in
                                                   _GHENT["coordinates"][0]]]}
    areas, problems = areas_from_geo(_geojson(tmp_path / "a.geojson", [swapped]))
    assert areas is None
    [problem] = [p for p in problems if p.is_error]
    assert problem.kind == "axes_swapped"
    assert "De coördinaten lijken breedte en lengte verwisseld" in problem.render()


def test_areas_outside_belgium_are_a_warning(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    amsterdam = {"type": "Polygon", "coordinates": [[[4.8, 52.3], [4.9, 52.3], [4.9, 52.4],
                                                     [4.8, 52.3]]]}
    areas, problems = areas_from_geo(_geojson(tmp_path / "a.geojson", [amsterdam]))
    assert areas is not None
    assert [(p.kind, p.is_error) for p in problems] == [("outside_belgium", False)]
    assert "liggen buiten België" in problems[0].render()


def test_areas_in_belgium_in_degrees_give_no_problem(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    areas, problems = areas_from_geo(_geojson(tmp_path / "a.geojson", [_GHENT]))
    assert areas is not None and problems == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_messages_render(lang: str) -> None:
    from opbouw.data.problems import Problem

    for kind in ("parent_self", "parent_cycle", "axes_swapped", "outside_belgium"):
        assert "{" not in Problem(kind, "a.csv", found="x").render(lang)


def _workbook(path: Path, hide_first: bool, sheets: int = 2) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "oud"
    ws.append(["code", "naam"])
    ws.append(["44021", "Gent"])
    for i in range(1, sheets):
        other = wb.create_sheet(f"blad{i}")
        other.append(["code", "naam"])
        other.append(["11001", "Aartselaar"])
    if hide_first:
        ws.sheet_state = "hidden"
        wb.active = 1
    wb.save(path)
    return path


def test_a_hidden_sheet_read_is_named_with_the_others(tmp_path: Path,
                                                      catalogue: Any) -> None:
    from opbouw.data.dataset import FileSpec, collect

    path = _workbook(tmp_path / "gebieden.xlsx", hide_first=True)
    _, problems = collect([FileSpec(path)], catalogue)
    [problem] = [p for p in problems if p.kind == "sheet_hidden"]
    assert not problem.is_error
    assert problem.render() == (
        "gebieden.xlsx: Het gelezen werkblad 'oud' is verborgen in Excel; de andere "
        "werkbladen zijn: blad1. Controleer of dit het juiste werkblad is, of kies er een met "
        "--sheet.")
    assert "keuze van het werkblad" in problem.render(web=True)


def test_the_first_of_several_sheets_is_named_unless_one_is_chosen(tmp_path: Path,
                                                                   catalogue: Any) -> None:
    from opbouw.data.dataset import FileSpec, collect

    path = _workbook(tmp_path / "gebieden.xlsx", hide_first=False, sheets=3)
    _, problems = collect([FileSpec(path)], catalogue)
    assert [(p.kind, p.found, p.expected) for p in problems] == [
        ("sheet_first_of_several", "oud", "blad1, blad2")]
    _, problems = collect([FileSpec(path, sheet="blad1")], catalogue)
    assert problems == []
    _, problems = collect([FileSpec(_workbook(tmp_path / "een.xlsx", False, 1))], catalogue)
    assert problems == []


def test_the_cli_shows_the_hidden_sheet(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from opbouw.cli import cli

    path = _workbook(tmp_path / "gebieden.xlsx", hide_first=True)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert "werkblad 'oud' is verborgen" in result.output


def _shapefile(folder: Path) -> dict[str, bytes]:
    """The parts of a Shapefile with two areas in Lambert 72, by suffix."""
    import numpy as np
    import shapely
    from pyogrio.raw import write

    folder.mkdir()
    geoms = np.array([shapely.to_wkb(shapely.box(150000, 170000, 151000, 171000)),
                      shapely.to_wkb(shapely.box(151000, 170000, 152000, 171000))],
                     dtype=object)
    write(folder / "wijken.shp", geoms, [np.array(["11001", "11002"], dtype=object)],
          fields=["code"], geometry_type="Polygon", crs="EPSG:31370",
          driver="ESRI Shapefile")
    return {q.suffix: q.read_bytes() for q in folder.iterdir()}


def _zip(path: Path, parts: dict[str, bytes], folder: str = "",
         links: tuple[str, ...] = ()) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for suffix, data in parts.items():
            info = zipfile.ZipInfo(f"{folder}wijken{suffix}")
            if suffix in links:
                info.external_attr = (0o120777 << 16)
                data = b"/etc/passwd"
            archive.writestr(info, data)
    return path


@pytest.mark.parametrize("missing", [".dbf", ".shx"])
def test_a_zipped_shapefile_without_a_part_names_the_part(tmp_path: Path,
                                                          missing: str) -> None:
    from opbouw.data.area_tables import areas_from_geo

    parts = _shapefile(tmp_path / "shp")
    del parts[missing]
    areas, problems = areas_from_geo(_zip(tmp_path / "wijken.zip", parts))
    assert areas is None
    [problem] = problems
    assert problem.render() == (
        f"wijken.zip: Bij de Shapefile ontbreekt het {missing}-bestand (naast wijken.shp). "
        "Verwacht: de .shp-, .shx- en .dbf-bestanden van één Shapefile samen (en de .prj "
        "voor het coördinatenstelsel), samen gezipt of samen opgeladen.")


def test_a_loose_shapefile_without_its_dbf_names_the_part(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    _shapefile(tmp_path / "shp")
    (tmp_path / "shp" / "wijken.dbf").unlink()
    areas, problems = areas_from_geo(tmp_path / "shp" / "wijken.shp")
    assert areas is None
    assert [(p.kind, p.found) for p in problems] == [("zip_missing_part", ".dbf")]


def test_a_shapefile_in_a_folder_of_the_zip_is_read(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    parts = _shapefile(tmp_path / "shp")
    areas, problems = areas_from_geo(_zip(tmp_path / "wijken.zip", parts, "map/sub/"))
    assert [p for p in problems if p.is_error] == []
    assert areas is not None and sorted(areas.codes) == ["11001", "11002"]


def test_a_symlink_in_the_zip_is_refused(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    parts = _shapefile(tmp_path / "shp")
    areas, problems = areas_from_geo(_zip(tmp_path / "wijken.zip", parts, links=(".dbf",)))
    assert areas is None
    [problem] = problems
    assert problem.render().startswith(
        "wijken.zip: Het archief bevat 'wijken.dbf', een symbolische koppeling; het wordt "
        "niet geopend.")


@pytest.mark.parametrize(("code", "kind", "named"), [
    ("43005\u200b", "code_invisible_char", "bevat een onzichtbaar teken (U+200B ZERO WIDTH "
                                           "SPACE)"),
    ("430\u00a005", "code_invisible_char", "(U+00A0 NO-BREAK SPACE)"),
    ("4300\uff15", "code_non_ascii_digit", "geen gewoon cijfer 0-9 is (U+FF15 FULLWIDTH "
                                           "DIGIT FIVE)"),
])
def test_an_invisible_or_non_ascii_character_in_a_code_is_named(
        tmp_path: Path, catalogue: Any, code: str, kind: str, named: str) -> None:
    from opbouw.data.dataset import FileSpec, collect

    areas = tmp_path / "gebieden.csv"
    areas.write_text("code;naam\n43005;Zelzate\n", encoding="utf-8")
    values = tmp_path / "waarden.csv"
    values.write_text(f"code;bevolking\n{code};12000\n", encoding="utf-8")
    _, problems = collect([FileSpec(areas), FileSpec(values)], catalogue)
    [problem] = [p for p in problems if p.is_error]
    assert (problem.kind, problem.row, problem.column) == (kind, 2, "code")
    assert named in problem.render()
    # in an areas file it is an error too, not a new area with an invisible code
    _, problems = _areas(tmp_path, f"code;naam\n{code};Zelzate\n")
    assert [p.kind for p in problems if p.is_error] == [kind]


def test_an_empty_feature_collection_asks_for_one_feature(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_geo

    areas, problems = areas_from_geo(_geojson(tmp_path / "a.geojson", []))
    assert areas is None
    [problem] = problems
    assert "Verwacht: minstens één object" in problem.render()
    assert "kopregel" not in problem.render()


def test_an_empty_sheet_is_named(tmp_path: Path) -> None:
    import openpyxl

    from opbouw.data.rawtable import RawTableError, read_raw_table

    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.active.title = "leeg"
    wb.create_sheet("data")
    wb.save(tmp_path / "a.xlsx")
    with pytest.raises(RawTableError) as caught:
        read_raw_table(tmp_path / "a.xlsx")
    assert caught.value.problem.render() == (
        "a.xlsx: Werkblad 'leeg' is leeg (andere werkbladen: data). Verwacht: minstens één "
        "rij onder een kopregel.")
