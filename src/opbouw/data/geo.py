"""Geometry files through pyogrio, and the CRS rules of opbouw.

Spatial work happens in a metric CRS: Belgian Lambert 72 (EPSG:31370) and Lambert 2008
(EPSG:3812) are kept as they are; geographic coordinates are projected to Lambert 2008.
Maps on the web are drawn in WGS84 (EPSG:4326) via :func:`to_display`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from opbouw.data.problems import Problem

GEO_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip", ".fgb")
METRIC_CRS = "EPSG:3812"
DISPLAY_CRS = "EPSG:4326"
BELGIAN_CRS = ("EPSG:31370", "EPSG:3812")


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
    valid = shapely.is_valid(geoms)
    for i in np.flatnonzero(missing):
        problems.append(Problem("geometry_unparsable", file, rows[i], column, "(leeg)", "wkt",
                                row_is_feature=feature_rows))
    for i in np.flatnonzero(~valid & ~missing):
        reason = shapely.is_valid_reason(geoms[i])
        problems.append(Problem("geometry_invalid", file, rows[i], column, reason,
                                "valid_polygon", row_is_feature=feature_rows))
    return problems


def read_geo(path: str | Path, layer: str | None = None) -> tuple[Any, list[Problem]]:
    """Read a GeoJSON/GeoPackage/Shapefile; returns (GeoDataFrame or None, problems).

    A file without CRS is reported; GeoJSON is WGS84 by definition (RFC 7946).
    """
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    p = Path(path)
    try:
        frame = pyogrio.read_dataframe(p, layer=layer)
    except (DataSourceError, DataLayerError, OSError, ValueError, RuntimeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [Problem("unreadable_file", p.name, found=first[:200],
                              expected="tabular_or_geo")]
    problems: list[Problem] = []
    if frame.crs is None:
        problems.append(Problem("crs_missing", p.name, expected="crs"))
    rows = list(range(1, len(frame) + 1))
    problems += geometry_problems(np.asarray(frame.geometry.values), rows, p.name,
                                  "geometry", feature_rows=True)
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
