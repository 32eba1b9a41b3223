"""Shared fixtures: test data paths, the catalogue, numeric tolerances, warm kernels."""

from __future__ import annotations

from pathlib import Path

from opbouw.caches import use_numba_cache

# before anything imports numba: esda's compiled kernels are kept in the user's cache
use_numba_cache()

import pytest  # noqa: E402

from opbouw.model.indicators import Catalogue, load_catalogue  # noqa: E402

DATA = Path(__file__).parent / "data"
RTOL = 1e-12
ATOL = 1e-9


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(autouse=True)
def dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPBOUW_LANG", raising=False)


@pytest.fixture(scope="session")
def spatial_kernels() -> None:
    """Compile esda's permutation kernels once per test session, so the tests that use
    them time their own work and not numba's (the first run of a machine still compiles;
    later runs load the cacheable kernels from the numba cache)."""
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    from opbouw.analysis.spatial import ConcentrationConfig, build_weights, local_concentration

    codes = [f"c{i}" for i in range(9)]
    frame = gpd.GeoDataFrame(geometry=[box(i % 3, i // 3, i % 3 + 1, i // 3 + 1)
                                       for i in range(9)], index=codes, crs=3812)
    values = pd.Series([float(i % 4) for i in range(9)], index=codes)
    local_concentration(values, build_weights(frame, "queen", cache=False),
                        ConcentrationConfig(permutations=99, seed=1))
