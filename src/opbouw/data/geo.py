"""Geometry files through pyogrio, and the CRS rules of opbouw.

Spatial work happens in a metric CRS: Belgian Lambert 72 (EPSG:31370) and Lambert 2008
(EPSG:3812) are kept as they are; geographic coordinates are projected to Lambert 2008.
Maps on the web are drawn in WGS84 (EPSG:4326) via :func:`to_display`.

The CRS a file states is checked against its coordinates (:func:`check_crs`): the
coordinates must lie in the CRS's area of use (pyproj's ``area_of_use``), so degrees
labelled as Lambert 72 are an error rather than areas in the North Sea. A file without a
CRS is an error, with one documented assumption: when every coordinate fits Belgian
Lambert 72 (or Lambert 2008, whose coordinates never overlap those of Lambert 72), that
CRS is taken and a warning says so. A geometry that becomes empty or infinite when
projected is an error too.
"""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from opbouw.data.geo_safety import GeoRefused, check_opened, gdal_path, proven_driver
from opbouw.data.limits import LIMITS, Limits
from opbouw.data.problems import Problem, Severity, number

GEO_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip", ".fgb")
METRIC_CRS = "EPSG:3812"
DISPLAY_CRS = "EPSG:4326"
BELGIAN_CRS = ("EPSG:31370", "EPSG:3812")
# what pyogrio raises on files it cannot make sense of (IndexError: odd GeoJSON, seen)
log = logging.getLogger("opbouw.data")
GDAL_ERRORS = (OSError, ValueError, RuntimeError, IndexError, KeyError, TypeError)


def is_geo_file(path: str | Path) -> bool:
    """Whether the file is read as geometry (by its suffix)."""
    return Path(path).suffix.lower() in GEO_SUFFIXES


def to_metric(frame: Any) -> Any:
    """Project a GeoDataFrame to a metric CRS unless it already has one."""
    if frame.crs is None or frame.crs.is_projected:
        return frame
    return frame.to_crs(METRIC_CRS)


def _crs_name(crs: Any) -> str:
    epsg = crs.to_epsg()
    return f"{crs.name} (EPSG:{epsg})" if epsg else str(crs.name)


def _bounds(geoms: np.ndarray) -> tuple[float, float, float, float] | None:
    """The bounds of the geometries that have finite coordinates, or None."""
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not present.any():
        return None
    coords = shapely.get_coordinates(geoms[present])
    coords = coords[np.isfinite(coords).all(axis=1)]
    if not len(coords):
        return None
    (x0, y0), (x1, y1) = coords.min(axis=0), coords.max(axis=0)
    return float(x0), float(y0), float(x1), float(y1)


def fits_crs(bounds: tuple[float, float, float, float], crs: Any, margin: float = 0.1) -> bool:
    """Whether coordinates with these bounds lie in the CRS's area of use (in degrees,
    widened by ``margin``); True when the CRS states no area of use.

    The margin is small: degrees read as Lambert 72 metres land just 0.2 degrees outside
    Belgium (the projection's origin lies south-west of it).

    >>> fits_crs((150000, 170000, 152000, 171000), "EPSG:31370")
    True
    >>> fits_crs((3.7, 51.0, 3.8, 51.1), "EPSG:31370")  # degrees labelled as Lambert 72
    False
    """
    from pyproj import CRS, Transformer
    from pyproj.exceptions import ProjError

    crs = CRS.from_user_input(crs)
    area = crs.area_of_use
    if area is None:
        return True
    if crs.is_geographic:
        lon0, lat0, lon1, lat1 = bounds
    else:
        try:
            to_degrees = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
            lon0, lat0, lon1, lat1 = to_degrees.transform_bounds(*bounds)
        except (ProjError, ValueError):
            return False
    box = (lon0, lat0, lon1, lat1)
    if not all(np.isfinite(box)):
        return False
    return (area.west - margin <= lon0 and lon1 <= area.east + margin
            and area.south - margin <= lat0 and lat1 <= area.north + margin)


