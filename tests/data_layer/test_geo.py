import geopandas as gpd
import pyogrio
from shapely.geometry import box

from opbouw.data.dataset import FileSpec, import_files, validate_files
from opbouw.data.demo import load_demo


def _grid(tmp_path, crs):
    frame = gpd.GeoDataFrame({"code": ["04000", "11001"], "naam": ["A", "B"]},
                             geometry=[box(150000, 170000, 151000, 171000),
                                       box(151000, 170000, 152000, 171000)], crs=crs)
    return frame


def test_geopackage_keeps_codes_and_metric_crs(tmp_path, catalogue) -> None:
    path = tmp_path / "a.gpkg"
    _grid(tmp_path, "EPSG:31370").to_file(path, layer="areas")
    ds = import_files([FileSpec(path, layer="areas")], catalogue)
    assert ds.areas.codes == ["04000", "11001"]
    assert ds.areas.frame.crs.to_epsg() == 31370
    display = ds.areas.to_display()
    assert display.crs.to_epsg() == 4326 and 2 < display.total_bounds[0] < 6


def test_geojson_in_wgs84_is_projected_for_spatial_work(tmp_path, catalogue) -> None:
    path = tmp_path / "a.geojson"
    _grid(tmp_path, "EPSG:31370").to_crs(4326).to_file(path, driver="GeoJSON")
    ds = import_files([FileSpec(path)], catalogue)
    assert ds.areas.frame.crs.is_projected


def test_shapefile_without_crs_is_reported(tmp_path, catalogue) -> None:
    path = tmp_path / "a.shp"
    pyogrio.write_dataframe(_grid(tmp_path, "EPSG:31370"), path)
    (tmp_path / "a.prj").unlink()
    problems = validate_files([FileSpec(path)], catalogue)
    assert [p.kind for p in problems] == ["crs_missing"]
    ds = import_files([FileSpec(path, crs="EPSG:31370")], catalogue)
    assert len(ds.areas) == 2


def test_demo_dataset_loads_with_hierarchy() -> None:
    ds = load_demo()
    frame = ds.areas.frame
    assert (frame["level"] == "municipality").sum() == 327
    assert len(ds.areas.children("40000")) == 65  # East Flanders before the 2019 mergers
    assert ds.wide(2013).shape == (327, 9)
