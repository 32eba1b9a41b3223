"""Blurring and the density grid of participatory mapping (Lambert 2008 squares)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opbouw.analysis.places import LAMBERT_2008, blur_point, density_grid


def _lambert(lon: float, lat: float) -> tuple[float, float]:
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", LAMBERT_2008, always_xy=True).transform(lon, lat)


@settings(max_examples=60, deadline=None)
@given(lon=st.floats(2.6, 6.3), lat=st.floats(49.6, 51.4),
       precision=st.sampled_from([50, 100, 250, 1000]))
def test_blurred_point_is_the_centre_of_its_cell(lon: float, lat: float, precision: int) -> None:
    blon, blat = blur_point(lon, lat, precision)
    x, y = _lambert(lon, lat)
    bx, by = _lambert(blon, blat)
    # the centre of the cell that holds the original point (rounding to 1e-6 degree ~ 0.1 m)
    assert abs(bx - (np.floor(x / precision) + 0.5) * precision) < 0.2
    assert abs(by - (np.floor(y / precision) + 0.5) * precision) < 0.2
    # never further than half a diagonal from the truth
    assert np.hypot(bx - x, by - y) <= precision * np.sqrt(2) / 2 + 0.2


def test_points_in_one_cell_become_indistinguishable() -> None:
    x, y = _lambert(3.7250, 51.0540)
    from pyproj import Transformer

    back = Transformer.from_crs(LAMBERT_2008, "EPSG:4326", always_xy=True)
    cx = (np.floor(x / 100) + 0.5) * 100
    cy = (np.floor(y / 100) + 0.5) * 100
    inside = [back.transform(cx + dx, cy + dy) for dx, dy in ((-40, -40), (40, 10), (0, 45))]
    assert len({blur_point(lon, lat, 100) for lon, lat in inside}) == 1


def test_zero_precision_keeps_the_point() -> None:
    assert blur_point(4.1, 51.1, 0) == (4.1, 51.1)


def test_density_counts_add_up_and_cells_are_squares() -> None:
    rng = np.random.default_rng(7)
    pts = [(4.14 + dx, 51.16 + dy) for dx, dy in rng.normal(0, 0.003, size=(40, 2))]
    cells = density_grid(pts, 200)
    assert sum(c.count for c in cells) == 40
    assert [c.count for c in cells] == sorted((c.count for c in cells), reverse=True)
    for c in cells[:3]:
        xs, ys = zip(*(_lambert(lon, lat) for lon, lat in c.ring), strict=True)
        assert max(xs) - min(xs) == pytest.approx(200, abs=0.5)
        assert max(ys) - min(ys) == pytest.approx(200, abs=0.5)
        assert c.ring[0] == c.ring[-1]


def test_density_rejects_a_bad_cell_size() -> None:
    with pytest.raises(ValueError):
        density_grid([(4.1, 51.1)], 0)
    assert density_grid([], 100) == []