def check_crs(geoms: np.ndarray, crs: Any, file: str, column: str | None = None,
              ) -> tuple[Any, list[Problem]]:
    """The CRS to use for ``geoms`` and the problems with it (see the module's rules).

    >>> from shapely.geometry import box
    >>> geoms = np.array([box(150000, 170000, 151000, 171000)])
    >>> crs, problems = check_crs(geoms, None, "a.shp")
    >>> crs, [p.kind for p in problems]
    ('EPSG:31370', ['crs_assumed'])
    """
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    bounds = _bounds(geoms)
    if crs is None:
        if bounds is not None:
            for candidate in BELGIAN_CRS:
                if fits_crs(bounds, candidate, margin=0.0):
                    return candidate, [Problem(
                        "crs_assumed", file, None, column,
                        _crs_name(CRS.from_user_input(candidate)),
                        severity=Severity.WARNING)]
        return None, [Problem("crs_missing", file, None, column, expected="crs")]
    try:
        parsed = CRS.from_user_input(crs)
    except CRSError:
        return None, [Problem("crs_missing", file, None, column, str(crs), "crs")]
    if bounds is not None and not fits_crs(bounds, parsed):
        area = parsed.area_of_use
        return None, [Problem("crs_mismatch", file, None, column, _crs_name(parsed),
                              area.name.rstrip(".") if area is not None else "")]
    if bounds is not None and parsed.is_geographic:
        return crs, _outside_belgium(bounds, file, column)
    return crs, []


# Belgium in degrees (2.5-6.4 E, 49.5-51.5 N), widened generously: files with a border
# strip or the North Sea coast still fit
BELGIUM_DEGREES = (1.5, 49.0, 7.5, 52.0)


def _inside(bounds: tuple[float, float, float, float],
            box: tuple[float, float, float, float]) -> bool:
    return (box[0] <= bounds[0] and bounds[2] <= box[2]
            and box[1] <= bounds[1] and bounds[3] <= box[3])


def _outside_belgium(bounds: tuple[float, float, float, float], file: str,
                     column: str | None) -> list[Problem]:
    """Degrees that lie outside Belgium: an error when swapping longitude and latitude
    puts them inside (a file written latitude first), else a warning.

    >>> [p.kind for p in _outside_belgium((51.0, 3.7, 51.1, 3.8), "a.geojson", None)]
    ['axes_swapped']
    >>> [p.kind for p in _outside_belgium((4.8, 52.3, 4.9, 52.4), "a.geojson", None)]
    ['outside_belgium']
    >>> _outside_belgium((3.7, 51.0, 3.8, 51.1), "a.geojson", None)
    []
    """
    if _inside(bounds, BELGIUM_DEGREES):
        return []
    x0, y0, x1, y1 = bounds
    shown = f"{x0:.4g} {y0:.4g} – {x1:.4g} {y1:.4g}"
    if _inside((y0, x0, y1, x1), BELGIUM_DEGREES):
        return [Problem("axes_swapped", file, None, column, shown)]
    return [Problem("outside_belgium", file, None, column, shown, severity=Severity.WARNING)]


def project_checked(frame: Any, file: str, column: str, feature_rows: bool,
                    rows: list[int] | None = None) -> tuple[Any, list[Problem]]:
    """:func:`to_metric`, with an error for every geometry that becomes empty or infinite."""
    out = to_metric(frame)
    if out is frame:
        return out, []
    geoms = np.asarray(out.geometry.values)
    before = np.asarray(frame.geometry.values)
    had = ~(shapely.is_missing(before) | shapely.is_empty(before))
    lost = had & ((shapely.is_missing(geoms) | shapely.is_empty(geoms))
                  | ~_finite(geoms, np.zeros(len(geoms), dtype=bool)))
    rows = rows or list(range(1, len(frame) + 1))
    problems = [Problem("geometry_empty_after_projection", file, rows[i], column,
                        _crs_name(frame.crs), _crs_name(out.crs), row_is_feature=feature_rows)
                for i in np.flatnonzero(lost)]
    return (None if problems else out), problems


