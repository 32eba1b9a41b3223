"""Findings of a hostile-file tester: each import problem is found early, named with file,
row (or sheet and cells) and column, and said in the user's language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from opbouw.data.limits import Limits


def _geojson(path: Path, n: int) -> Path:
    features = [{"type": "Feature", "properties": {"code": str(i)},
                 "geometry": {"type": "Polygon", "coordinates": [
                     [[4.0 + i / 100, 51.0], [4.01 + i / 100, 51.0],
                      [4.01 + i / 100, 51.01], [4.0 + i / 100, 51.0]]]}}
                for i in range(n)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_a_geojson_above_the_feature_limit_is_refused_before_gdal_parses_it(
        tmp_path: Path, monkeypatch: Any) -> None:
    import pyogrio

    from opbouw.data import geo

    def opened(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("GDAL parsed the file")

    for name in ("read_info", "list_layers", "read_dataframe"):
        monkeypatch.setattr(pyogrio, name, opened)
    path = _geojson(tmp_path / "wijken.geojson", 11)
    frame, problems = geo.read_geo(path, limits=Limits(features=10))
    assert frame is None
    assert [p.kind for p in problems] == ["limit_features"]
    assert problems[0].render() == ("wijken.geojson: De laag heeft 11 objecten; de grens is "
                                    "10. Splits de laag, bv. per provincie.")


def test_a_geojson_within_the_feature_limit_is_read(tmp_path: Path) -> None:
    from opbouw.data import geo

    frame, problems = geo.read_geo(_geojson(tmp_path / "wijken.geojson", 10),
                                   limits=Limits(features=10))
    assert frame is not None and len(frame) == 10
    assert not [p for p in problems if p.is_error]



def test_merged_cells_in_a_workbook_are_named_with_sheet_and_range(tmp_path: Path) -> None:
    import openpyxl

    from opbouw.data.rawtable import RawTableError, read_raw_table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Wijken"
    ws.append(["code", "naam", "inwoners"])
    for code, name, people in (("1", "Noord", 10), ("2", "Noord", 20), ("3", "Noord", 30)):
        ws.append([code, name, people])
    ws.merge_cells("B2:B4")
    path = tmp_path / "wijken.xlsx"
    wb.save(path)
    with pytest.raises(RawTableError) as caught:
        read_raw_table(path)
    assert [p.render() for p in caught.value.problems] == [
        "wijken.xlsx, rij 2, kolom naam: De cellen B2:B4 op blad 'Wijken' zijn samengevoegd, "
        "dus alle behalve de eerste zouden als ontbrekend gelezen worden. Maak de "
        "samenvoeging ongedaan en vul elke cel in."]


@pytest.mark.parametrize("text", [
    "code;naam;inwoners;naam\n11001;Aartselaar;14000;Aartselaar\n11002;Antwerpen;530000;Antwerpen\n",
    "code;werkloosheid;werkloosheid\n11001;5,1;5,1\n11002;7,2;7,2\n",
])
def test_a_doubled_column_name_is_the_one_error(tmp_path: Path, catalogue: Any,
                                                text: str) -> None:
    from opbouw.data.dataset import FileSpec, collect

    path = tmp_path / "dubbel.csv"
    path.write_text(text, encoding="utf-8")
    _, problems = collect([FileSpec(path)], catalogue)
    errors = [p for p in problems if p.is_error]
    assert [p.kind for p in errors] == ["duplicate_column"], [p.render() for p in errors]
    head = text.split(";")[1] if "werk" in text else "naam"
    letters = "B, C" if "werk" in text else "B, D"
    assert errors[0].render() == (f"dubbel.csv, rij 1, kolom {head}: Kolomnaam '{head}' komt "
                                  f"meer dan eens voor (kolommen {letters}). Verwacht: unieke "
                                  "kolomnamen.")


@pytest.mark.parametrize(("text", "row", "column", "found"), [
    ('code;naam;inwoners\n11001;Aartselaar;14000\n11002;"Antwerpen;530000\n11004;Boechout;'
     '13000\n11005;Boom;18000\n', 3, "naam",
     'een aanhalingsteken (") dat een cel opent maar nooit sluit'),
    ('code;naam\n\n11001;"Aartselaar"x\n11002;Antwerpen\n', 3, "naam",
     'tekst vlak na het sluitende aanhalingsteken (") van een cel'),
])
def test_bad_csv_quoting_is_named_in_dutch_at_the_row_where_it_starts(
        tmp_path: Path, text: str, row: int, column: str, found: str) -> None:
    from opbouw.data.rawtable import RawTableError, read_raw_table

    path = tmp_path / "quotes.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RawTableError) as caught:
        read_raw_table(path)
    problem = caught.value.problem
    assert (problem.row, problem.column) == (row, column)
    assert problem.render() == (
        f"quotes.csv, rij {row}, kolom {column}: Het bestand kan niet gelezen worden: {found}. "
        'Verwacht: elke cel die met " begint ook met " gesloten (een " in een cel geschreven '
        'als "").')


@pytest.mark.parametrize(("data", "found"), [
    ("code;naam\n11001;Aartselaar\n11002;Antwerpen\n".encode("utf-16-le"),
     "dit lijkt UTF-16-tekst zonder BOM (byte order mark)"),
    ("code;naam\n11001;Aartselaar\n".encode("utf-16-be"),
     "dit lijkt UTF-16-tekst zonder BOM (byte order mark)"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "dit lijkt een binair bestand, geen tekst"),
    (bytes((i * 7919) % 255 + 1 for i in range(4000)),  # junk without NUL bytes
     "dit lijkt een binair bestand, geen tekst"),
])
def test_binary_and_utf16_without_bom_are_named(tmp_path: Path, data: bytes,
                                                found: str) -> None:
    from opbouw.data.rawtable import RawTableError, read_raw_table

    path = tmp_path / "export.csv"
    path.write_bytes(data)
    with pytest.raises(RawTableError) as caught:
        read_raw_table(path)
    assert caught.value.problem.render() == (
        f"export.csv: Het bestand kan niet gelezen worden: {found}. Verwacht: een "
        "tekstbestand opgeslagen als 'CSV UTF-8' (of een .xlsx-werkboek).")


def test_values_that_may_hold_a_thousands_separator_are_warned_about(tmp_path: Path,
                                                                     catalogue: Any) -> None:
    from opbouw.data.dataset import FileSpec, collect

    areas = tmp_path / "gebieden.csv"
    areas.write_text("code;naam\n11001;Aartselaar\n11002;Antwerpen\n", encoding="utf-8")
    values = tmp_path / "waarden.csv"
    values.write_text("code;inwoners;leeftijd\n11001;1,041;41,5\n11002;2,350;38,25\n",
                      encoding="utf-8")
    dataset, problems = collect([FileSpec(areas), FileSpec(values)], catalogue)
    warned = [p for p in problems if p.kind == "ambiguous_thousands"]
    assert [p.render() for p in warned] == [
        "waarden.csv, kolom inwoners: Elke waarde met een decimaalteken in deze kolom heeft er "
        "precies drie cijfers na, zoals '1,041': die wordt gelezen als decimaal getal, niet "
        "als 1.041. Scheidt het teken duizendtallen, verwijder het dan of kies het juiste "
        "decimaalteken."]
    assert not warned[0].is_error


def test_a_value_just_above_a_limit_is_shown_above_it(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_table
    from opbouw.data.rawtable import read_raw_table

    path = tmp_path / "gebieden.csv"
    path.write_text("code;naam;inwoners\n11001;Aartselaar;1000000000,5\n", encoding="utf-8")
    _, problems = areas_from_table(read_raw_table(path))
    [problem] = [p for p in problems if p.kind == "count_too_large"]
    assert "Aantal 1.000.000.000,5 is niet aannemelijk" in problem.render()
    assert "hoogstens 1.000.000.000." in problem.render()


def test_an_unknown_level_lists_the_levels_in_the_readers_language(tmp_path: Path) -> None:
    from opbouw.data.area_tables import areas_from_table
    from opbouw.data.rawtable import read_raw_table

    path = tmp_path / "gebieden.csv"
    path.write_text("code;naam;niveau\n11001;Aartselaar;planeet\n", encoding="utf-8")
    _, problems = areas_from_table(read_raw_table(path))
    [problem] = [p for p in problems if p.kind == "unknown_level"]
    dutch, english = problem.message("nl"), problem.message("en")
    assert dutch == ("Niveau 'planeet' is onbekend. Verwacht: een van statistische sector, "
                     "wijk, deelgemeente, gemeente, werkgebied, provincie, gewest.")
    assert "municipality" in english


def test_the_area_of_use_of_lambert_72_is_named_in_dutch(tmp_path: Path) -> None:
    from opbouw.data.problems import Problem

    problem = Problem("crs_mismatch", "a.geojson", found="BD72 / Belgian Lambert 72 "
                      "(EPSG:31370)", expected="Belgium - onshore")
    assert "waarvoor het geldt (het Belgische vasteland)." in problem.message()
    assert "(Belgium - onshore)" in problem.message("en")


def test_an_unclosed_ring_in_a_geopackage_names_the_area(tmp_path: Path,
                                                        catalogue: Any) -> None:
    import struct

    import numpy as np
    import shapely
    from pyogrio.raw import write

    from opbouw.data.dataset import FileSpec, collect

    good = shapely.to_wkb(shapely.box(150000, 170000, 151000, 171000))
    # a polygon whose one ring of three points does not return to its start
    open_ring = (struct.pack("<BIII", 1, 3, 1, 3)
                 + struct.pack("<6d", 150000, 170000, 151000, 170000, 151000, 171000))
    path = tmp_path / "wijken.gpkg"
    write(path, np.array([good, open_ring, good], dtype=object),
          [np.array(["11001", "11002", "11004"], dtype=object)], fields=["code"],
          geometry_type="Polygon", crs="EPSG:31370", driver="GPKG")
    _, problems = collect([FileSpec(path)], catalogue)
    errors = [p for p in problems if p.is_error]
    assert [p.render() for p in errors] == [
        "wijken.gpkg, object 2, kolom code: De geometrie van gebied '11002' kan niet "
        "opgebouwd worden: een ring is niet gesloten of heeft te weinig punten. Verwacht: een "
        "geldige (multi)polygoon zonder zelfdoorsnijding; herstel ze in uw GIS (bv. "
        "'Geometrieën herstellen')."]
