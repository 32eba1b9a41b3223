"""Small counts hidden before they leave the organisation (exports, the API).

A count of 1-4 people or signals in one area and period can point at a person; such
cells are replaced by ``None`` ("fewer than the threshold"). Zero stays zero: it reveals
nobody.

Examples
--------
>>> suppress({"wonen": 12, "werk": 3, "onderwijs": 0}, 5)
{'wonen': 12, 'werk': None, 'onderwijs': 0}
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["MIN_COUNT", "suppress", "suppress_value"]

MIN_COUNT = 5


def suppress_value(count: int, threshold: int = MIN_COUNT) -> int | None:
    """``count``, or ``None`` when it is positive but below ``threshold``."""
    return None if 0 < count < threshold else count


def suppress(counts: Mapping[str, int], threshold: int = MIN_COUNT) -> dict[str, int | None]:
    """Every count of ``counts`` through :func:`suppress_value`, order kept."""
    return {k: suppress_value(v, threshold) for k, v in counts.items()}
