"""Points of participatory mapping: blurring for privacy and a density grid for heat maps.

Both work on a square grid in Belgian Lambert 2008 (EPSG:3812), so that a precision of
100 m means the same everywhere in Belgium and the cells of the heat map are real squares.
Pure computation: WGS84 longitudes and latitudes in, the same out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from opbouw.errors import ConfigError

__all__ = ["LAMBERT_2008", "GridCell", "blur_point", "density_grid"]

LAMBERT_2008 = "EPSG:3812"


@lru_cache(maxsize=1)
def _transformers() -> tuple[Any, Any]:
    from pyproj import Transformer

    forward = Transformer.from_crs("EPSG:4326", LAMBERT_2008, always_xy=True)
    back = Transformer.from_crs(LAMBERT_2008, "EPSG:4326", always_xy=True)
    return forward, back


def blur_point(lon: float, lat: float, precision_m: float) -> tuple[float, float]:
    """The centre of the ``precision_m`` grid cell that holds the point.

    Parameters
    ----------
    lon, lat : float
        WGS84 coordinates.
    precision_m : float
        Side of the grid cell in metres; 0 or less returns the point unchanged.

    Returns
    -------
    tuple of float
        ``(lon, lat)`` of the cell centre, rounded to 6 decimals (about 10 cm), so the
        original position cannot be recovered beyond the cell.

    Examples
    --------
    >>> a = blur_point(3.7250, 51.0540, 100)
    >>> b = blur_point(3.7252, 51.0541, 100)
    >>> a == b
    True
    """
    if precision_m <= 0:
        return lon, lat
    forward, back = _transformers()
    x, y = forward.transform(lon, lat)
    cx = (np.floor(x / precision_m) + 0.5) * precision_m
    cy = (np.floor(y / precision_m) + 0.5) * precision_m
    blon, blat = back.transform(cx, cy)
    return round(float(blon), 6), round(float(blat), 6)


@dataclass(frozen=True)
class GridCell:
    """One square of the density grid: its outline in WGS84 and how many points it holds."""

    ring: tuple[tuple[float, float], ...]
    count: int


def density_grid(points: Sequence[tuple[float, float]], cell_m: float) -> list[GridCell]:
    """Count points per square cell of ``cell_m`` metres; only cells with points.

    Parameters
    ----------
    points : sequence of (lon, lat)
        WGS84 coordinates.
    cell_m : float
        Side of a cell in metres (must be positive).

    Returns
    -------
    list of GridCell
        Sorted by descending count, then position, so the output is reproducible.

    Examples
    --------
    >>> cells = density_grid([(3.725, 51.054), (3.7251, 51.0541), (3.80, 51.10)], 250)
    >>> [c.count for c in cells]
    [2, 1]
    """
    if cell_m <= 0:
        raise ConfigError("cell_m must be positive")
    if not points:
        return []
    forward, back = _transformers()
    arr = np.asarray(points, dtype=float)
    x, y = forward.transform(arr[:, 0], arr[:, 1])
    ix = np.floor(np.asarray(x) / cell_m).astype(np.int64)
    iy = np.floor(np.asarray(y) / cell_m).astype(np.int64)
    keys, counts = np.unique(np.stack([ix, iy], axis=1), axis=0, return_counts=True)
    cells = []
    for (i, j), n in zip(keys.tolist(), counts.tolist(), strict=True):
        xs = np.array([i, i + 1, i + 1, i, i], dtype=float) * cell_m
        ys = np.array([j, j, j + 1, j + 1, j], dtype=float) * cell_m
        lons, lats = back.transform(xs, ys)
        ring = tuple((round(float(a), 6), round(float(b), 6))
                     for a, b in zip(lons, lats, strict=True))
        cells.append(((-n, i, j), GridCell(ring=ring, count=int(n))))
    cells.sort(key=lambda c: c[0])
    return [c for _k, c in cells]
