"""Where opbouw keeps what it can rebuild: the user's cache directory.

Only the edges call this (the ``opbouw`` command, the WSGI entry point, the tests), and
before numba is imported, because numba reads ``NUMBA_CACHE_DIR`` once, when it loads.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path

__all__ = ["cache_dir", "use_numba_cache"]


def cache_dir(environ: MutableMapping[str, str] = os.environ) -> Path:
    """``$XDG_CACHE_HOME/opbouw``, else ``~/.cache/opbouw``."""
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "opbouw"


def use_numba_cache(environ: MutableMapping[str, str] = os.environ) -> str:
    """Point numba's cache at ``<cache dir>/numba`` unless ``NUMBA_CACHE_DIR`` is set.

    Compiled esda kernels are then loaded from there instead of compiled again in every
    process (see :mod:`opbouw.analysis.spatial.kernels`). Returns the directory in use.
    """
    return environ.setdefault("NUMBA_CACHE_DIR", str(cache_dir(environ) / "numba"))
