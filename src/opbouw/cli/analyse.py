"""``opbouw analyse``, ``opbouw svi`` and ``opbouw composite``: the area analysis on files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import numpy as np
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.composite import AGGREGATIONS, MISSING_POLICIES, NORMALISATIONS, composite
from opbouw.analysis.explain import explain
from opbouw.analysis.methods import METHODS, numbers
from opbouw.analysis.methods.svi import SviConfig, svi
from opbouw.analysis.pipeline import AnalysisRun, AnalysisSpec, Scope, prepare, run_analysis
from opbouw.analysis.tables import directions_for
from opbouw.analysis.uncertainty import UncertaintyConfig, monte_carlo
from opbouw.cli import cli
from opbouw.cli.configfile import expect, key_values, read_toml, write_toml
from opbouw.cli.options import (
    catalogue_for,
    check_output,
    file_options,
    out_option,
    rule_options,
    rule_settings,
    scope_options,
    scope_settings,
    specs_for,
)
from opbouw.cli.output import console, print_frame, progress_bar, write_output
from opbouw.cli.tables_in import read_numeric_table
from opbouw.data.dataset import Dataset, import_files
from opbouw.errors import ConfigError, InsufficientDataError, UnknownMethodError
from opbouw.i18n import current_language, gettext
from opbouw.model.indicators import Catalogue
from opbouw.wording import explanation_summary, year_notes


def _choose_table(dataset: Dataset, catalogue: Catalogue, keys: list[str], year: int | None,
                  level: str | None, one_level: bool = True,
                  ) -> tuple[pd.DataFrame, dict[str, int], list[str]]:
    """The wide table, the directions and the indicators of unknown direction, through
    the library's pipeline (used by ``hotspots``, which takes every level when asked)."""
    areas = dataset.areas.frame if dataset.areas is not None else None
    scope = Scope(level=level) if (one_level or level) else Scope(level=None)
    if not (one_level or level) and areas is not None:
        scope = Scope(codes=tuple(map(str, areas.index)), brussels=True)
    table, directions, _, left = prepare(dataset.values, areas, catalogue, AnalysisSpec(
        indicators=tuple(keys), year=year, scope=scope))
    return table, directions, left["unknown_direction"]


def _settings(config_path: Path | None, options: dict[str, Any]) -> dict[str, Any]:
    """The TOML configuration with the command-line options on top, types checked."""
    source = config_path.name if config_path else "--config"
    cfg: dict[str, Any] = read_toml(config_path) if config_path else {}
    expect(cfg, "indicators", list, "a list of indicator keys", source)
    expect(cfg, "lower_is_worse", list, "a list of indicator keys", source)
    expect(cfg, "weights", dict, "a table of indicator = number", source)
    expect(cfg, "thresholds", dict, "a table of indicator = number", source)
    expect(cfg, "preset", str, "the name of a preset", source)
    expect(cfg, "method", str, "a method name", source)
    expect(cfg, "year", int, "a year", source)
    cfg.update(scope_settings(options))
    cfg.update(rule_settings(options))
    mapping = {"indicator_keys": "indicators", "area_level": "level"}
    for key, value in options.items():
        if value in (None, ()):
            continue
        if key == "weight":
            cfg["weights"] = key_values(value, "--weight")
        else:
            cfg[mapping.get(key, key)] = list(value) if isinstance(value, tuple) else value
    for key in ("indicators", "lower_is_worse"):
        if not all(isinstance(v, str) for v in cfg.get(key, [])):
            raise ConfigError("{source}: {key!r} must be a list of indicator keys",
                              source=source, key=key)
    return cfg


def spec_from(cfg: dict[str, Any]) -> AnalysisSpec:
    """The pipeline's spec from merged settings."""
    scope = Scope.from_settings(cfg)
    return AnalysisSpec(method=cfg.get("method", "atlas"), options=cfg,
                        indicators=tuple(cfg.get("indicators", [])), preset=cfg.get("preset"),
                        year=cfg.get("year"), scope=scope,
                        lower_is_worse=tuple(cfg.get("lower_is_worse", [])))


