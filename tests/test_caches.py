"""Where compiled kernels are kept, and which of esda's kernels are cached."""

from __future__ import annotations

from pathlib import Path

from opbouw.caches import cache_dir, use_numba_cache


def test_numba_cache_goes_under_the_user_cache_dir() -> None:
    env = {"XDG_CACHE_HOME": "/srv/cache"}
    assert use_numba_cache(env) == "/srv/cache/opbouw/numba"
    assert env["NUMBA_CACHE_DIR"] == "/srv/cache/opbouw/numba"


def test_a_given_numba_cache_dir_is_kept() -> None:
    env = {"NUMBA_CACHE_DIR": "/elsewhere", "XDG_CACHE_HOME": "/srv/cache"}
    assert use_numba_cache(env) == "/elsewhere"


def test_without_xdg_the_home_cache_is_used() -> None:
    assert cache_dir({}) == Path.home() / ".cache" / "opbouw"


def test_cacheable_kernels_are_cached_and_compute_chunk_is_not() -> None:
    # the test configuration set NUMBA_CACHE_DIR before numba was imported
    import esda.crand
    import esda.moran

    from opbouw.analysis.spatial.kernels import cache_kernels

    assert cache_kernels()
    assert type(esda.moran._moran_local_crand._cache).__name__ == "FunctionCache"
    assert type(esda.crand.vec_permutations._cache).__name__ == "FunctionCache"
    # typed on the statistic it is given, it would get a new cache entry in every process
    assert type(esda.crand.compute_chunk._cache).__name__ == "NullCache"