def to_display(frame: Any) -> Any:
    """Project a GeoDataFrame to WGS84 for web maps."""
    return frame.to_crs(DISPLAY_CRS)


def geometry_problems(
    geoms: np.ndarray, rows: list[int], file: str, column: str, feature_rows: bool
) -> list[Problem]:
    """Empty, missing or invalid geometries, with shapely's reason."""
    problems = []
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    finite = _finite(geoms, missing)
    valid = np.zeros(len(geoms), dtype=bool)
    valid[finite] = shapely.is_valid(geoms[finite])
    for i in np.flatnonzero(missing):
        problems.append(Problem("geometry_unparsable", file, rows[i], column, "(leeg)",
                                "polygon" if feature_rows else "wkt",
                                row_is_feature=feature_rows))
    # an area is a surface: a point or line would be stored and drawn as an area
    kinds = np.full(len(geoms), -1)
    kinds[~missing] = shapely.get_type_id(geoms[~missing])
    surface = np.isin(kinds, (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON))
    for i in np.flatnonzero(~missing & ~surface):
        problems.append(Problem("geometry_not_polygon", file, rows[i], column,
                                str(geoms[i].geom_type),
                                "polygon", row_is_feature=feature_rows))
    for i in np.flatnonzero(~finite & ~missing):
        problems.append(Problem("geometry_invalid", file, rows[i], column, "nonfinite",
                                "valid_polygon", row_is_feature=feature_rows))
    for i in np.flatnonzero(~valid & finite & surface):
        reason = shapely.is_valid_reason(geoms[i])
        problems.append(Problem("geometry_invalid", file, rows[i], column, reason,
                                "valid_polygon", row_is_feature=feature_rows))
    return problems


def open_info(path: str | Path, layer: str | None = None,
              limits: Limits = LIMITS) -> tuple[dict[str, Any] | None, list[Problem]]:
    """What GDAL says about a layer, for a file that proved to be one of our formats.

    Nothing is opened before :func:`~opbouw.data.geo_safety.proven_driver` accepted the
    file; the driver GDAL then used must be the one the content proved.
    """
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    p = Path(path)
    try:
        expected = proven_driver(p, limits)
        if expected == "GeoJSON":
            # GDAL parses a whole GeoJSON on every open: count before the first one
            counted = geojson_features(p)
            if counted > limits.features:
                return None, [Problem("limit_features", p.name, found=number(counted),
                                      expected=number(limits.features))]
        source = gdal_path(p)
        listed = pyogrio.list_layers(source)
        names = [str(name) for name, _ in listed]
        spatial = [str(name) for name, geometry in listed if geometry]
        chosen = layer or (spatial[0] if len(spatial) == 1 else None)
        info = pyogrio.read_info(source, layer=chosen if chosen in names else 0)
        check_opened(p, info.get("driver", ""), expected)
        problem = _layer_problem(p, layer, names, spatial)
        if problem is not None:
            return None, [problem]
        info["layer"] = chosen
    except GeoRefused as exc:
        return None, [exc.problem]
    except (*GDAL_ERRORS, DataSourceError, DataLayerError) as exc:
        return None, [_unreadable(p, exc)]
    fields = len(info.get("fields") if info.get("fields") is not None else [])
    if fields > limits.columns:
        return None, [Problem("limit_columns", p.name, found=number(fields),
                              expected=number(limits.columns))]
    features = int(info.get("features") or 0)
    if features == 0:
        return None, [Problem("empty_layer", p.name, found=str(info.get("layer") or ""))]
    if features > limits.features:
        return None, [Problem("limit_features", p.name, found=number(features),
                              expected=number(limits.features))]
    if not info.get("geometry_type"):
        return None, [Problem("no_geometry", p.name)]
    return info, []


