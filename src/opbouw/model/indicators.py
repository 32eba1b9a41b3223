"""The indicator catalogue: what each indicator means, which way is worse, where it is from.

Definitions ship as TOML in ``presets/``; presets are named lists of indicator keys (the
three indicator sets of the Oost-Vlaanderen multi-year plan, seed 004, and the demo set).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from pathlib import Path

from opbouw.errors import ConfigError


class Direction(str, Enum):
    """Which way an indicator points to deprivation."""

    HIGHER_IS_WORSE = "higher_is_worse"
    LOWER_IS_WORSE = "lower_is_worse"

    @property
    def sign(self) -> int:
        """+1 when higher is worse, -1 when lower is worse: multiply to orient values."""
        return 1 if self is Direction.HIGHER_IS_WORSE else -1


class Family(str, Enum):
    """The three families of attention-area characteristics of seed 000."""

    PHYSICAL_SPATIAL = "physical_spatial"
    SUPPLY_FUNCTIONS = "supply_functions"
    DEMOGRAPHY_DYNAMICS = "demography_dynamics"


UNITS = ("percent", "count", "eur", "per_km2", "per_1000", "index", "ratio", "other")
"""Units the validator knows: ``percent`` must lie in 0-100, ``count`` must not be negative."""


@dataclass(frozen=True)
class Indicator:
    """One indicator's definition, without values."""

    key: str
    label_nl: str
    label_en: str
    unit: str
    direction: Direction
    definition_nl: str = ""
    definition_en: str = ""
    numerator: str | None = None
    denominator: str | None = None
    family: Family | None = None
    groups: tuple[str, ...] = ()
    source: str = ""
    year: int | None = None

    def label(self, lang: str = "nl") -> str:
        """The label in ``lang``; the other language's, or the key, when that one is
        empty (a label is never blank)."""
        first, second = (self.label_en, self.label_nl) if lang == "en" else \
            (self.label_nl, self.label_en)
        return (first or "").strip() or (second or "").strip() or self.key

    def definition(self, lang: str = "nl") -> str:
        """The definition in ``lang``."""
        return self.definition_en if lang == "en" else self.definition_nl

    @property
    def is_share(self) -> bool:
        """Whether the indicator is a percentage (numerator over denominator)."""
        return self.unit == "percent"


@dataclass(frozen=True)
class Preset:
    """A named indicator set, e.g. the 14 municipal indicators of seed 004."""

    key: str
    label_nl: str
    label_en: str
    indicators: tuple[str, ...]
    source: str = ""
    group_labels: dict[str, tuple[str, str]] = field(default_factory=dict)

    def label(self, lang: str = "nl") -> str:
        """The label in ``lang``."""
        return self.label_en if lang == "en" else self.label_nl


def _norm(text: str) -> str:
    return " ".join(text.strip().casefold().split())


@dataclass
class Catalogue:
    """All known indicators and presets; look-ups by key or by label in either language."""

    indicators: dict[str, Indicator]
    presets: dict[str, Preset]

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators.values())

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, key: object) -> bool:
        return key in self.indicators

    def get(self, key: str) -> Indicator:
        """The indicator with ``key``; raises ConfigError listing close keys."""
        try:
            return self.indicators[key]
        except KeyError:
            raise ConfigError(f"unknown indicator {key!r}") from None

    def find(self, name: str) -> Indicator | None:
        """Match a column header to an indicator by key or Dutch/English label."""
        if name in self.indicators:
            return self.indicators[name]
        return self._names().get(_norm(name))

    def _names(self) -> dict[str, Indicator]:
        """Normalised keys and labels; rebuilt when indicators were added (imports ask per row)."""
        cached = self.__dict__.get("_names_cache")
        if cached is None or cached[0] != len(self.indicators):
            index: dict[str, Indicator] = {}
            for ind in self.indicators.values():
                for n in (ind.key, ind.label_nl, ind.label_en):
                    index.setdefault(_norm(n), ind)
            cached = (len(self.indicators), index)
            self.__dict__["_names_cache"] = cached
        return cached[1]

    def preset(self, key: str) -> Preset:
        """The preset with ``key``; the error lists the valid ones."""
        try:
            return self.presets[key]
        except KeyError:
            valid = ", ".join(sorted(self.presets))
            raise ConfigError(f"unknown preset {key!r}; choose one of: {valid}") from None

    def preset_indicators(self, key: str) -> list[Indicator]:
        """The indicators of a preset, in the preset's order."""
        return [self.indicators[k] for k in self.preset(key).indicators]

    def with_indicators(self, extra: Iterable[Indicator]) -> Catalogue:
        """A copy with user-defined indicators added (or replacing same keys)."""
        merged = dict(self.indicators)
        merged.update({i.key: i for i in extra})
        return Catalogue(merged, dict(self.presets))


