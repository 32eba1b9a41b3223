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


def test_shapefile_without_crs_in_lambert_72_is_assumed_with_a_warning(tmp_path,
                                                                       catalogue) -> None:
    path = tmp_path / "a.shp"
    pyogrio.write_dataframe(_grid(tmp_path, "EPSG:31370"), path)
    (tmp_path / "a.prj").unlink()
    problems = validate_files([FileSpec(path)], catalogue)
    assert [(p.kind, p.is_error) for p in problems] == [("crs_assumed", False)]
    assert "Lambert 72 (EPSG:31370)" in problems[0].message()
    assert "wordt aangenomen" in problems[0].message()
    ds = import_files([FileSpec(path)], catalogue)
    assert ds.areas.frame.crs.to_epsg() == 31370
    ds = import_files([FileSpec(path, crs="EPSG:31370")], catalogue)
    assert len(ds.areas) == 2


def test_shapefile_without_crs_outside_belgium_is_an_error(tmp_path, catalogue) -> None:
    path = tmp_path / "a.shp"
    frame = _grid(tmp_path, "EPSG:31370")
    frame["geometry"] = [box(5e6, 5e6, 5.1e6, 5.1e6), box(5.1e6, 5e6, 5.2e6, 5.1e6)]
    pyogrio.write_dataframe(frame, path)
    (tmp_path / "a.prj").unlink()
    problems = validate_files([FileSpec(path)], catalogue)
    assert [(p.kind, p.is_error) for p in problems] == [("crs_missing", True)]


def test_degrees_labelled_as_lambert_72_are_an_error_naming_file_and_crs(tmp_path,
                                                                        catalogue) -> None:
    path = tmp_path / "graden.gpkg"
    frame = gpd.GeoDataFrame({"code": ["44021", "44022"]},
                             geometry=[box(3.7, 51.0, 3.75, 51.05), box(3.75, 51.0, 3.8, 51.05)],
                             crs="EPSG:4326").set_crs("EPSG:31370", allow_override=True)
    frame.to_file(path, layer="areas")
    problems = validate_files([FileSpec(path)], catalogue)
    assert [p.kind for p in problems if p.is_error] == ["crs_mismatch"]
    text = problems[0].render()
    assert text.startswith("graden.gpkg: ") and "EPSG:31370" in text
    assert "het Belgische vasteland" in text and "Belgium" in problems[0].render("en")


def test_lambert_coordinates_in_a_geojson_without_crs_are_an_error(tmp_path,
                                                                   catalogue) -> None:
    # GeoJSON is WGS84 by definition: metres there are far outside the world
    path = tmp_path / "lambert.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    '"properties": {"code": "44021"}, "geometry": {"type": "Polygon", '
                    '"coordinates": [[[104000, 194000], [105000, 194000], [105000, 195000], '
                    '[104000, 194000]]]}}]}')
    problems = validate_files([FileSpec(path)], catalogue)
    assert [p.kind for p in problems if p.is_error] == ["crs_mismatch"]
    assert "EPSG:4326" in problems[0].message()


def test_geometry_that_becomes_infinite_when_projected_is_an_error(tmp_path,
                                                                    catalogue) -> None:
    from shapely.geometry import Polygon

    path = tmp_path / "pool.geojson"
    # inside WGS84's area of use, but Lambert 2008 sends the south pole to infinity
    frame = gpd.GeoDataFrame({"code": ["44021"]}, geometry=[
        Polygon([(3.0, -89.99), (4.0, -89.99), (4.0, -90.0), (3.0, -89.99)])], crs="EPSG:4326")
    frame.to_file(path, driver="GeoJSON")
    problems = validate_files([FileSpec(path)], catalogue)
    kinds = [p.kind for p in problems if p.is_error]
    assert kinds == ["geometry_empty_after_projection"], problems
    assert problems[-1].row == 1 and "EPSG:3812" in problems[-1].message()


def test_several_layers_need_a_choice_and_a_wrong_layer_is_named(tmp_path, catalogue) -> None:
    path = tmp_path / "lagen.gpkg"
    _grid(tmp_path, "EPSG:31370").to_file(path, layer="gemeente")
    _grid(tmp_path, "EPSG:31370").to_file(path, layer="wijk")
    problems = validate_files([FileSpec(path)], catalogue)
    assert [p.kind for p in problems] == ["several_layers"]
    assert "gemeente, wijk" in problems[0].message() and "--layer" in problems[0].message()
    problems = validate_files([FileSpec(path, layer="sector")], catalogue)
    assert [p.kind for p in problems] == ["missing_layer"]
    assert problems[0].message() == ("Laag 'sector' zit niet in het bestand. Verwacht: een "
                                     "van gemeente, wijk.")
    ds = import_files([FileSpec(path, layer="wijk")], catalogue)
    assert ds.areas.codes == ["04000", "11001"]


def test_population_in_a_geopackage_is_checked(tmp_path, catalogue) -> None:
    path = tmp_path / "a.gpkg"
    frame = _grid(tmp_path, "EPSG:31370")
    frame["inwoners"] = [-5.0, 1e308]
    frame.to_file(path, layer="areas")
    problems = validate_files([FileSpec(path)], catalogue)
    assert [(p.kind, p.row, p.column) for p in problems] == [
        ("negative_count", 1, "inwoners"), ("count_too_large", 2, "inwoners")]
    assert "1.000.000.000" in problems[1].message()


def test_demo_dataset_loads_with_hierarchy() -> None:
    ds = load_demo()
    frame = ds.areas.frame
    assert (frame["level"] == "municipality").sum() == 327
    assert len(ds.areas.children("40000")) == 65  # East Flanders before the 2019 mergers
    assert ds.wide(2013).shape == (327, 9)


def test_wkt_in_a_table_follows_the_same_crs_rules(tmp_path, catalogue) -> None:
    lambert = tmp_path / "lambert.csv"
    lambert.write_text("code;naam;niveau;geometry\n44021;Gent;municipality;"
                       "POLYGON ((104000 194000, 105000 194000, 105000 195000, 104000 194000))\n")
    problems = validate_files([FileSpec(lambert)], catalogue)
    assert [(p.kind, p.column, p.is_error) for p in problems] == [
        ("crs_assumed", "geometry", False)]
    assert import_files([FileSpec(lambert)], catalogue).areas.frame.crs.to_epsg() == 31370
    degrees = tmp_path / "graden.csv"
    degrees.write_text("code;naam;niveau;geometry\n44021;Gent;municipality;"
                       "POLYGON ((3.7 51.0, 3.8 51.0, 3.8 51.1, 3.7 51.0))\n")
    problems = validate_files([FileSpec(degrees)], catalogue)
    assert [p.kind for p in problems] == ["crs_missing"]  # degrees need --crs EPSG:4326
    problems = validate_files([FileSpec(degrees, crs="EPSG:31370")], catalogue)
    assert [p.kind for p in problems] == ["crs_mismatch"]
    assert import_files([FileSpec(degrees, crs="EPSG:4326")], catalogue).areas.frame.crs \
        .to_epsg() == 3812