_GEOJSON_FEATURE = re.compile(rb'"type"\s*:\s*"Feature"')


def geojson_features(path: Path) -> int:
    """How many features a GeoJSON holds, counted on its bytes without parsing it.

    A ``"type": "Feature"`` inside a string would have its quotes escaped, so only real
    members count; a property named ``type`` with the value ``Feature`` counts too,
    which only makes the count an upper bound, as the limit check needs.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "a.geojson"
    ...     _ = p.write_text('{"type": "FeatureCollection", "features": ['
    ...                      '{"type": "Feature", "properties": {}}, '
    ...                      '{"type":"Feature"}]}')
    ...     geojson_features(p)
    2
    """
    return len(_GEOJSON_FEATURE.findall(path.read_bytes()))


def layers(path: str | Path) -> list[str]:
    """The names of the layers with geometry, for a file :func:`open_info` accepted."""
    import pyogrio

    return [str(name) for name, geometry in pyogrio.list_layers(gdal_path(path)) if geometry]


MAX_LAYERS_SHOWN = 50


def describe_layers(path: str | Path, limits: Limits = LIMITS) -> dict[str, list[str]]:
    """The layers with geometry of a geometry file and the attribute columns of each,
    for the user to choose from (an empty dict when the file is refused or unreadable;
    :func:`open_info` then says why).

    Like every open, this one happens only after the file proved its format.
    """
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    p = Path(path)
    try:
        expected = proven_driver(p, limits)
        found: dict[str, list[str]] = {}
        for name in layers(p)[:MAX_LAYERS_SHOWN]:
            info = pyogrio.read_info(gdal_path(p), layer=name)
            check_opened(p, info.get("driver", ""), expected)
            fields = info.get("fields")
            found[name] = [str(f) for f in (fields if fields is not None else [])][
                :limits.columns]
        return found
    except (GeoRefused, *GDAL_ERRORS, DataSourceError, DataLayerError):
        return {}


def _layer_problem(p: Path, layer: str | None, names: list[str],
                   spatial: list[str]) -> Problem | None:
    """A file with several layers needs one chosen; a chosen layer must exist."""
    if layer is None and len(spatial) > 1:
        return Problem("several_layers", p.name, found=", ".join(spatial))
    if layer is not None and layer not in names:
        return Problem("missing_layer", p.name, found=layer,
                       expected=", ".join(spatial or names))
    return None


def _unreadable(p: Path, exc: Exception) -> Problem:
    # GDAL's own message is English and may hold server paths: it goes to the server log
    log.info("GDAL could not read %s: %s", p.name, exc)
    return Problem("unreadable_file", p.name, found="gdal_unreadable",
                   expected="tabular_or_geo")