@cli.command()
@click.argument("areas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("indicators", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--method", type=click.Choice(sorted(METHODS)), help="Methode (default atlas).")
@click.option("--preset", help="Indicatorset uit de catalogus, bv. municipal14.")
@click.option("--indicator", "indicator_keys", multiple=True, help="Indicator (herhaalbaar).")
@click.option("--year", type=click.IntRange(1800, 2100),
              help="Jaar (default: het laatste per indicator).")
@click.option("--area-level",
              help="Gebiedsniveau om te vergelijken (default: het meest voorkomende).")
@scope_options
@rule_options
@click.option("--classes", type=click.IntRange(1, 9),
              help="top-n: aantal klassen in de synthesetabel (Fisher-Jenks, default 3).")
@click.option("--break-after", type=click.IntRange(min=1),
              help="top-n: niveaubreuk met de hand, na deze rang.")
@click.option("--show", type=click.IntRange(min=1), help="top-n: lengte van de synthesetabel.")
@click.option("--normalise", type=click.Choice(NORMALISATIONS))
@click.option("--aggregate", type=click.Choice(AGGREGATIONS))
@click.option("--weight", multiple=True, help="Gewicht per indicator: key=waarde.")
@click.option("--missing", type=click.Choice(MISSING_POLICIES))
@click.option("--draws", type=click.IntRange(0, 100_000),
              help="Monte-Carlo-trekkingen voor onzekerheid (0 = geen).")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=None)
