"""The registry of area-analysis methods and the one façade that runs them.

``METHODS`` maps a name to its config class and function; the CLI and the web form build
their choices from it, and an unknown name raises an error listing the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from opbouw.analysis.composite import composite, make_weights
from opbouw.analysis.flags import FlagRule
from opbouw.analysis.methods.base import MethodResult
from opbouw.analysis.methods.cumulation import AtlasConfig, ScoreConfig, atlas, score
from opbouw.analysis.methods.most_often import MostOftenConfig, most_often
from opbouw.analysis.methods.svi import SviConfig, svi
from opbouw.errors import UnknownMethodError

__all__ = [
    "METHODS",
    "AtlasConfig",
    "CompositeConfig",
    "Method",
    "MethodResult",
    "MostOftenConfig",
    "ScoreConfig",
    "SviConfig",
    "SviMethodConfig",
    "flag_rule",
    "method_config",
    "run_method",
]


@dataclass(frozen=True)
class CompositeConfig:
    """Normalisation, aggregation, weights (``equal``, ``custom`` with ``weights``, or
    ``family`` with ``families``), missing-data policy, and the top N that is flagged."""

    normalisation: str = "minmax"
    aggregation: str = "arithmetic"
    weighting: str = "equal"
    weights: Mapping[str, float] = field(default_factory=dict)
    families: Mapping[str, str] = field(default_factory=dict)
    missing: str = "exclude_area"
    top: int = 20


def _composite(table: pd.DataFrame, directions: Mapping[str, int],
               config: CompositeConfig) -> MethodResult:
    cols = list(directions)
    weights = make_weights(cols, config.weighting, config.weights, config.families)
    res = composite(table, directions, config.normalisation, config.aggregation, weights,
                    config.missing)
    out = res.scores.copy()
    out["flag"] = (out["rank"] <= config.top).fillna(False).astype(bool)
    return MethodResult("composite", out, None, {
        "weights": res.weights, "normalised": res.normalised, "policy": res.policy,
        "excluded_areas": res.excluded_areas, "excluded_indicators": res.excluded_indicators,
        "imputed": res.imputed, "top": config.top})


@dataclass(frozen=True)
class SviMethodConfig:
    """SVI on indicator columns: ``themes`` maps a theme to indicator keys (default: one
    theme with all indicators); lower-is-worse comes from the directions."""

    themes: Mapping[str, list[str]] = field(default_factory=dict)


def _svi(table: pd.DataFrame, directions: Mapping[str, int],
         config: SviMethodConfig) -> MethodResult:
    themes = dict(config.themes) or {"THEME1": list(directions)}
    lower = [c for c, d in directions.items() if d < 0]
    data = table[list(directions)].rename(columns=lambda c: f"EP_{c}")
    res = svi(data, SviConfig(themes, lower))
    overall = res["RPL_THEMES"].where(res["RPL_THEMES"] != -999)
    out = pd.DataFrame({"score": overall,
                        "rank": overall.rank(ascending=False, method="min").astype("Int64"),
                        "flag": overall >= 0.9}, index=table.index)
    flags = pd.DataFrame({c: res[f"F_{c}"] == 1 for c in directions}, index=table.index)
    return MethodResult("svi", out, flags, {"svi": res, "themes": themes})


@dataclass(frozen=True)
class Method:
    """A registered method: its config class and function."""

    name: str
    config: type
    run: Callable[[pd.DataFrame, Mapping[str, int], Any], MethodResult]
    label_nl: str
    label_en: str


METHODS: dict[str, Method] = {
    "atlas": Method("atlas", AtlasConfig, atlas, "Cumulatie van negatieve condities (Atlas)",
                    "Cumulation of negative conditions (Atlas)"),
    "top-n": Method("top-n", MostOftenConfig, most_often, "Het vaakst het hoogst gerangschikt",
                    "Most often ranked highest"),
    "score": Method("score", ScoreConfig, score, "Score 0..K", "Score 0..K"),
    "svi": Method("svi", SviMethodConfig, _svi, "Sociale kwetsbaarheidsindex (CDC SVI)",
                  "Social Vulnerability Index (CDC SVI)"),
    "composite": Method("composite", CompositeConfig, _composite, "Samengestelde index",
                        "Composite index"),
}


def run_method(name: str, table: pd.DataFrame, directions: Mapping[str, int],
               config: Any = None) -> MethodResult:
    """Run a registered method; ``config`` defaults to the method's default config."""
    try:
        method = METHODS[name]
    except KeyError:
        raise UnknownMethodError(name, list(METHODS)) from None
    return method.run(table, directions, config if config is not None else method.config())


def flag_rule(cfg: Mapping[str, Any]) -> FlagRule:
    """The worst-group rule from plain settings (a TOML file, a web form, an API call)."""
    return FlagRule(kind=cfg.get("rule", "percentile"), p=float(cfg.get("p", 20.0)),
                    n=int(cfg.get("n", 20)), thresholds=cfg.get("thresholds", {}),
                    reference=cfg.get("reference", {}), factor=float(cfg.get("factor", 1.5)))


def method_config(method: str, cfg: Mapping[str, Any]) -> Any:
    """A method's config object from plain settings; the keys are the CLI option names
    (``p``, ``k``, ``n``, ``weights``, ``normalise``, ``aggregate``, ``missing``, ...)."""
    if method == "atlas":
        return AtlasConfig(flag_rule(cfg), int(cfg.get("k", 4)))
    if method == "score":
        high = cfg.get("high_from")
        return ScoreConfig(flag_rule(cfg), int(high) if high is not None else None)
    if method == "top-n":
        return MostOftenConfig(n=int(cfg.get("n", 20)), show=int(cfg.get("show", 20)))
    if method == "svi":
        return SviMethodConfig(themes=cfg.get("themes", {}))
    if method == "composite":
        weights = cfg.get("weights", {})
        return CompositeConfig(
            normalisation=cfg.get("normalise", "minmax"),
            aggregation=cfg.get("aggregate", "arithmetic"),
            weighting="custom" if weights else cfg.get("weighting", "equal"), weights=weights,
            missing=cfg.get("missing", "exclude_area"), top=int(cfg.get("n", 20)))
    raise UnknownMethodError(method, list(METHODS))