def _indicator_from_toml(key: str, raw: dict[str, object], source: str) -> Indicator:
    try:
        unit = str(raw["unit"])
        direction = Direction(str(raw["direction"]))
        family_raw = raw.get("family")
        family = Family(str(family_raw)) if family_raw else None
    except (KeyError, ValueError) as exc:
        raise ConfigError(f"{source}: indicator {key!r}: {exc}") from None
    if unit not in UNITS:
        raise ConfigError(f"{source}: indicator {key!r}: unit {unit!r} not in {UNITS}")
    groups = raw.get("groups", ())
    year = raw.get("year")
    return Indicator(
        key=key,
        label_nl=str(raw.get("label_nl", key)),
        label_en=str(raw.get("label_en", raw.get("label_nl", key))),
        unit=unit,
        direction=direction,
        definition_nl=str(raw.get("definition_nl", "")),
        definition_en=str(raw.get("definition_en", "")),
        numerator=str(raw["numerator"]) if raw.get("numerator") else None,
        denominator=str(raw["denominator"]) if raw.get("denominator") else None,
        family=family,
        groups=tuple(str(g) for g in groups) if isinstance(groups, list | tuple) else (),
        source=str(raw.get("source", "")),
        year=int(year) if isinstance(year, int) else None,
    )


def parse_catalogue_toml(text: str, source: str = "<toml>") -> Catalogue:
    """Read indicator definitions and presets from TOML text.

    ``[indicators.<key>]`` tables define indicators; ``[presets.<key>]`` tables list
    indicator keys under ``indicators``.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    indicators = {
        key: _indicator_from_toml(key, raw, source)
        for key, raw in data.get("indicators", {}).items()
    }
    presets: dict[str, Preset] = {}
    for key, raw in data.get("presets", {}).items():
        groups = {
            g: (str(v.get("label_nl", g)), str(v.get("label_en", g)))
            for g, v in raw.get("groups", {}).items()
        }
        presets[key] = Preset(
            key=key,
            label_nl=str(raw.get("label_nl", key)),
            label_en=str(raw.get("label_en", key)),
            indicators=tuple(raw.get("indicators", ())),
            source=str(raw.get("source", "")),
            group_labels=groups,
        )
    return Catalogue(indicators, presets)


def _merge(parts: Iterable[Catalogue]) -> Catalogue:
    indicators: dict[str, Indicator] = {}
    presets: dict[str, Preset] = {}
    for part in parts:
        indicators.update(part.indicators)
        presets.update(part.presets)
    for preset in presets.values():
        unknown = [k for k in preset.indicators if k not in indicators]
        if unknown:
            raise ConfigError(f"preset {preset.key!r} names unknown indicators {unknown}")
    return Catalogue(indicators, presets)


def load_catalogue(*extra_files: Path) -> Catalogue:
    """The bundled catalogue, plus indicator definitions from user TOML files."""
    parts = []
    folder = resources.files("opbouw.model") / "presets"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            parts.append(parse_catalogue_toml(entry.read_text("utf-8"), entry.name))
    for path in extra_files:
        parts.append(parse_catalogue_toml(Path(path).read_text("utf-8"), str(path)))
    return _merge(parts)
