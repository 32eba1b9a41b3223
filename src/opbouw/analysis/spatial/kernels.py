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
"""

from __future__ import annotations

import importlib

__all__ = ["CACHEABLE", "cache_kernels"]

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
