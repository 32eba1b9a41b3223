"""Hostile files are refused with one problem each: nothing read outside the file, no hang.

Each case once leaked, hung or crashed (security issue): VRTs in several disguises read
other files and the application's database, a declared XFD1048576 dimension spun forever,
zip bombs and 100,000 columns exhausted the machine, odd UTF-16 and NaN coordinates raised.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from opbouw.cli import cli
from opbouw.data.dataset import FileSpec, collect
from opbouw.data.geo_safety import GeoRefused, proven_driver
from opbouw.data.limits import Limits
from opbouw.data.rawtable import RawTableError, read_raw_table
from opbouw.data.writers import write_csv, write_xlsx
from tests import hostile

EXPECTED_KIND = {
    "vrt_as_geojson": "geo_refused", "vrt_passwd_as_json": "geo_refused",
    "vrt_sql_as_gpkg": "geo_refused", "vrt_vsicurl_as_shp": "geo_refused",
    "vrt_in_zip": "zip_other_member", "vrt_as_fgb": "geo_refused",
    "gdalg_as_geojson": "geo_refused", "gpkg_with_view": "geo_refused",
    "gpkg_without_geometry": "no_geometry", "nan_coordinates": "geometry_invalid",
    "xlsx_zip_bomb": "limit_ratio", "xlsx_entity_expansion": "unreadable_file",
    "xlsx_external_entity": "unreadable_file", "csv_100000_columns": "limit_columns",
    "utf16_odd_length": "unreadable_file", "xlsx_no_sheets": "empty_file",
    "geojson_many_properties": "limit_columns", "gpkg_named_trigger": "geo_refused",
    "gpkg_disguised_virtual_table": "geo_refused", "csv_unclosed_quote": "unreadable_file",
    "csv_huge_cell": "limit_cell", "unclosed_ring": "geometry_not_built",
}


@pytest.mark.parametrize("kind", hostile.KINDS)
def test_hostile_file_gives_a_problem_and_reads_nothing_outside(tmp_path, catalogue,
                                                                kind) -> None:
    path = hostile.make(kind, tmp_path)
    start = time.perf_counter()
    dataset, problems = collect([FileSpec(path)], catalogue)
    assert time.perf_counter() - start < 30  # generous: these once ran for minutes
    errors = [p for p in problems if p.is_error]
    assert errors, kind
    assert errors[0].kind == EXPECTED_KIND[kind], errors
    assert dataset.areas is None
    for p in problems:
        text = p.render() + p.render("en")
        assert hostile.SECRET not in text and "root:" not in text
        assert "Error" not in p.render()  # no exception names or GDAL's English
        assert str(tmp_path) not in text  # no server paths in messages


@pytest.mark.parametrize("kind", ["xlsx_entity_expansion", "xlsx_external_entity"])
def test_unsafe_xml_is_named(tmp_path, kind) -> None:
    with pytest.raises(RawTableError) as info:
        read_raw_table(hostile.make(kind, tmp_path))
    assert "onveilige XML" in info.value.problem.message()


def test_vrt_is_refused_before_gdal_opens_it(tmp_path) -> None:
    path = hostile.make("vrt_as_geojson", tmp_path)
    with pytest.raises(GeoRefused) as info:
        proven_driver(path)
    assert info.value.problem.found == "vrt"
    assert "VRT" in info.value.problem.message("en")


def test_vsi_paths_are_refused(tmp_path) -> None:
    for text in ("/vsicurl/http://127.0.0.1:9/a.geojson", "/vsizip//tmp/a.zip/a.shp"):
        with pytest.raises(GeoRefused) as info:
            proven_driver(Path(text))
        assert info.value.problem.found == "vsi_path"


def test_only_the_four_drivers_are_registered() -> None:
    import pyogrio

    drivers = set(pyogrio.list_drivers())
    assert {"GeoJSON", "GPKG", "ESRI Shapefile", "FlatGeobuf"} <= drivers
    assert not drivers & {"OGR_VRT", "GDALG", "SQLite", "CSV", "HTTP", "WFS", "GPSBabel"}


def test_real_geopackage_with_standard_triggers_is_accepted(tmp_path) -> None:
    path = tmp_path / "ok.gpkg"
    hostile._good_gpkg(path)
    assert proven_driver(path) == "GPKG"


def test_declared_maximal_dimension_reads_what_is_there(tmp_path) -> None:
    path = hostile.make("xlsx_max_dimension", tmp_path)
    start = time.perf_counter()
    raw = read_raw_table(path)
    assert time.perf_counter() - start < 10
    assert raw.header == ["code", "residents"]
    assert raw.rows == [(2, ["11001", "5"])]


def test_limits_stop_reading_with_the_limit_named(tmp_path) -> None:
    path = tmp_path / "lang.csv"
    path.write_text("code;residents\n" + "".join(f"{i};1\n" for i in range(1000)))
    small = Limits(rows=100)
    with pytest.raises(RawTableError) as info:
        read_raw_table(path, limits=small)
    problem = info.value.problem
    assert problem.kind == "limit_rows" and "100" in problem.message()
    assert "Splits" in problem.message()
    with pytest.raises(RawTableError) as info:
        read_raw_table(path, limits=Limits(file_bytes=1000))
    assert info.value.problem.kind == "limit_file_size"


def test_file_size_is_checked_before_reading(tmp_path, monkeypatch) -> None:
    path = tmp_path / "groot.csv"
    path.write_text("code;residents\n1;2\n")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))
    with pytest.raises(RawTableError):
        read_raw_table(path, limits=Limits(file_bytes=5))


@pytest.mark.parametrize("kind", ["vrt_as_geojson", "xlsx_entity_expansion",
                                  "csv_100000_columns", "gpkg_without_geometry",
                                  "nan_coordinates", "utf16_odd_length", "unclosed_ring"])
def test_validate_command_exits_1_without_traceback(tmp_path, kind) -> None:
    path = hostile.make(kind, tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(path)], terminal_width=80)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert hostile.SECRET not in result.output


def test_exports_write_formulas_as_text(tmp_path) -> None:
    frame = pd.DataFrame({"code": ["11001", "=1+1"], "naam": ["@SUM(A1)", "+31"],
                          "waarde": [-1.5, np.nan]})
    csv_path = write_csv(frame, tmp_path / "uit.csv")
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "'=1+1" in text and "'@SUM(A1)" in text and "'+31" in text
    assert ";-1,5" in text  # numbers stay numbers
    from openpyxl import load_workbook

    xlsx_path = write_xlsx(frame, tmp_path / "uit.xlsx")
    ws = load_workbook(xlsx_path).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert ws["A3"].value == "=1+1" and ws["A3"].data_type == "s"
    assert ws["C2"].value == -1.5 and ws["C2"].data_type == "n"


def test_defused_csv_reads_back_exactly(tmp_path, catalogue) -> None:
    frame = pd.DataFrame({"code": ["11001", "11002"], "naam": ["=A", "-B"],
                          "niveau": ["municipality", "municipality"]})
    path = write_csv(frame, tmp_path / "gebieden.csv")
    raw = read_raw_table(path)
    assert [cells[1] for _, cells in raw.rows] == ["=A", "-B"]


def test_a_geojson_crs_given_as_a_link_is_refused_before_gdal_opens_it(tmp_path: Path) -> None:
    """A ``crs`` link made GDAL fetch the address while opening the file (SSRF)."""
    from opbouw.data.geo_safety import GeoRefused, proven_driver

    feature = ('{"type":"Feature","properties":{"code":"44021","url":"http://x.be"},'
               '"geometry":{"type":"Polygon","coordinates":[[[3.7,51.0],[3.8,51.0],'
               '[3.8,51.1],[3.7,51.0]]]}}')
    crs = {
        "link": '{"type":"link","properties":{"href":"http://127.0.0.1:9/c.wkt",'
                '"type":"ogcwkt"}}',
        "url_name": '{"type":"name","properties":{"name":"http://evil.example/crs"}}',
        "ogc_name": '{"type":"name","properties":{"name":'
                    '"http://www.opengis.net/def/crs/EPSG/0/4326"}}',
        "urn": '{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}',
    }
    refused = {}
    for name, member in crs.items():
        path = tmp_path / f"{name}.geojson"
        # the crs member after the features too: GDAL reads it wherever it stands
        path.write_text('{"type":"FeatureCollection","features":[' + feature + '],"crs":'
                        + member + "}")
        try:
            proven_driver(path)
            refused[name] = False
        except GeoRefused as exc:
            refused[name] = exc.problem.found == "crs_link"
    assert refused == {"link": True, "url_name": True, "ogc_name": False, "urn": False}
