"""Plain-language sentences about spatial concentrations, in Dutch or English.

"Een significante concentratie van 23 kansarme gebieden in het noorden van Sint-Niklaas":
which cluster type counts as deprived depends on the indicator's direction (high-high
for "higher is worse", low-low for "lower is worse").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd

from opbouw.analysis.spatial.concentration import LocalResult, cluster_groups

__all__ = ["compass", "deprived_cluster", "place_names", "summarise_clusters"]

_IN_PARENTHESES = re.compile(r"\(([^()]+)\)\s*$")


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


def place_names(group: list[str], frame: Any, parent_names: Mapping[str, str] | None = None,
                lang: str = "nl", most: int = 3) -> str:
    """The places a group of areas lies in, most areas first: "Ronse en Geraardsbergen".

    >>> f = pd.DataFrame({"name": ["A (Ronse)", "B (Ronse)", "C (Geraardsbergen)"]},
    ...                  index=["1", "2", "3"])
    >>> place_names(["1", "2", "3"], f)
    'Ronse en Geraardsbergen'
    """
    counts = Counter(_place(c, frame, parent_names or {}) for c in group)
    names = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown, rest = names[:most], len(names) - most
    and_ = " and " if lang == "en" else " en "
    if rest > 0:
        other = f"{rest} other place{'s' if rest > 1 else ''}" if lang == "en" else \
            f"{rest} andere plaats{'en' if rest > 1 else ''}"
        return ", ".join(shown) + and_ + other
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + and_ + shown[-1]

_COMPASS = {
    "nl": ["het oosten", "het noordoosten", "het noorden", "het noordwesten", "het westen",
           "het zuidwesten", "het zuiden", "het zuidoosten", "het centrum"],
    "en": ["the east", "the north-east", "the north", "the north-west", "the west",
           "the south-west", "the south", "the south-east", "the centre"],
}


def compass(dx: float, dy: float, radius: float, lang: str = "nl") -> str:
    """Where an offset (dx, dy) from a centre lies, as a compass word.

    >>> compass(0, 10, 20)
    'het noorden'
    >>> compass(1, 1, 100, "en")
    'the centre'
    """
    words = _COMPASS["en" if lang == "en" else "nl"]
    if math.hypot(dx, dy) < 0.25 * radius:
        return words[8]
    sector = int(((math.degrees(math.atan2(dy, dx)) + 22.5) % 360) // 45)
    return words[sector]


def deprived_cluster(sign: int) -> str:
    """The LISA cluster type that means "deprived" for an indicator's direction."""
    return "HH" if sign > 0 else "LL"


def summarise_clusters(result: LocalResult, frame: Any, sign: int = 1,
                       parent_names: Mapping[str, str] | None = None,
                       noun: tuple[str, str] = ("gebieden", "areas"),
                       lang: str = "nl", max_groups: int = 5) -> list[str]:
    """One sentence per concentration of deprived areas, largest first.

    ``frame`` is the areas' GeoDataFrame (metric CRS) with a ``parent`` column; the
    location is given relative to the parent the group mostly lies in, or to all areas.
    """
    cluster = deprived_cluster(sign)
    groups = cluster_groups(result, cluster)
    en = lang == "en"
    if not groups:
        return ["No significant concentration of deprived areas." if en
                else "Geen significante concentratie van kansarme gebieden."]
    cent = frame.geometry.centroid
    sentences = []
    for group in groups[:max_groups]:
        parents = frame.loc[group, "parent"] if "parent" in frame.columns else pd.Series()
        parent = Counter(p for p in parents if isinstance(p, str) and p).most_common(1)
        if parent:
            scope = frame.index[frame["parent"] == parent[0][0]]
            place = (parent_names or {}).get(parent[0][0], parent[0][0])
        else:
            scope, place = frame.index, ("the study area" if en else "het studiegebied")
        bounds = frame.loc[scope].total_bounds
        cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
        radius = max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 2
        gx, gy = cent.loc[group].x.mean(), cent.loc[group].y.mean()
        where = compass(gx - cx, gy - cy, radius, lang)
        n = len(group)
        places = place_names(group, frame, parent_names, lang)
        if en:
            what = (f"a significant cluster of {n} deprived {noun[1]}" if n > 1
                    else "1 deprived area with deprived neighbours")
            where = f"{where} of {place}"
        else:
            what = (f"een significante concentratie van {n} kansarme {noun[0]}" if n > 1
                    else "1 kansarm gebied met kansarme buren")
            where = f"{where} van {place}"
        sentences.append(f"{what} in {where}" if places == place
                         else f"{what} in {places} ({where})")
    rest = len(groups) - max_groups
    if rest > 0:
        sentences.append(f"and {rest} smaller clusters" if en else f"en nog {rest} kleinere")
    return sentences
