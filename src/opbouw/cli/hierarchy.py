"""``opbouw hidden`` (deprivation averaged away), ``opbouw compare`` (working areas) and
``opbouw trend`` (ranks over years, across mergers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd

from opbouw.analysis.hierarchy import aggregate_values, ancestor_at, averaged_away
from opbouw.analysis.methods import AtlasConfig, flag_rule, method_config, run_method
from opbouw.analysis.tables import oriented
from opbouw.analysis.trends import harmonise, rank_changes
from opbouw.analysis.working_areas import compare_working_areas
from opbouw.cli import cli
from opbouw.cli.options import catalogue_for, file_options, specs_for
from opbouw.cli.output import console, print_frame
from opbouw.data.dataset import Dataset, import_files
from opbouw.data.mergers import load_mergers
from opbouw.data.writers import write_table
from opbouw.errors import ConfigError, InsufficientDataError
from opbouw.i18n import current_language
from opbouw.model.areas import level_for
from opbouw.model.indicators import Catalogue


def _load(paths: tuple[Path, ...], opts: dict[str, Any]) -> tuple[Dataset, Catalogue]:
    catalogue = catalogue_for(opts.pop("catalogues"))
    specs = specs_for(paths, opts.pop("layer"), opts.pop("id_column"), opts.pop("sheet"),
                      opts.pop("crs"), opts.pop("level"))
    with console.status("Inlezen ..."):
        dataset = import_files(specs, catalogue)
    if dataset.areas is None:
        raise ConfigError("no areas file among the inputs (code, level, parent)")
    return dataset, catalogue


def _level(name: str) -> str:
    found = level_for(name)
    if found is None:
        raise ConfigError(f"unknown area level {name!r}")
    return found.key


def _keys(catalogue: Catalogue, preset: str | None, keys: tuple[str, ...]) -> list[str]:
    if preset:
        return list(catalogue.preset(preset).indicators)
    if not keys:
        raise ConfigError("give --preset or at least one --indicator")
    return list(keys)


def _table(dataset: Dataset, keys: list[str], year: int | None, level: str,
           values: pd.DataFrame | None = None) -> pd.DataFrame:
    data = Dataset(dataset.areas, values) if values is not None else dataset
    table = data.wide(year, keys)
    codes = dataset.areas.frame.index[dataset.areas.frame["level"] == level]  # type: ignore[union-attr]
    table = table.loc[table.index.isin(codes)]
    if len(table) < 2:
        raise InsufficientDataError(f"fewer than two areas at level {level} with values")
    return table


def _directions(catalogue: Catalogue, keys: list[str]) -> dict[str, int]:
    return {k: catalogue.get(k).direction.sign if k in catalogue else 1 for k in keys}


def _write(frame: pd.DataFrame, out: Path | None, lang: str) -> None:
    if out is not None:
        write_table(frame, out)
        console.print(("Geschreven: " if lang == "nl" else "Written: ") + str(out))


files_argument = click.argument("files", nargs=-1, required=True,
                                type=click.Path(exists=True, dir_okay=False, path_type=Path))
"""The areas file and indicator files, in any order."""

_analysis_options = [
    click.option("--preset", help="Indicatorset uit de catalogus."),
    click.option("--indicator", "indicator_keys", multiple=True, help="Indicator (herhaalbaar)."),
    click.option("--year", type=int, help="Jaar (default: het laatste)."),
    click.option("--p", type=float, default=20.0, show_default=True,
                 help="Slechtste p procent per indicator."),
    click.option("-k", type=int, default=4, show_default=True,
                 help="Kansarm vanaf k negatieve condities."),
    click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
                 help="Resultaat als .csv of .xlsx."),
]


def analysis_options(func: Any) -> Any:
    """Indicator set, year, rule and output, shared by hidden and compare."""
    for option in reversed(_analysis_options):
        func = option(func)
    return func


@cli.command()
@files_argument
@click.option("--child-level", default="sub_municipality", show_default=True,
              help="Niveau van de deelgebieden.")
@click.option("--parent-level", default="municipality", show_default=True,
              help="Niveau van de gebieden die het gemiddelde tonen.")
@analysis_options
@file_options
def hidden(files: tuple[Path, ...], child_level: str, parent_level: str, preset: str | None,
           indicator_keys: tuple[str, ...], year: int | None, p: float, k: int,
           out: Path | None, lang: str | None, **opts: Any) -> None:
    """Kansarme deelgebieden die het gemiddelde van hun gemeente verbergt.

    Elk niveau wordt met zijn eigen gelijken vergeleken (slechtste p % per indicator,
    kansarm vanaf k condities). Ontbreken waarden op het hoogste niveau, dan worden ze
    opgeteld uit de deelgebieden (tellers en noemers, nooit gemiddelde percentages).

    Example:

        opbouw hidden gebieden.csv indicatoren.csv --preset submunicipal10 -k 4
    """
    lang = current_language(lang)
    dataset, catalogue = _load(files, opts)
    child, parent = _level(child_level), _level(parent_level)
    keys = _keys(catalogue, preset, indicator_keys)
    directions = _directions(catalogue, keys)
    frame = dataset.areas.frame  # type: ignore[union-attr]
    up = ancestor_at(frame, parent)
    children = _table(dataset, keys, year, child)
    config = AtlasConfig(flag_rule({"p": p}), k)
    child_res = run_method("atlas", children, directions, config)
    parent_codes = frame.index[frame["level"] == parent]
    have = dataset.values[dataset.values["code"].isin(parent_codes)
                          & dataset.values["indicator"].isin(keys)]
    note = ""
    if have.empty:
        inds = {key: catalogue.get(key) for key in dataset.values["indicator"].unique()
                if key in catalogue}
        agg = aggregate_values(dataset.values, up.reindex(children.index).dropna(), inds,
                               frame["population"])
        parents = _table(dataset, keys, year, parent, agg.values)
        approx = [k_ for k_, r in agg.rules.items() if k_ in keys and "mean" in r]
        note = ("opgeteld uit de deelgebieden" if lang == "nl" else "added up from the sub-areas")
        if approx:
            note += (f"; benaderd (gewogen gemiddelde): {', '.join(approx)}" if lang == "nl"
                     else f"; approximated (weighted mean): {', '.join(approx)}")
    else:
        parents = _table(dataset, keys, year, parent)
    parent_res = run_method("atlas", parents, directions, config)
    result = averaged_away(child_res.table["flag"], parent_res.table["flag"],
                           up.reindex(children.index), frame["population"],
                           child_res.table["score"])
    nl = lang == "nl"
    areas = result.areas.copy()
    areas.insert(0, "name", [dataset.areas.name_of(c) for c in areas.index])  # type: ignore[union-attr]
    areas.insert(2, "parent_name", [dataset.areas.name_of(c) for c in areas["parent"]])  # type: ignore[union-attr]
    console.print(f"{int(child_res.table['flag'].sum())} van {len(children)} deelgebieden kansarm "
                   f"(k = {k}); {len(areas)} ervan liggen in een gebied dat als geheel niet "
                   "kansarm is." if nl else
                   f"{int(child_res.table['flag'].sum())} of {len(children)} sub-areas deprived "
                   f"(k = {k}); {len(areas)} of them lie in an area that is not deprived as a "
                   "whole.")
    if note:
        console.print(f"[dim]{parent_level}: {note}[/dim]")
    shown = areas.reset_index().round(1).astype({"population": "Int64"}, errors="ignore")
    print_frame(shown.drop(columns=["parent"]), "Verborgen kansarmoede" if nl
                else "Deprivation averaged away", max_rows=30)
    _write(areas.reset_index(), out, lang)


@cli.command()
@files_argument
@click.option("--area-level", default="municipality", show_default=True,
              help="Niveau van de gebieden die gerangschikt worden.")
@click.option("--working-area-level", default="province", show_default=True,
              help="Niveau van de werkgebieden (provincie, instituut, ...).")
@click.option("--fte", "fte_pairs", multiple=True,
              help="Gefinancierde FTE per werkgebied: code=waarde (herhaalbaar).")
@analysis_options
@file_options
def compare(files: tuple[Path, ...], area_level: str, working_area_level: str,
            fte_pairs: tuple[str, ...], preset: str | None, indicator_keys: tuple[str, ...],
            year: int | None, p: float, k: int, out: Path | None, lang: str | None,
            **opts: Any) -> None:
    """Werkgebieden vergeleken: hoeveel kansarme gebieden elk telt en FTE per gebied."""
    from opbouw.cli.configfile import key_values

    lang = current_language(lang)
    dataset, catalogue = _load(files, opts)
    level, wa_level = _level(area_level), _level(working_area_level)
    keys = _keys(catalogue, preset, indicator_keys)
    table = _table(dataset, keys, year, level)
    res = run_method("atlas", table, _directions(catalogue, keys),
                     AtlasConfig(flag_rule({"p": p}), k))
    frame = dataset.areas.frame  # type: ignore[union-attr]
    fte = pd.Series(key_values(fte_pairs, "--fte")) if fte_pairs else None
    comp = compare_working_areas(res.table["flag"], ancestor_at(frame, wa_level),
                                 frame["population"], fte)
    comp.insert(0, "name", [dataset.areas.name_of(c) for c in comp.index])  # type: ignore[union-attr]
    cols = [c for c in ("name", "areas", "highest", "share_of_highest",
                        "share_population_in_highest", "fte", "fte_per_highest") if c in comp]
    shown = comp[cols].rename(columns={"share_of_highest": "% top",
                                       "share_population_in_highest": "% pop",
                                       "fte_per_highest": "fte/top"})
    print_frame(shown.reset_index().round(1), "Werkgebieden vergeleken" if lang == "nl"
                else "Working areas compared")
    _write(comp.reset_index(), out, lang)


@cli.command()
@files_argument
@click.option("--indicator", "indicator_key", help="Eén indicator (hoger rang = slechter).")
@click.option("--preset", help="Of een set, met --method.")
@click.option("--method", type=click.Choice(["atlas", "composite"]), default="atlas",
              show_default=True)
@click.option("--from", "first", type=int, help="Eerste jaar.")
@click.option("--to", "last", type=int, help="Laatste jaar.")
@click.option("--top", type=int, default=10, show_default=True, help="Grootte van de top.")
@click.option("--merge-to", type=int,
              help="Codes omzetten naar de gemeenten van dit jaar (fusies 2019, 2025).")
@click.option("--area-level", default="municipality", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@file_options
def trend(files: tuple[Path, ...], indicator_key: str | None, preset: str | None, method: str,
          first: int | None, last: int | None, top: int, merge_to: int | None,
          area_level: str, out: Path | None, lang: str | None, **opts: Any) -> None:
    """Evolutie: rang per jaar, wie de top binnenkwam of verliet, wie kansarm werd.

    Example:

        opbouw trend gebieden.gpkg indicatoren.csv --indicator zero_income_share \\
            --from 2005 --to 2013 --merge-to 2025 --top 10
    """
    lang = current_language(lang)
    dataset, catalogue = _load(files, opts)
    if bool(indicator_key) == bool(preset):
        raise ConfigError("give either --indicator or --preset")
    keys = ([indicator_key] if indicator_key
            else list(catalogue.preset(preset).indicators) if preset else [])
    directions = _directions(catalogue, keys)
    frame = dataset.areas.frame  # type: ignore[union-attr]
    level = _level(area_level)
    values = dataset.values[dataset.values["code"].isin(frame.index[frame["level"] == level])]
    names = {c: dataset.areas.name_of(c) for c in values["code"].unique()}  # type: ignore[union-attr]
    if merge_to is not None:
        mergers = load_mergers()
        inds = {k_: catalogue.get(k_) for k_ in values["indicator"].unique() if k_ in catalogue}
        values = harmonise(values, mergers, merge_to, inds, frame["population"]).values
        names.update(dict(zip(mergers["new_code"].astype(str), mergers["new_name"], strict=True)))
    years = sorted(int(y) for y in values.loc[values["indicator"].isin(keys), "year"].unique())
    years = [y for y in years if (first is None or y >= first) and (last is None or y <= last)]
    if len(years) < 2:
        raise InsufficientDataError(f"a trend needs two years with values; found {years}")
    scores, deprived = {}, {}
    for y in years:
        wide = Dataset(None, values).wide(y, keys)
        if indicator_key:
            scores[y] = oriented(wide, directions)[indicator_key]
        else:
            cfg = method_config(method, {"p": 20.0, "k": 4})
            res = run_method(method, wide, directions, cfg)
            scores[y] = res.table["score"].astype(float)
            if method == "atlas":
                deprived[y] = res.table["flag"]
    table = rank_changes(pd.DataFrame(scores), top, pd.DataFrame(deprived) if deprived else None)
    table.insert(0, "name", [names.get(c, c) for c in table.index])
    table.index.name = "code"
    nl = lang == "nl"
    moved = table[table["top"].isin(["entered", "left"])]
    console.print(f"{years[0]} → {years[-1]}: {int((table['top'] == 'entered').sum())} gebieden "
                   f"kwamen in de top {top}, {int((table['top'] == 'left').sum())} verlieten ze."
                   if nl else
                   f"{years[0]} → {years[-1]}: {int((table['top'] == 'entered').sum())} areas "
                   f"entered the top {top}, {int((table['top'] == 'left').sum())} left it.")
    cols = ["name", f"rank_{years[0]}", f"rank_{years[-1]}", "change", "top"]
    cols += ["deprived"] if "deprived" in table else []
    print_frame(table[cols].head(top).reset_index(), f"Top {top} in {years[-1]}")
    if len(moved):
        print_frame(moved[cols].reset_index(),
                    "In en uit de top" if nl else "In and out of the top")
    _write(table.reset_index(), out, lang)


__all__ = ["compare", "hidden", "trend"]
