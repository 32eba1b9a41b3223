"""Keep esda's compiled permutation kernels between runs, where numba was given a cache.

numba compiles esda's kernels on first use in every process, which costs tens of seconds
and dominated the test suite. esda does not ask numba to cache them (no ``cache=True``),
so :func:`cache_kernels` switches numba's on-disk cache on for the kernels that can be
cached, and only when a cache directory was configured (``NUMBA_CACHE_DIR``, set by the
edges: the ``opbouw`` command, the WSGI entry point and the test configuration, through
:func:`opbouw.caches.use_numba_cache`). This module itself opens no file: numba does, in
the directory the process was given.

``esda.crand.compute_chunk`` is left out on purpose: it takes the statistic as a function
argument, and a function typed on another function gets a new cache key in every process,
so caching it would only grow the cache without ever loading from it.

The loop itself, ``esda.crand.compute_chunk``, is what costs most of a cold start.
:func:`cached_kernels` swaps it, for the two statistics opbouw uses (local Moran and Gi*),
for the same loop with the statistic written in (``_chunk``, compiled with
``cache=True``): same operations in the same order, so the same permutations give the same
counts; a test checks the p-values against esda's own loop on real wijken. Everything else
(standardising, weights, permutation ids, seed) stays esda's.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

njit: Any
try:  # numba is optional for esda; without it esda runs plain Python and so do we
    from numba import njit
except ImportError:  # pragma: no cover - numba is installed with opbouw
    njit = None

__all__ = ["CACHEABLE", "cache_kernels", "cached_kernels", "kernels_compiled", "warm"]


CACHEABLE: dict[str, tuple[str, ...]] = {
    "esda.crand": ("vec_permutations", "build_weights_offsets", "_prepare_univariate", "local"),
    "esda.moran": ("_moran_local_crand",),
    "esda.getisord": ("_g_local_crand", "_g_local_star_crand"),
    "esda.significance": ("_permutation_significance",),
}
"""esda module -> names of its numba kernels that opbouw's statistics use and that cache."""

_done = False


def cache_kernels() -> bool:
    """Turn numba's disk cache on for :data:`CACHEABLE`; ``True`` if it is on.

    Does nothing without numba or without a configured cache directory, and only once per
    process.
    """
    global _done
    if _done:
        return True
    try:
        from numba.core import config
        from numba.core.registry import CPUDispatcher
    except ImportError:
        return False
    if not getattr(config, "CACHE_DIR", ""):
        return False
    for module_name, names in CACHEABLE.items():
        module = importlib.import_module(module_name)
        for name in names:
            kernel = getattr(module, name, None)
            if isinstance(kernel, CPUDispatcher):
                try:
                    kernel.enable_caching()
                except RuntimeError:  # no usable cache directory: compile as before
                    return False
    _done = True
    return True


def _chunk(z: np.ndarray, observed: np.ndarray, cardinalities: np.ndarray,
           self_weights: np.ndarray, other_weights: np.ndarray, permuted_ids: np.ndarray,
           scaling: float, island_weight: float, gstar: bool) -> np.ndarray:
    """esda ``compute_chunk`` (serial, directed p, no kept simulations) with the
    statistic inlined: ``_moran_local_crand`` or ``_g_local_star_crand``."""
    n = z.shape[0]
    p_permutations = permuted_ids.shape[0]
    p_sims = np.zeros((n,), dtype=np.float32)
    wloc = 0
    for i in range(n):
        cardinality = cardinalities[i]
        if cardinality == 0:
            weights_i = np.zeros(2, dtype=other_weights.dtype)
            weights_i[1] = island_weight
        else:
            weights_i = np.zeros(cardinality + 1, dtype=other_weights.dtype)
            weights_i[0] = self_weights[i]
            weights_i[1:] = other_weights[wloc:(wloc + cardinality)]
        wloc += cardinality
        self_weight = weights_i[0]
        others = weights_i[1:]
        # esda _prepare_univariate
        mask = np.ones(n, dtype=np.bool_)
        mask[i] = False
        z_no_i = z[mask]
        k = len(others)
        flat = permuted_ids[:, :k].flatten()
        zrand = z_no_i[flat].reshape(-1, k)
        zi = z[i]
        if gstar:
            rstats = (zrand @ others + self_weight * zi) / scaling
        else:
            rstats = zi * (zrand @ others + self_weight * zi) * scaling
        # esda _permutation_significance, alternative="directed"
        larger = (rstats >= observed[i]).sum()
        if (p_permutations - larger) < larger:
            larger = p_permutations - larger
        p_sims[i] = (larger + 1.0) / (p_permutations + 1.0)
    return p_sims


