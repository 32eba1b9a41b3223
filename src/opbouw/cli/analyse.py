"""``opbouw analyse``, ``opbouw svi`` and ``opbouw composite``: the area analysis on files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import numpy as np
import pandas as pd

from opbouw.analysis.composite import AGGREGATIONS, MISSING_POLICIES, NORMALISATIONS, composite
from opbouw.analysis.explain import explain
from opbouw.analysis.flags import RULE_KINDS
from opbouw.analysis.methods import METHODS, method_config, run_method
from opbouw.analysis.methods.svi import SviConfig, svi
from opbouw.analysis.tables import directions_for
from opbouw.analysis.uncertainty import UncertaintyConfig, monte_carlo
from opbouw.cli import cli
from opbouw.cli.configfile import key_values, read_toml, write_toml
from opbouw.cli.options import catalogue_for, file_options, specs_for
from opbouw.cli.output import console, print_frame, progress_bar
from opbouw.cli.tables_in import read_numeric_table
from opbouw.data.dataset import Dataset, import_files
from opbouw.data.writers import write_csv, write_table
from opbouw.errors import ConfigError, InsufficientDataError
from opbouw.i18n import current_language
from opbouw.model.indicators import Catalogue


def _choose_table(dataset: Dataset, catalogue: Catalogue, keys: list[str], year: int | None,
                  level: str | None, one_level: bool = True,
                  ) -> tuple[pd.DataFrame, dict[str, int], list[str]]:
    """The wide table to analyse, the directions, and warnings about unknown directions.

    With ``one_level`` and no ``level``, only the most common level among the areas with
    values is kept (an areas file may hold municipalities and their provinces).
    """
    present = list(dict.fromkeys(dataset.values["indicator"]))
    if not keys:
        keys = [k for k in present if k not in catalogue
                or catalogue.get(k).unit != "count"]
    absent = [k for k in keys if k not in present]
    if absent:
        raise ConfigError(f"indicators not in the data: {absent}")
    table = dataset.wide(year, keys)
    if dataset.areas is not None and (one_level or level):
        frame = dataset.areas.frame
        with_values = frame.loc[frame.index.isin(table.index)]
        chosen = level or (with_values["level"].mode().iat[0] if len(with_values) else None)
        if chosen:
            table = table.loc[table.index.isin(frame.index[frame["level"] == chosen])]
    if len(table) < 2:
        raise InsufficientDataError("fewer than two areas with values to compare")
    warnings = []
    directions = {}
    for k in keys:
        if k in catalogue:
            directions[k] = catalogue.get(k).direction.sign
        else:
            directions[k] = 1
            warnings.append(k)
    return table, directions, warnings


@cli.command()
@click.argument("areas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("indicators", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--method", type=click.Choice(sorted(METHODS)), help="Methode (default atlas).")
@click.option("--preset", help="Indicatorset uit de catalogus, bv. municipal14.")
@click.option("--indicator", "indicator_keys", multiple=True, help="Indicator (herhaalbaar).")
@click.option("--year", type=int, help="Jaar (default: het laatste per indicator).")
@click.option("--area-level",
              help="Gebiedsniveau om te vergelijken (default: het meest voorkomende).")
@click.option("--rule", type=click.Choice(RULE_KINDS), help="Regel voor de slechtste groep.")
@click.option("--p", type=float, help="Slechtste p procent (rule percentile).")
@click.option("-n", "--top-n", "n", type=int, help="Top N per indicator (top-n, rule top_n).")
@click.option("-k", type=int, help="Aantal condities vanaf wanneer een gebied achtergesteld is.")
@click.option("--threshold", multiple=True, help="Drempel per indicator: key=waarde.")
@click.option("--reference", multiple=True, help="Referentiewaarde per indicator: key=waarde.")
@click.option("--factor", type=float, help="Factor t.o.v. de referentiewaarde (rule ratio).")
@click.option("--normalise", type=click.Choice(NORMALISATIONS))
@click.option("--aggregate", type=click.Choice(AGGREGATIONS))
@click.option("--weight", multiple=True, help="Gewicht per indicator: key=waarde.")
@click.option("--missing", type=click.Choice(MISSING_POLICIES))
@click.option("--draws", type=int, help="Monte-Carlo-trekkingen voor onzekerheid (0 = geen).")
@click.option("--seed", type=int, default=None)
@click.option("--config", "config_path",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML-configuratie (opties op de opdrachtregel gaan voor).")
@click.option("--save-config", type=click.Path(dir_okay=False, path_type=Path),
              help="Bewaar de gebruikte configuratie als TOML.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Resultaten als .csv (Vlaamse Excel-conventie) of .xlsx.")
@file_options
def analyse(areas: Path, indicators: tuple[Path, ...], config_path: Path | None,
            save_config: Path | None, out: Path | None, layer: str | None,
            id_column: str | None, sheet: str | None, crs: str | None, level: str | None,
            catalogues: tuple[Path, ...], lang: str | None, **options: Any) -> None:
    """Analyseer gebieden: rangschikken, vlaggen, cumulatie, SVI of samengestelde index.

    Methods: atlas (negative conditions, deprived from k), top-n ("most often ranked
    highest" with its level break), score (0..K), svi (CDC method), composite.

    Example:

        opbouw analyse gebieden.gpkg indicatoren.csv --method atlas --p 20 -k 4 --out res.xlsx
    """
    lang = current_language(lang)
    cfg: dict[str, Any] = read_toml(config_path) if config_path else {}
    mapping = {"indicator_keys": "indicators", "area_level": "level"}
    for key, value in options.items():
        if value in (None, ()):
            continue
        name = mapping.get(key, key)
        if key in ("threshold", "reference", "weight"):
            cfg[{"threshold": "thresholds", "reference": "reference", "weight": "weights"}[key]] = \
                key_values(value, f"--{key}")
        else:
            cfg[name] = list(value) if isinstance(value, tuple) else value
    method = cfg.get("method", "atlas")
    if method not in METHODS:
        raise ConfigError(f"unknown method {method!r}; choose one of: {', '.join(sorted(METHODS))}")
    catalogue = catalogue_for(catalogues)
    keys = list(cfg.get("indicators", []))
    if cfg.get("preset"):
        keys = list(catalogue.preset(cfg["preset"]).indicators)
    with progress_bar("Inlezen" if lang == "nl" else "Reading") as update:
        dataset = import_files(specs_for((areas, *indicators), layer, id_column, sheet, crs, level),
                               catalogue, progress=update)
    table, directions, unknown = _choose_table(dataset, catalogue, keys, cfg.get("year"),
                                               cfg.get("level"))
    for k in cfg.get("lower_is_worse", []):
        directions[k] = -1
    if unknown:
        console.print(f"[yellow]! {', '.join(unknown)}: "
                      + ("richting onbekend, hoger = slechter aangenomen[/yellow]" if lang == "nl"
                         else "direction unknown, higher = worse assumed[/yellow]"))
    result = run_method(method, table, directions, method_config(method, cfg))
    names = dataset.areas.frame["name"] if dataset.areas is not None else pd.Series(dtype="string")
    res = result.table.copy()
    res.insert(0, "name", names.reindex(res.index))
    draws = int(cfg.get("draws", 0))
    if draws > 0:
        with console.status("Monte-Carlo ..."):
            mc = monte_carlo(table, directions, UncertaintyConfig(
                draws=draws, seed=int(cfg.get("seed") or 0), top=int(cfg.get("n", 20))))
        res = res.join(mc.areas)
    res = res.sort_values("rank", na_position="last")
    labels = {k: (catalogue.get(k).label(lang) if k in catalogue else k) for k in directions}
    title = METHODS[method].label_en if lang == "en" else METHODS[method].label_nl
    shown = res[[c for c in ("name", "score", "rank", "flag", "level", "median_rank",
                             "rank_p5", "rank_p95") if c in res.columns]]
    print_frame(shown.reset_index(), f"{title}: {len(res)} gebieden" if lang == "nl"
                else f"{title}: {len(res)} areas", max_rows=20)
    if result.details.get("breaks"):
        console.print(("Niveaubreuk na rang " if lang == "nl" else "Level break after rank ")
                      + ", ".join(map(str, result.details["breaks"])))
    for code in res.index[:3]:
        expl = explain(code, result, table, directions, str(names.get(code, code)), labels, lang)
        console.print("• " + expl.summary)
    if out is not None:
        full = res.join(table.add_prefix("value_"))
        if result.flags is not None:
            full = full.join(result.flags.add_prefix("flag_"))
        full.index.name = "code"
        write_table(full.reset_index(), out)
        console.print(("Geschreven: " if lang == "nl" else "Written: ") + str(out))
    if save_config is not None:
        write_toml(save_config, cfg)


def _write_plain(frame: pd.DataFrame, out: Path) -> None:
    if out.suffix.lower() == ".xlsx":
        write_table(frame, out)
    else:
        write_csv(frame, out, "international")


def table_command_options(config_help: str) -> Any:
    """INPUT, --config and --out, shared by the fixed entry points ``svi`` and ``composite``."""

    def decorate(func: Any) -> Any:
        func = click.option("--out", required=True,
                            type=click.Path(dir_okay=False, path_type=Path))(func)
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
        raise ConfigError(f"{config_path.name}: needs 'id' and a [themes] table")
    themes = {str(k): [str(v) for v in vs] for k, vs in cfg["themes"].items()}
    config = SviConfig(themes, [str(v) for v in cfg.get("lower_is_worse", [])])
    data = read_numeric_table(input_file, str(cfg["id"]), [f"EP_{v}" for v in config.variables])
    result = svi(data.fillna(-999.0), config)
    result.index.name = str(cfg["id"])
    _write_plain(result.reset_index(), out)
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
            raise ConfigError(f"{config_path.name}: '{key}' is required")
    weights = {str(k): float(v) for k, v in cfg["weights"].items()}
    columns = list(weights)
    data = read_numeric_table(input_file, str(cfg["id"]), columns)
    directions = directions_for(columns, cfg.get("lower_is_worse", []))
    res = composite(data, directions, str(cfg.get("normalise", "minmax")),
                    str(cfg.get("aggregate", "arithmetic")), pd.Series(weights),
                    str(cfg.get("missing", "exclude_area")))
    table = res.scores.copy()
    table.index.name = str(cfg["id"])
    table["score"] = table["score"].astype("float64")
    _write_plain(table.reset_index(), out)
    excluded = res.excluded_areas
    console.print(f"composite: {table['score'].notna().sum()} scored"
                  + (f", {len(excluded)} excluded (missing values)" if excluded else "")
                  + f" -> {out}")
    if np.isnan(table["score"]).all():
        raise InsufficientDataError("no area could be scored")
