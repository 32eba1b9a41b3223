"""Areas at several levels, grouped in an area set with a reference year.

An area set carries a reference year because municipal mergers (2019, 2025) change which
areas exist: data of 2018 and data of 2025 refer to different sets.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class AreaLevel:
    """A level of the area hierarchy; ``order`` grows from small to large areas."""

    key: str
    label_nl: str
    label_en: str
    order: int
    aliases: tuple[str, ...] = ()

    def label(self, lang: str = "nl") -> str:
        """Return the label in ``lang``."""
        return self.label_en if lang == "en" else self.label_nl


DEFAULT_LEVELS: tuple[AreaLevel, ...] = (
    AreaLevel("statistical_sector", "statistische sector", "statistical sector", 10,
              ("statsec", "sector", "statistische sector", "statistical sector")),
    AreaLevel("neighbourhood", "wijk", "neighbourhood", 20, ("wijk", "buurt", "ggw")),
    AreaLevel("sub_municipality", "deelgemeente", "sub-municipality", 30,
              ("deelgemeente", "kern", "kernstad", "sub-municipality", "submunicipality")),
    AreaLevel("municipality", "gemeente", "municipality", 40,
              ("gemeente", "stad", "municipality", "nis5")),
    AreaLevel("working_area", "werkgebied", "working area", 50,
              ("werkgebied", "working area", "regio")),
    AreaLevel("province", "provincie", "province", 60, ("provincie", "province")),
    AreaLevel("region", "gewest", "region", 70, ("gewest", "region")),
)


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def level_for(name: str, levels: Iterable[AreaLevel] = DEFAULT_LEVELS) -> AreaLevel | None:
    """Find a level by key, label or alias, ignoring case, ``_`` and ``-``.

    >>> level_for("Deelgemeente").key
    'sub_municipality'
    >>> level_for("planet") is None
    True
    """
    return _index(tuple(levels)).get(_norm(name))


@functools.lru_cache(maxsize=16)
def _index(levels: tuple[AreaLevel, ...]) -> dict[str, AreaLevel]:
    """Every name of every level, normalised; built once (imports ask per row)."""
    index: dict[str, AreaLevel] = {}
    for level in levels:
        for n in (level.key, level.label_nl, level.label_en, *level.aliases):
            index.setdefault(_norm(n), level)
    return index


AREA_COLUMNS = ("name", "level", "parent", "population")


@dataclass
class AreaSet:
    """Areas of one reference year, indexed by their code (always a string).

    ``frame`` has the columns ``name``, ``level``, ``parent`` (code or ``<NA>``) and
    ``population`` (float, may be missing); when geometry is known it is a
    GeoDataFrame in a metric CRS (Lambert 72 or Lambert 2008), fit for spatial work.
    """

    frame: pd.DataFrame
    reference_year: int | None = None
    levels: tuple[AreaLevel, ...] = field(default=DEFAULT_LEVELS)

    def __post_init__(self) -> None:
        missing = [c for c in AREA_COLUMNS if c not in self.frame.columns]
        if missing:
            raise ValueError(f"area frame lacks columns {missing}")
        if not self.frame.index.is_unique:
            raise ValueError("area codes must be unique")

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def codes(self) -> list[str]:
        """All area codes, in file order."""
        return [str(c) for c in self.frame.index]

    @property
    def has_geometry(self) -> bool:
        """Whether the areas carry polygons."""
        return "geometry" in self.frame.columns

    def at_level(self, level: str) -> AreaSet:
        """The areas of one level, as an area set of their own."""
        sub = self.frame[self.frame["level"] == level]
        return AreaSet(sub, self.reference_year, self.levels)

    def children(self, code: str) -> list[str]:
        """Codes of the areas whose parent is ``code``."""
        return [str(c) for c in self.frame.index[self.frame["parent"] == code]]

    def name_of(self, code: str) -> str:
        """The name of an area, or its code when it has none."""
        name: Any = self.frame.at[code, "name"] if code in self.frame.index else None
        return str(name) if isinstance(name, str) and name else code

    def to_display(self) -> Any:
        """The areas with geometry in WGS84 (EPSG:4326), for web maps."""
        if not self.has_geometry:
            raise ValueError("this area set has no geometry")
        return self.frame.to_crs(4326)