@click.option("--config", "config_path",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML-configuratie (opties op de opdrachtregel gaan voor).")
@click.option("--save-config", type=click.Path(dir_okay=False, path_type=Path),
              callback=check_output, help="Bewaar de gebruikte configuratie als TOML.")
@out_option()
@file_options
def analyse(areas: Path, indicators: tuple[Path, ...], config_path: Path | None,
            save_config: Path | None, out: Path | None, layer: str | None,
            id_column: str | None, sheet: str | None, crs: str | None, level: str | None,
            catalogues: tuple[Path, ...], lang: str | None, **options: Any) -> None:
    """Analyseer gebieden: rangschikken, vlaggen, cumulatie, SVI of samengestelde index.

    Methods: atlas (negative conditions, deprived from k; absolute thresholds with
    --thresholds FILE), top-n ("most often ranked highest" with its level break), score
    (0..K), svi (CDC method), composite. The reference set: --area-level, --within,
    --exclude, --codes; Brussels is left out of Flemish comparisons unless --brussels.

    Example:

        opbouw analyse gebieden.gpkg indicatoren.csv --method top-n --within 40000 \
            --exclude 44021 --out res.xlsx
    """
    lang = current_language(lang)
    cfg = _settings(config_path, options)
    method = cfg.get("method", "atlas")
    if method not in METHODS:
        raise UnknownMethodError(str(method), list(METHODS))
    catalogue = catalogue_for(catalogues)
    spec = spec_from(cfg)
    with progress_bar(gettext("Reading", lang)) as update:
        dataset = import_files(specs_for((areas, *indicators), layer, id_column, sheet, crs, level),
                               catalogue, progress=update)
    run = run_analysis(dataset.values, dataset.areas.frame if dataset.areas is not None
                       else None, catalogue, spec)
    table, directions, result = run.table, run.directions, run.result
    if run.unknown_direction:
        console.print(f"[yellow]! {', '.join(run.unknown_direction)}: "
                      + gettext("direction unknown, higher = worse assumed", lang) + "[/yellow]")
    if run.dropped:
        console.print(f"[yellow]! {', '.join(run.dropped)}: "
                      + gettext("fewer than two values, not used", lang) + "[/yellow]")
    _print_scope(run, dataset, lang, catalogue)
    names = dataset.areas.frame["name"] if dataset.areas is not None else pd.Series(dtype="string")
    res = result.table.copy()
    res.insert(0, "name", names.reindex(res.index))
    draws = int(cfg.get("draws") or 0)
    if draws > 0:
        with console.status("Monte-Carlo ..."):
            mc = monte_carlo(table, directions, UncertaintyConfig(
                draws=draws, seed=int(cfg.get("seed") or defaults.SEED),
                top=int(cfg.get("n") or defaults.N)))
        res = res.join(mc.areas)
    res = res.sort_values("rank", na_position="last")
    labels = {k: (catalogue.get(k).label(lang) if k in catalogue else k) for k in directions}
    title = METHODS[method].label_en if lang == "en" else METHODS[method].label_nl
    shown = res[[c for c in ("name", "score", "rank", "flag", "level", "median_rank",
                             "rank_p5", "rank_p95") if c in res.columns]]
    print_frame(shown.reset_index(), gettext("{title}: {n} areas", lang).format(
        title=title, n=len(res)), max_rows=20)
    _print_breaks(result.details, names, lang)
    for code in res.index[:3]:
        expl = explain(code, result, table, directions, str(names.get(code, code)), labels)
        console.print("• " + explanation_summary(expl, lang))
    if out is not None:
        full = res.join(table.add_prefix("value_"))
        if result.flags is not None:
            full = full.join(result.flags.add_prefix("flag_"))
        full.index.name = "code"
        meta = run.metadata(catalogue, lang)
        for key in ("breaks", "break_rule", "just_below", "k", "high_from", "tie_rule"):
            if key in result.details:
                meta.setdefault("details", {})[key] = result.details[key]
        write_output(full.reset_index(), out, meta, (areas, *indicators), lang)
    if save_config is not None:
        write_toml(save_config, {k: v for k, v in cfg.items() if v not in (None, [], {})})


def _print_scope(run: AnalysisRun, dataset: Dataset, lang: str,
                 catalogue: Catalogue) -> None:
    scope = run.spec.scope
    parts = [f"{len(run.table)} " + gettext("areas", lang)
             + (f" ({run.level})" if run.level else "")]
    if scope.within:
        parts.append(gettext("within {areas}", lang).format(areas=", ".join(
            f"{c} {dataset.areas.name_of(c)}" if dataset.areas is not None else c
            for c in scope.within)))
    if scope.exclude:
        parts.append(gettext("without {areas}", lang).format(areas=", ".join(
            f"{c} {dataset.areas.name_of(c)}" if dataset.areas is not None else c
            for c in scope.exclude)))
    for note in run.notes:
        if note.startswith("brussels_left_out:"):
            n = note.split(":")[1]
            parts.append(gettext("{n} Brussels communes left out (--brussels to keep them)",
                                 lang).format(n=n))
    console.print(gettext("Reference set: {parts}", lang).format(parts="; ".join(parts)))
    labels = {k: (catalogue.get(k).label(lang) if k in catalogue else k)
              for k in run.directions}
    for sentence in year_notes(run.notes, labels, lang):
        console.print(sentence)


def _print_breaks(details: dict[str, Any], names: pd.Series, lang: str) -> None:
    if "breaks" not in details:
        return
    rule = details.get("break_rule", "")
    how = {"manual": gettext("set by hand", lang),
           "fisher-jenks": "Fisher-Jenks"}.get(rule, rule)
    if details["breaks"]:
        console.print(gettext("Level break after rank {ranks} ({how}, N = {n})", lang).format(
            ranks=", ".join(map(str, details["breaks"])), how=how, n=details["n"]))
    below = details.get("just_below") or []
    if below:
        console.print(gettext("Just below the break: {names}", lang).format(
            names=", ".join(str(names.get(c, c)) for c in below)))


def _write_plain(frame: pd.DataFrame, out: Path, source: Path, meta: dict[str, Any],
                 keep: tuple[str, ...]) -> None:
    """A fixed entry point's result in its input's convention, its own column names kept."""
    write_output(frame, out, meta, (source,), keep=keep)


def table_command_options(config_help: str) -> Any:
    """INPUT, --config and --out, shared by the fixed entry points ``svi`` and ``composite``."""

    def decorate(func: Any) -> Any:
        func = out_option(required=True)(func)
        func = click.option("--config", "config_path", required=True, help=config_help,
                            type=click.Path(exists=True, dir_okay=False, path_type=Path))(func)
        return click.argument("input_file", metavar="INPUT",
                              type=click.Path(exists=True, dir_okay=False, path_type=Path))(func)

    return decorate


@cli.command("svi")
@table_command_options(
    'TOML: id = "FIPS", [themes] THEME1 = ["POV150", ...], lower_is_worse = [...].')
def svi_command(input_file: Path, config_path: Path, out: Path) -> None:
    """Bereken de CDC/ATSDR Social Vulnerability Index volgens de CDC-documentatie.

    Input columns are EP_<VAR>; -999 is missing. OUT holds the id and EPL_, F_, SPL_,
    RPL_ per theme, SPL_THEMES, RPL_THEMES and F_TOTAL, to the CDC's 4 decimals.

    Example:

        opbouw svi svi2020.csv --config svi.toml --out svi_out.csv
    """
    cfg = read_toml(config_path)
    if "id" not in cfg or "themes" not in cfg:
        raise ConfigError("{name}: needs 'id' and a [themes] table", name=config_path.name)
    expect(cfg, "themes", dict, "a table of theme = [variable, ...]", config_path.name)
    expect(cfg, "lower_is_worse", list, "a list of variables", config_path.name)
    expect(cfg, "id", str, "the name of the id column", config_path.name)
    if not all(isinstance(vs, list) for vs in cfg["themes"].values()):
        raise ConfigError("{name}: every theme must be a list of variables",
                          name=config_path.name)
    themes = {str(k): [str(v) for v in vs] for k, vs in cfg["themes"].items()}
    config = SviConfig(themes, [str(v) for v in cfg.get("lower_is_worse", [])])
    data = read_numeric_table(input_file, str(cfg["id"]), [f"EP_{v}" for v in config.variables])
    result = svi(data.fillna(-999.0), config)
    result.index.name = str(cfg["id"])
    meta = {"method": "svi", "options": {"themes": themes},
            "scope": {"areas": len(result)}, "year": "",
            "indicators": {v: {"label": v, "direction": "lower_is_worse"
                               if v in config.lower_is_worse else "higher_is_worse"}
                           for v in config.variables}}
    _write_plain(result.reset_index(), out, input_file, meta, tuple(map(str, result.reset_index())))
    console.print(f"SVI: {len(result)} rows -> {out}")


@cli.command("composite")
@table_command_options("TOML: id, normalise, aggregate, [weights], lower_is_worse, missing.")
def composite_command(input_file: Path, config_path: Path, out: Path) -> None:
    """Bereken een samengestelde index: normaliseren, wegen, aggregeren (rang 1 = meest
    achtergesteld).

    normalise: minmax, zscore, percentile, rank or exponential (English IMD, most
    deprived = 100); aggregate: arithmetic or geometric.

    Example:

        opbouw composite indicatoren.csv --config composite.toml --out index.csv
    """
    cfg = read_toml(config_path)
    for key in ("id", "weights"):
        if key not in cfg:
            raise ConfigError("{name}: '{key}' is required", name=config_path.name, key=key)
    expect(cfg, "id", str, "the name of the id column", config_path.name)
    expect(cfg, "lower_is_worse", list, "a list of columns", config_path.name)
    try:
        weights = numbers(cfg, "weights")
    except ConfigError as exc:
        raise ConfigError("{name}: {exc}", name=config_path.name, exc=exc) from None
    columns = list(weights)
    data = read_numeric_table(input_file, str(cfg["id"]), columns)
    directions = directions_for(columns, cfg.get("lower_is_worse", []))
    res = composite(data, directions, str(cfg.get("normalise", "minmax")),
                    str(cfg.get("aggregate", "arithmetic")), pd.Series(weights),
                    str(cfg.get("missing", "exclude_area")))
    table = res.scores.copy()
    table.index.name = str(cfg["id"])
    table["score"] = table["score"].astype("float64")
    meta = {"method": "composite",
            "options": {"normalise": str(cfg.get("normalise", "minmax")),
                        "aggregate": str(cfg.get("aggregate", "arithmetic")),
                        "weights": weights, "missing": str(cfg.get("missing", "exclude_area"))},
            "scope": {"areas": len(table)}, "year": "",
            "indicators": {c: {"label": c, "direction": "higher_is_worse" if d > 0
                               else "lower_is_worse"} for c, d in directions.items()}}
    _write_plain(table.reset_index(), out, input_file, meta, (str(cfg["id"]),))
    excluded = res.excluded_areas
    console.print(f"composite: {table['score'].notna().sum()} scored"
                  + (f", {len(excluded)} excluded (missing values)" if excluded else "")
                  + f" -> {out}")
    if np.isnan(table["score"]).all():
        raise InsufficientDataError("no area could be scored")
