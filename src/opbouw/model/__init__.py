"""The domain's vocabulary shared by every layer: areas, levels and indicators."""

from opbouw.model.areas import DEFAULT_LEVELS, AreaLevel, AreaSet, level_for
from opbouw.model.indicators import (
    Catalogue,
    Direction,
    Family,
    Indicator,
    Preset,
    load_catalogue,
)

__all__ = [
    "DEFAULT_LEVELS",
    "AreaLevel",
    "AreaSet",
    "Catalogue",
    "Direction",
    "Family",
    "Indicator",
    "Preset",
    "level_for",
    "load_catalogue",
]
