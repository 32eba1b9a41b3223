"""The registry of area-analysis methods and the one façade that runs them.

``METHODS`` maps a name to its config class and function; the CLI and the web form build
their choices from it, and an unknown name raises an error listing the valid ones.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.composite import composite, make_weights
from opbouw.analysis.flags import FlagRule
from opbouw.analysis.methods.base import MethodResult
from opbouw.analysis.methods.cumulation import AtlasConfig, ScoreConfig, atlas, score
from opbouw.analysis.methods.most_often import MostOftenConfig, most_often
from opbouw.analysis.methods.svi import SviConfig, svi
from opbouw.errors import ConfigError, UnknownMethodError

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
    "number",
    "numbers",
    "text",
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
    top: int = defaults.N


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
                        "flag": overall >= defaults.SVI_FLAG}, index=table.index)
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


def number(cfg: Mapping[str, Any], key: str, default: float | None, integer: bool = False,
           low: float | None = None, high: float | None = None) -> Any:
    """A number from plain settings (TOML, a form, options), checked for type and range;
    anything else raises :class:`ConfigError` naming the key and the range."""
    value = cfg.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ConfigError("{key!r} must be a number, not {kind} {value!r}",
                          key=key, kind=type(value).__name__, value=value)
    try:
        number_ = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except ValueError:
        raise ConfigError("{key!r} must be a number, got {value!r}", key=key, value=value) from None
    if not math.isfinite(number_):
        raise ConfigError("{key!r} must be a finite number, got {value!r}", key=key, value=value)
    if integer and not number_.is_integer():
        raise ConfigError("{key!r} must be a whole number, got {value!r}", key=key, value=value)
    if (low is not None and number_ < low) or (high is not None and number_ > high):
        span = f"{low:g}..{high:g}" if low is not None and high is not None else (
            f">= {low:g}" if low is not None else f"<= {high:g}")
        raise ConfigError("{key!r} must lie in {span}, got {value!r}",
                          key=key, span=span, value=value)
    return int(number_) if integer else number_


def numbers(cfg: Mapping[str, Any], key: str) -> dict[str, float]:
    """A table of numbers per indicator (``[weights]``, ``[thresholds]``) from settings."""
    value = cfg.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError("{key!r} must be a table of indicator = number, not {kind} {value!r}",
                          key=key, kind=type(value).__name__, value=value)
    return {str(k): number(value, k, None) for k in value}


def text(cfg: Mapping[str, Any], key: str, default: str, choices: Sequence[str] | None = None,
         ) -> str:
    """A text setting, one of ``choices`` when given."""
    value = cfg.get(key, default)
    if not isinstance(value, str):
        raise ConfigError("{key!r} must be text, not {kind} {value!r}",
                          key=key, kind=type(value).__name__, value=value)
    if choices is not None and value not in choices:
        raise ConfigError("{key!r} must be one of {choices}; got {value!r}", key=key,
                          value=value, choices=', '.join(choices))
    return value


def flag_rule(cfg: Mapping[str, Any]) -> FlagRule:
    """The worst-group rule from plain settings (a TOML file, a web form, an API call)."""
    from opbouw.analysis.flags import RULE_KINDS

    return FlagRule(kind=text(cfg, "rule", "percentile", RULE_KINDS),  # type: ignore[arg-type]
                    p=number(cfg, "p", defaults.P, low=0.01, high=100),
                    n=number(cfg, "n", defaults.N, integer=True, low=1),
                    thresholds=numbers(cfg, "thresholds"), reference=numbers(cfg, "reference"),
                    factor=number(cfg, "factor", defaults.FACTOR, low=1e-9))


def method_config(method: str, cfg: Mapping[str, Any]) -> Any:
    """A method's config object from plain settings; the keys are the CLI option names
    (``p``, ``k``, ``n``, ``weights``, ``normalise``, ``aggregate``, ``missing``, ...).
    Wrong types and out-of-range numbers raise :class:`ConfigError`."""
    if method == "atlas":
        return AtlasConfig(flag_rule(cfg), number(cfg, "k", defaults.K, integer=True, low=1))
    if method == "score":
        return ScoreConfig(flag_rule(cfg), number(cfg, "high_from", None, integer=True, low=0))
    if method == "top-n":
        n = number(cfg, "n", defaults.N, integer=True, low=1)
        return MostOftenConfig(n=n, show=number(cfg, "show", defaults.N, integer=True, low=1),
                               classes=number(cfg, "classes", defaults.CLASSES, integer=True,
                                              low=1, high=9),
                               break_after=number(cfg, "break_after", None, integer=True,
                                                  low=1))
    if method == "svi":
        themes = cfg.get("themes", {})
        if not isinstance(themes, Mapping) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v)
                for v in themes.values()):
            raise ConfigError("'themes' must be a table of theme = [indicator, ...]")
        return SviMethodConfig(themes=themes)
    if method == "composite":
        from opbouw.analysis.composite import AGGREGATIONS, MISSING_POLICIES, NORMALISATIONS

        weights = numbers(cfg, "weights")
        return CompositeConfig(
            normalisation=text(cfg, "normalise", "minmax", NORMALISATIONS),
            aggregation=text(cfg, "aggregate", "arithmetic", AGGREGATIONS),
            weighting="custom" if weights else text(cfg, "weighting", "equal"),
            weights=weights, missing=text(cfg, "missing", "exclude_area", MISSING_POLICIES),
            top=number(cfg, "n", defaults.N, integer=True, low=1))
    raise UnknownMethodError(method, list(METHODS))