if njit is not None:
    _chunk_jit = njit(cache=True, fastmath=True)(_chunk)
else:  # pragma: no cover
    _chunk_jit = _chunk


def _compute_chunk(original: Any, stats: dict[Any, bool]) -> Any:
    def compute_chunk(chunk_start: int, z_chunk: np.ndarray, z: np.ndarray,
                      observed: np.ndarray, cardinalities: np.ndarray,
                      self_weights: np.ndarray, other_weights: np.ndarray,
                      permuted_ids: np.ndarray, scaling: float, keep: bool, stat_func: Any,
                      island_weight: float, alternative: str) -> Any:
        gstar = stats.get(stat_func)
        if (gstar is None or keep or chunk_start != 0 or z.ndim != 1
                or alternative != "directed" or z_chunk.shape[0] != z.shape[0]):
            return original(chunk_start, z_chunk, z, observed, cardinalities, self_weights,
                            other_weights, permuted_ids, scaling, keep, stat_func,
                            island_weight, alternative=alternative)
        p = _chunk_jit(np.ascontiguousarray(z, dtype=np.float64),
                       np.asarray(observed, dtype=np.float64), np.asarray(cardinalities),
                       np.asarray(self_weights, dtype=np.float64),
                       np.asarray(other_weights, dtype=np.float64),
                       permuted_ids, float(scaling), float(island_weight), bool(gstar))
        return p, np.empty((1, 1))

    return compute_chunk


@contextmanager
def cached_kernels() -> Iterator[None]:
    """Within this block esda's serial permutation loop for local Moran and Gi* runs the
    cached kernel; esda's permutation generator is cached too. Not thread-safe (it swaps
    a module attribute of esda for the duration)."""
    if njit is None:
        yield
        return
    from esda import crand
    from esda.getisord import _g_local_star_crand
    from esda.moran import _moran_local_crand

    permutations = crand.vec_permutations
    if permutations._cache.__class__.__name__ == "NullCache":
        try:
            permutations.enable_caching()
        except RuntimeError:  # no usable cache directory: compile as before
            pass
    drawn: dict[tuple[int, int, int, int], np.ndarray] = {}

    def vec_permutations(max_card: int, n: int, k_replications: int, seed: int) -> Any:
        # LISA and Gi* on the same areas and seed draw the same ids: draw them once
        key = (int(max_card), int(n), int(k_replications), int(seed))
        if key not in drawn:
            drawn[key] = permutations(max_card, n, k_replications, seed)
        return drawn[key]

    original = crand.compute_chunk
    crand.compute_chunk = _compute_chunk(original, {_moran_local_crand: False,
                                                    _g_local_star_crand: True})
    crand.vec_permutations = vec_permutations
    try:
        yield
    finally:
        crand.compute_chunk = original
        crand.vec_permutations = permutations


def kernels_compiled() -> bool:
    """Whether the kernel has a compiled version loaded in this process."""
    return njit is not None and bool(getattr(_chunk_jit, "signatures", ()))


def warm() -> None:
    """Compile (or load from the cache) the kernel once, e.g. at the start of a test
    session, so that no single test pays for it."""
    if njit is None:
        return
    z = np.array([1.0, -1.0, 0.5, -0.5])
    ids = np.zeros((3, 1), dtype=np.int64)
    _chunk_jit(z, z, np.ones(4, dtype=np.int64), np.zeros(4), np.ones(4), ids, 1.0, 0.0, False)
