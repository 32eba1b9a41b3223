"""The factor list of the map of social inclusion, read from the data file in the package
(so that it can be revised without touching code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).with_name("data") / "factors_seed002.toml"

DIMENSION_LABELS = {"culture": _("culture"), "practice": _("practice"), "policy": _("policy")}
# the anchored scale: what each score means, the same for every factor and dimension
SCALE_LABELS = {
    1: _("1 · not yet: hardly any attention to it"),
    2: _("2 · beginning: first steps, depends on individuals"),
    3: _("3 · largely: present in most of the work"),
    4: _("4 · embedded: self-evident, everywhere, kept up"),
}


@dataclass(frozen=True)
class Factor:
    key: str
    nl: str
    en: str
    domain: str

    @property
    def label(self) -> str:
        return self.en if (get_language() or "nl")[:2] == "en" else self.nl


@dataclass(frozen=True)
class Domain:
    key: str
    nl: str
    en: str
    factors: tuple[Factor, ...]

    @property
    def label(self) -> str:
        return self.en if (get_language() or "nl")[:2] == "en" else self.nl


@dataclass(frozen=True)
class FactorSet:
    version: str
    source: str
    source_url: str
    domains: tuple[Domain, ...]

    @property
    def factors(self) -> dict[str, Factor]:
        return {f.key: f for d in self.domains for f in d.factors}

    def domain_of(self) -> dict[str, str]:
        return {f.key: f.domain for d in self.domains for f in d.factors}


@cache
def load(path: Path = DATA) -> FactorSet:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    domains = tuple(
        Domain(d["key"], d["nl"], d["en"],
               tuple(Factor(f["key"], f["nl"], f["en"], d["key"]) for f in d["factors"]))
        for d in raw["domains"])
    keys = [f.key for d in domains for f in d.factors]
    if len(keys) != len(set(keys)):
        raise ValueError(f"{path.name}: factor keys must be unique")
    return FactorSet(raw["version"], raw["source"], raw.get("source_url", ""), domains)
