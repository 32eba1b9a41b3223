"""Where spatial concentrations lie, as data: the areas, the places they lie in, and the
compass direction within their parent.

Which cluster type counts as deprived depends on the indicator's direction (high-high
for "higher is worse", low-low for "lower is worse"). The sentences ("een significante
concentratie van 23 kansarme wijken in Ronse en Geraardsbergen (het zuiden van ...)") are
made from this data by :mod:`opbouw.wording`: ``opbouw.analysis`` returns data, never
sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from opbouw.analysis.spatial.concentration import LocalResult, cluster_groups

__all__ = ["CENTRE", "ClusterGroup", "ClusterSummary", "compass", "deprived_cluster",
           "describe_clusters", "places"]

CENTRE = 8
"""The compass sector of a group near its parent's centre (0..7: east, counter-clockwise)."""

_IN_PARENTHESES = re.compile(r"\(([^()]+)\)\s*$")


@dataclass(frozen=True)
class ClusterGroup:
    """One concentration of deprived areas and where it lies."""

    codes: tuple[str, ...]
    places: tuple[str, ...]
    """The places its areas lie in, most areas first."""
    parent: str | None
    """The parent (name) the group mostly lies in; ``None`` for the whole study area."""
    direction: int
    """Compass sector within that parent: 0 east, 1 north-east, ... 7 south-east, 8 centre."""


@dataclass(frozen=True)
class ClusterSummary:
    """The largest concentrations, and how many smaller ones were left out."""

    groups: tuple[ClusterGroup, ...]
    more: int


def _place(code: str, frame: Any, parent_names: Mapping[str, str]) -> str:
    """The place an area lies in: its parent's name, the municipality in its own name
    ("Leug (Aartselaar)"), or its own name."""
    parent = frame.at[code, "parent"] if "parent" in frame.columns else None
    if isinstance(parent, str) and parent:
        return parent_names.get(parent, parent)
    name = frame.at[code, "name"] if "name" in frame.columns else None
    if isinstance(name, str) and name:
        found = _IN_PARENTHESES.search(name)
        return found.group(1).strip() if found else name
    return str(code)


def places(group: list[str], frame: Any,
           parent_names: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The places a group of areas lies in, most areas first (ties by name).

    >>> f = pd.DataFrame({"name": ["A (Ronse)", "B (Ronse)", "C (Geraardsbergen)"]},
    ...                  index=["1", "2", "3"])
    >>> places(["1", "2", "3"], f)
    ('Ronse', 'Geraardsbergen')
    """
    counts = Counter(_place(c, frame, parent_names or {}) for c in group)
    return tuple(n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def compass(dx: float, dy: float, radius: float) -> int:
    """The compass sector of an offset from a centre; :data:`CENTRE` when close to it.

    >>> compass(10, 10, 20), compass(0, -10, 20), compass(1, 1, 20)
    (1, 6, 8)
    """
    if math.hypot(dx, dy) < 0.25 * radius:
        return CENTRE
    return int(((math.degrees(math.atan2(dy, dx)) + 22.5) % 360) // 45)


def deprived_cluster(sign: int) -> str:
    """The LISA cluster type that means "deprived" for an indicator's direction."""
    return "HH" if sign > 0 else "LL"


def describe_clusters(result: LocalResult, frame: Any, sign: int = 1,
                      parent_names: Mapping[str, str] | None = None,
                      max_groups: int = 5) -> ClusterSummary:
    """The concentrations of deprived areas, largest first, with where they lie.

    ``frame`` is the areas' GeoDataFrame (metric CRS) with a ``parent`` column; the
    location is given relative to the parent the group mostly lies in, or to all areas.
    """
    groups = cluster_groups(result, deprived_cluster(sign))
    out = []
    for group in groups[:max_groups]:
        parents = frame.loc[group, "parent"] if "parent" in frame.columns else pd.Series()
        parent = Counter(p for p in parents if isinstance(p, str) and p).most_common(1)
        if parent:
            scope = frame.index[frame["parent"] == parent[0][0]]
            place: str | None = (parent_names or {}).get(parent[0][0], parent[0][0])
        else:
            scope, place = frame.index, None
        bounds = frame.loc[scope].total_bounds
        cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
        radius = max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 2
        cent = frame.loc[group].geometry.centroid
        gx, gy = cent.x.mean(), cent.y.mean()
        out.append(ClusterGroup(tuple(str(c) for c in group), places(group, frame, parent_names),
                                place, compass(gx - cx, gy - cy, radius)))
    return ClusterSummary(tuple(out), max(0, len(groups) - max_groups))
