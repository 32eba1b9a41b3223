"""Warm the spatial permutation kernel once per test session (loaded from numba's cache
after the first run), so no single test pays for compiling it."""

import pytest


@pytest.fixture(scope="session", autouse=True)
def _warm_spatial_kernels() -> None:
    from opbouw.analysis.spatial.kernels import warm

    warm()
