"""``opbouw hotspots``: spatial concentrations (Moran's I, LISA, Gi*) of one indicator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.composite import composite
from opbouw.analysis.spatial import (
    ConcentrationConfig,
    build_weights,
    describe_clusters,
    global_moran,
    local_concentration,
    parse_weights_spec,
)
from opbouw.analysis.spatial.concentration import describe_config
from opbouw.cli import cli
from opbouw.cli.analyse import _choose_table
from opbouw.cli.options import catalogue_for, file_options, out_option
from opbouw.cli.output import console, print_frame, write_output
from opbouw.data.dataset import FileSpec, import_files
from opbouw.errors import ConfigError, InsufficientDataError
from opbouw.i18n import current_language, gettext
from opbouw.wording import cluster_sentences

HOTSPOT_COLUMNS = ["code", "lisa_cluster", "lisa_p", "gi_z", "gi_p"]

@cli.command()
@click.argument("areas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("indicators", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--indicator", "indicator_key", help="De indicator om te onderzoeken.")
@click.option("--preset",
              help="Of: de samengestelde index (min-max, gelijke gewichten) van een set.")
@click.option("--weights", "weights_spec", default="queen", show_default=True,
              help="Buren: queen, rook, knn:K of distance:METERS.")
@click.option("--permutations", type=click.IntRange(99, 99_999), default=defaults.PERMUTATIONS,
              show_default=True, help="Aantal conditionele permutaties.")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=defaults.SEED,
              show_default=True)
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True),
              default=defaults.ALPHA, show_default=True)
@click.option("--fdr", is_flag=True,
              help="Correctie voor vals-ontdekkingsgraad (Benjamini-Hochberg).")
@click.option("--year", type=click.IntRange(1800, 2100), help="Jaar (default: het laatste).")
@click.option("--area-level", help="Gebiedsniveau (default: het meest voorkomende).")
@out_option("Resultaat per gebied: .csv (zoals de invoer) of .xlsx.")
@file_options
def hotspots(areas: Path, indicators: tuple[Path, ...], indicator_key: str | None,
             preset: str | None, weights_spec: str, permutations: int, seed: int, alpha: float,
             fdr: bool, year: int | None, area_level: str | None, out: Path | None,
             layer: str | None, id_column: str | None, sheet: str | None, crs: str | None,
             level: str | None, catalogues: tuple[Path, ...], lang: str | None) -> None:
    """Ruimtelijke concentraties: clusters (LISA) en hot spots (Gi*) van een indicator.

    p-waarden zijn tweezijdig (2 x esda's p_sim). OUT bevat code, lisa_cluster
    (HH, LL, HL, LH of ns), lisa_p, gi_z en gi_p.

    Example:

        opbouw hotspots sectoren.gpkg --layer sectoren --id code indicatoren.csv \\
            --indicator zero_income_share --weights queen --out hotspots.csv
    """
    lang = current_language(lang)
    if bool(indicator_key) == bool(preset):
        raise ConfigError("give either --indicator or --preset")
    spec = parse_weights_spec(weights_spec)
    config = ConcentrationConfig(permutations=permutations, seed=seed, alpha=alpha, fdr=fdr)
    catalogue = catalogue_for(catalogues)
    files = [FileSpec(areas, layer=layer, id_column=id_column, level=level, crs=crs, sheet=sheet)]
    files += [FileSpec(p, sheet=sheet, id_column=id_column) for p in indicators]
    with console.status(gettext("Reading ...", lang)):
        dataset = import_files(files, catalogue)
    if dataset.areas is None or not dataset.areas.has_geometry:
        raise ConfigError("{name}: no area geometry (a GeoPackage, GeoJSON or Shapefile)",
                          name=areas.name)
    keys = ([indicator_key] if indicator_key
            else list(catalogue.preset(preset).indicators) if preset else [])
    table, directions, _ = _choose_table(dataset, catalogue, keys, year, area_level,
                                         one_level=False)
    if indicator_key:
        values = table[indicator_key]
        sign = directions[indicator_key]
        label = (catalogue.get(indicator_key).label(lang) if indicator_key in catalogue
                 else indicator_key)
    else:
        values = composite(table, directions).scores["score"]
        sign, label = 1, f"index {preset}"
    frame = dataset.areas.frame.loc[table.index]
    with console.status(gettext("Neighbours ...", lang)):
        weights = build_weights(frame, spec)
    with console.status(gettext("{n} permutations ...", lang).format(n=permutations)):
        moran = global_moran(values, weights, config)
        result = local_concentration(values, weights, config)
    if preset:
        _print_moran_table(table, directions, composite_values=values, weights=weights,
                           config=config, catalogue=catalogue, lang=lang)
    _print_result(result, moran, weights.summary(), label, lang)
    parents = dataset.areas.frame["name"].astype("string")
    levels = frame["level"].value_counts()
    clusters = describe_clusters(result, frame, sign,
                                 {str(k): str(v) for k, v in parents.dropna().items()})
    for sentence in cluster_sentences(clusters, str(levels.index[0]) if len(levels) else None,
                                      lang):
        console.print("• " + sentence[0].upper() + sentence[1:])
    if out is not None:
        res = result.table.reset_index()
        res["code"] = res["code"].astype("string")
        res["name"] = parents.reindex(res["code"].to_numpy()).to_numpy()
        extra = [c for c in res.columns if c not in HOTSPOT_COLUMNS and c != "name"]
        res = res[HOTSPOT_COLUMNS + ["name"] + extra]
        keys_used = [indicator_key] if indicator_key else list(directions)
        write_output(res, out, {
            "method": "hotspots", "indicator": label, "weights": weights.summary()["weights"],
            "options": describe_config(result.config),
            "year": year if year is not None else "latest",
            "scope": {"level": area_level or "", "areas": len(res)},
            "indicators": {k: {"label": catalogue.get(k).label(lang) if k in catalogue else k,
                               "direction": "higher_is_worse" if directions[k] > 0
                               else "lower_is_worse"} for k in keys_used}},
            (areas, *indicators), lang, keep=HOTSPOT_COLUMNS)


def _print_moran_table(table: pd.DataFrame, directions: dict[str, int], composite_values: Any,
                       weights: Any, config: ConcentrationConfig, catalogue: Any,
                       lang: str) -> None:
    """Global Moran's I of every indicator of the set and of their composite index."""
    rows = []
    for key in directions:
        try:
            m = global_moran(table[key], weights, config)
        except InsufficientDataError:  # e.g. the same value everywhere: no I to report
            continue
        label = catalogue.get(key).label(lang) if key in catalogue else key
        rows.append((label, m["I"], m["z"], m["p_two_sided"]))
    m = global_moran(composite_values, weights, config)
    rows.append((gettext("index", lang), m["I"], m["z"], m["p_two_sided"]))
    frame = pd.DataFrame(rows, columns=["indicator", "Moran's I", "z", "p"]).round(4)
    print_frame(frame, gettext("Moran's I per indicator", lang))


def _print_result(result: Any, moran: dict[str, float], wsum: dict[str, Any], label: str,
                  lang: str) -> None:
    cfg = describe_config(result.config)
    console.print(f"[bold]{label}[/bold]: {moran['areas']} " + gettext("areas", lang)
                  + (", " + gettext("{n} without a value", lang).format(n=moran["missing"])
                     if moran["missing"] else ""))
    console.print(f"Moran's I = {moran['I']:.4f}  (z = {moran['z']:.2f}, "
                  f"p = {moran['p_two_sided']:.4f}; {wsum['weights']}, "
                  + gettext("mean {n:.1f} neighbours", lang).format(n=wsum["mean_neighbours"])
                  + ")")
    counts = result.table["lisa_cluster"].value_counts().reindex(
        ["HH", "LL", "HL", "LH", "ns"], fill_value=0)
    hot = result.table["hotspot"].value_counts().reindex(["hot", "cold", "ns"], fill_value=0)
    frame = pd.DataFrame({"LISA": counts.index, gettext("areas", lang): counts.to_numpy()})
    print_frame(frame, gettext("LISA clusters", lang))
    console.print(f"Gi*: {hot['hot']} hot, {hot['cold']} cold "
                  + f"(alpha {cfg['alpha']}, {cfg['permutations']} "
                  + gettext("permutations, two-sided", lang)
                  + (", FDR" if cfg["fdr"] else "") + ")")
    if wsum["islands"]:
        console.print(f"[yellow]! {len(wsum['islands'])} "
                      + gettext("area(s) without neighbours: {codes}", lang).format(
                          codes=", ".join(wsum["islands"][:10])) + "[/yellow]")
    if wsum["components"] > 1:
        console.print("[yellow]! " + gettext("{n} disconnected parts", lang).format(
            n=wsum["components"]) + "[/yellow]")
    for note in result.notes:
        console.print(f"[yellow]! {note}[/yellow]")