def _finite(geoms: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Geometries whose every coordinate is a number (NaN breaks projection and GEOS)."""
    finite = ~missing
    if finite.any():
        coords, index = shapely.get_coordinates(geoms[finite], include_z=False,
                                                return_index=True)
        bad = np.unique(index[~np.isfinite(coords).all(axis=1)])
        positions = np.flatnonzero(finite)
        finite[positions[bad]] = False
    return finite


def read_geo(path: str | Path, layer: str | None = None,
             limits: Limits = LIMITS) -> tuple[Any, list[Problem]]:
    """Read a GeoJSON/GeoPackage/Shapefile/FlatGeobuf; returns (GeoDataFrame or None, problems).

    The CRS is checked by the caller (:func:`check_crs`); GeoJSON is WGS84 by definition
    (RFC 7946). A file with several layers needs ``layer``. The file
    must first prove its format (:mod:`opbouw.data.geo_safety`); limits on features and
    vertices apply.
    """
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    p = Path(path)
    info, problems = open_info(p, layer, limits)
    if info is None:
        return None, problems
    layer = info["layer"]
    try:
        # NaN coordinates make GEOS warn; they are reported per feature below
        # GDAL's warnings ("Non closed ring detected", "More than one layer found") are
        # English and for the server log; what matters reaches the user as a problem
        with np.errstate(invalid="ignore"), warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            frame = pyogrio.read_dataframe(gdal_path(p), layer=layer)
        for w in seen:
            log.info("GDAL on %s: %s", p.name, w.message)
    except shapely.errors.GEOSException as exc:
        # a shape GEOS cannot build (an unclosed ring): name the features that have one
        return None, _unbuildable(p, layer) or [_unreadable(p, exc)]
    except (*GDAL_ERRORS, DataSourceError, DataLayerError) as exc:
        return None, [_unreadable(p, exc)]
    if getattr(frame, "geometry", None) is None or not hasattr(frame, "crs"):
        return None, [Problem("no_geometry", p.name)]
    geoms = np.asarray(frame.geometry.values)
    vertices = int(shapely.get_num_coordinates(geoms).sum())
    if vertices > limits.vertices:
        return None, [Problem("limit_vertices", p.name, found=number(vertices),
                              expected=number(limits.vertices))]
    rows = list(range(1, len(frame) + 1))
    problems += geometry_problems(geoms, rows, p.name, "geometry", feature_rows=True)
    return frame, problems


SHAPES_SHOWN = 20


def _unbuildable(p: Path, layer: str | None) -> list[Problem]:
    """The features whose geometry GEOS cannot build (a ring that is not closed or has
    too few points), by feature number and code, read one geometry at a time from GDAL's
    WKB; empty when none is found that way (the file is then reported as unreadable)."""
    from pyogrio.errors import DataLayerError, DataSourceError
    from pyogrio.raw import read

    from opbouw.data.columns import find_columns

    try:
        with warnings.catch_warnings(record=True) as seen:  # GDAL's, for the log
            warnings.simplefilter("always")
            meta, _fids, wkb, fields = read(gdal_path(p), layer=layer)
        for w in seen:
            log.info("GDAL on %s: %s", p.name, w.message)
    except (*GDAL_ERRORS, DataSourceError, DataLayerError) as exc:
        log.info("GDAL could not read %s: %s", p.name, exc)
        return []
    names = [str(f) for f in meta.get("fields", [])]
    roles = find_columns(names, ("code",))
    codes = fields[roles["code"]] if "code" in roles else None
    problems: list[Problem] = []
    for i, data in enumerate(wkb):
        try:
            shapely.from_wkb(data)
        except (shapely.errors.GEOSException, ValueError, TypeError) as exc:
            log.info("GEOS on %s, feature %d: %s", p.name, i + 1, exc)
            code = "" if codes is None or codes[i] is None else str(codes[i])
            problems.append(Problem("geometry_not_built", p.name, i + 1,
                                    names[roles["code"]] if code else None,
                                    code or number(i + 1), "valid_polygon",
                                    row_is_feature=True))
            if len(problems) >= SHAPES_SHOWN:
                break
    return problems


def parse_wkt(texts: list[str]) -> tuple[np.ndarray, list[int]]:
    """Parse WKT strings; returns geometries (None where not parsable) and failed indexes."""
    geoms = np.empty(len(texts), dtype=object)
    failed = []
    for i, text in enumerate(texts):
        if not text.strip():
            geoms[i] = None
            continue
        try:
            geoms[i] = shapely.from_wkt(text)
        except (shapely.errors.GEOSException, ValueError, TypeError):
            geoms[i] = None
            failed.append(i)
    return geoms, failed


def geo_series(geoms: np.ndarray, crs: str | None, index: pd.Index) -> Any:
    """A GeoSeries from shapely geometries."""
    import geopandas as gpd

    return gpd.GeoSeries(list(geoms), crs=crs, index=index)
