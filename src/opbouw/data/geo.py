"""Geometry files through pyogrio, and the CRS rules of opbouw.

Spatial work happens in a metric CRS: Belgian Lambert 72 (EPSG:31370) and Lambert 2008
(EPSG:3812) are kept as they are; geographic coordinates are projected to Lambert 2008.
Maps on the web are drawn in WGS84 (EPSG:4326) via :func:`to_display`.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from opbouw.data.geo_safety import GeoRefused, check_opened, proven_driver
from opbouw.data.limits import LIMITS, Limits
from opbouw.data.problems import Problem

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
        problems.append(Problem("geometry_unparsable", file, rows[i], column, "(leeg)", "wkt",
                                row_is_feature=feature_rows))
    for i in np.flatnonzero(~finite & ~missing):
        problems.append(Problem("geometry_invalid", file, rows[i], column, "nonfinite",
                                "valid_polygon", row_is_feature=feature_rows))
    for i in np.flatnonzero(~valid & finite):
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
        info = pyogrio.read_info(p, layer=layer)
        check_opened(p, info.get("driver", ""), expected)
    except GeoRefused as exc:
        return None, [exc.problem]
    except (*GDAL_ERRORS, DataSourceError, DataLayerError) as exc:
        return None, [_unreadable(p, exc)]
    fields = len(info.get("fields") if info.get("fields") is not None else [])
    if fields > limits.columns:
        return None, [Problem("limit_columns", p.name, found=str(fields),
                              expected=str(limits.columns))]
    features = int(info.get("features") or 0)
    if features == 0:
        return None, [Problem("empty_file", p.name)]
    if features > limits.features:
        return None, [Problem("limit_features", p.name, found=str(features),
                              expected=str(limits.features))]
    if not info.get("geometry_type"):
        return None, [Problem("no_geometry", p.name)]
    return info, []


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

    A file without CRS is reported; GeoJSON is WGS84 by definition (RFC 7946). The file
    must first prove its format (:mod:`opbouw.data.geo_safety`); limits on features and
    vertices apply.
    """
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    p = Path(path)
    info, problems = open_info(p, layer, limits)
    if info is None:
        return None, problems
    try:
        # NaN coordinates make GEOS warn; they are reported per feature below
        # GDAL's warnings ("Non closed ring detected", "More than one layer found") are
        # English and for the server log; what matters reaches the user as a problem
        with np.errstate(invalid="ignore"), warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            frame = pyogrio.read_dataframe(p, layer=layer)
        for w in seen:
            log.info("GDAL on %s: %s", p.name, w.message)
    except (*GDAL_ERRORS, DataSourceError, DataLayerError, shapely.errors.GEOSException) as exc:
        # GEOSException: a shape GEOS cannot build (an unclosed ring), named in the log
        return None, [_unreadable(p, exc)]
    if getattr(frame, "geometry", None) is None or not hasattr(frame, "crs"):
        return None, [Problem("no_geometry", p.name)]
    geoms = np.asarray(frame.geometry.values)
    vertices = int(shapely.get_num_coordinates(geoms).sum())
    if vertices > limits.vertices:
        return None, [Problem("limit_vertices", p.name, found=str(vertices),
                              expected=str(limits.vertices))]
    if frame.crs is None:
        problems.append(Problem("crs_missing", p.name, expected="crs"))
    rows = list(range(1, len(frame) + 1))
    problems += geometry_problems(geoms, rows, p.name, "geometry", feature_rows=True)
    return frame, problems


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
