"""``opbouw hidden`` (deprivation averaged away), ``opbouw compare`` (working areas) and
``opbouw trend`` (ranks over years, across mergers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.hidden import PROCEDURES, hidden_places
from opbouw.analysis.hierarchy import ancestor_at
from opbouw.analysis.methods import METHODS
from opbouw.analysis.pipeline import AnalysisSpec, Scope, run_analysis
from opbouw.analysis.trends import harmonise, rank_changes, yearly_scores
from opbouw.analysis.working_areas import compare_working_areas
from opbouw.cli import cli
from opbouw.cli.options import (
    catalogue_for,
    file_options,
    out_option,
    rule_options,
    rule_settings,
    scope_options,
    scope_settings,
    specs_for,
)
from opbouw.cli.output import console, print_frame, write_output
from opbouw.data.dataset import Dataset, import_files
from opbouw.data.mergers import load_mergers
from opbouw.errors import ConfigError, InsufficientDataError
from opbouw.i18n import current_language, gettext
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
        raise ConfigError("unknown area level {name!r}", name=name)
    return found.key


def _keys(catalogue: Catalogue, preset: str | None, keys: tuple[str, ...]) -> list[str]:
    if preset:
        return list(catalogue.preset(preset).indicators)
    if not keys:
        raise ConfigError("give --preset or at least one --indicator")
    return list(keys)


def _spec(method: str, opts: dict[str, Any], keys: list[str], year: int | None, level: str,
          scope: dict[str, Any], preset: str | None = None) -> AnalysisSpec:
    """The pipeline spec for one level, with the rule options and the scope."""
    options = {**rule_settings(opts), **scope}
    return AnalysisSpec(method=method, options=options, indicators=tuple(keys), preset=preset,
                        year=year, scope=Scope.from_settings({**scope, "level": level}))




files_argument = click.argument("files", nargs=-1, required=True,
                                type=click.Path(exists=True, dir_okay=False, path_type=Path))
"""The areas file and indicator files, in any order."""

_analysis_options = [
    click.option("--preset", help="Indicatorset uit de catalogus."),
    click.option("--indicator", "indicator_keys", multiple=True, help="Indicator (herhaalbaar)."),
    click.option("--year", type=click.IntRange(1800, 2100), help="Jaar (default: het laatste)."),
    rule_options,
    scope_options,
    out_option(),
]


def analysis_options(func: Any) -> Any:
    """Indicator set, year, the rule options of ``analyse``, the scope and the output,
    shared by hidden and compare."""
    for option in reversed(_analysis_options):
        func = option(func)
    return func


@cli.command()
@files_argument
@click.option("--child-level", default="sub_municipality", show_default=True,
              help="Niveau van de deelgebieden.")
@click.option("--parent-level", default="municipality", show_default=True,
              help="Niveau van de gebieden die het gemiddelde tonen.")
@click.option("--procedure", type=click.Choice(PROCEDURES),
              default="deprived-parent", show_default=True,
              help="deprived-parent: kansarm deelgebied in een niet-kansarme gemeente; top: "
                   "deelgebieden in de top die als plaats niet in de top van de gemeenten staan "
                   "(seed 004).")
@click.option("--method", type=click.Choice(sorted(METHODS)),
              help="Methode (default atlas; top-n voor --procedure top).")
@click.option("--parent-preset", help="Indicatorset voor het bovenliggende niveau "
                                      "(default: dezelfde), bv. municipal14.")
@click.option("--top", type=click.IntRange(min=1), default=defaults.N, show_default=True,
              help="Lengte van de top (--procedure top).")
@analysis_options
@file_options
def hidden(files: tuple[Path, ...], child_level: str, parent_level: str, procedure: str,
           method: str | None, parent_preset: str | None, top: int, preset: str | None,
           indicator_keys: tuple[str, ...], year: int | None, out: Path | None,
           lang: str | None, **opts: Any) -> None:
    """Kansarme deelgebieden die het gemiddelde van hun gemeente verbergt.

    Elk niveau wordt met zijn eigen gelijken vergeleken, met dezelfde regelopties als
    ``analyse``. Ontbreken waarden op het hoogste niveau, dan worden ze opgeteld uit de
    deelgebieden (tellers en noemers, nooit gemiddelde percentages). Met --procedure top
    worden de deelgebieden op hun eigen set gerangschikt (bv. submunicipal10) en de
    gemeenten op de hunne (municipal14).

    Example:

        opbouw hidden gebieden.csv indicatoren.csv --preset submunicipal10 -k 4
    """
    lang = current_language(lang)
    scope = scope_settings(opts)
    dataset, catalogue = _load(files, opts)
    child, parent = _level(child_level), _level(parent_level)
    keys = _keys(catalogue, preset, indicator_keys)
    parent_keys = list(catalogue.preset(parent_preset).indicators) if parent_preset else keys
    method = method or ("top-n" if procedure == "top" else "atlas")
    rules = dict(opts)
    child_spec = _spec(method, opts, keys, year, child, scope)
    parent_spec = _spec(method, rules, parent_keys, year, parent,
                        {k: v for k, v in scope.items() if k != "codes"})
    frame = dataset.areas.frame  # type: ignore[union-attr]
    found = hidden_places(dataset.values, frame, catalogue, child_spec, parent_spec,
                          procedure, top)
    child_run, parent_run = found.child, found.parent
    children = child_run.table
    note = ""
    if found.added_up:
        note = gettext("added up from the sub-areas", lang)
        if found.approximated:
            approx = ", ".join(found.approximated)
            note += "; " + gettext("approximated (weighted mean): {indicators}", lang).format(
                indicators=approx)
    meta = {**child_run.metadata(catalogue, lang), "procedure": procedure,
            "parent": parent_run.metadata(catalogue, lang)}
    if procedure == "top":
        res = found.table.copy()
        res.insert(0, "name", [dataset.areas.name_of(c) for c in res.index])  # type: ignore[union-attr]
        res.insert(3, "parent_name", [dataset.areas.name_of(c) if isinstance(c, str) else ""  # type: ignore[union-attr]
                                      for c in res["parent"]])
        new = res[res["new"]]
        console.print(gettext("{new} of the top {top} sub-areas are new places against the top "
                              "of the municipalities.", lang).format(new=len(new), top=top))
        if note:
            console.print(f"[dim]{parent_level}: {note}[/dim]")
        print_frame(res.reset_index().drop(columns=["parent"]),
                    gettext("Top of the sub-areas", lang), max_rows=top)
        write_output(res.reset_index(), out, meta, files, lang)
        return
    k = int(child_spec.options.get("k") or defaults.K)
    areas = found.table.copy()
    areas.insert(0, "name", [dataset.areas.name_of(c) for c in areas.index])  # type: ignore[union-attr]
    areas.insert(2, "parent_name", [dataset.areas.name_of(c) for c in areas["parent"]])  # type: ignore[union-attr]
    flagged = int(child_run.result.table["flag"].sum())
    console.print(gettext("{flagged} of {n} sub-areas deprived (k = {k}); {hidden} of them lie "
                          "in an area that is not deprived as a whole.", lang).format(
        flagged=flagged, n=len(children), k=k, hidden=len(areas)))
    if note:
        console.print(f"[dim]{parent_level}: {note}[/dim]")
    shown = areas.reset_index().round(1).astype({"population": "Int64"}, errors="ignore")
    print_frame(shown.drop(columns=["parent"]), gettext("Deprivation averaged away", lang),
                max_rows=30)
    write_output(areas.reset_index(), out, meta, files, lang)


@cli.command()
@files_argument
@click.option("--area-level", default="municipality", show_default=True,
              help="Niveau van de gebieden die gerangschikt worden.")
@click.option("--working-area-level", default="province", show_default=True,
              help="Niveau van de werkgebieden (provincie, instituut, ...).")
@click.option("--fte", "fte_pairs", multiple=True,
              help="Gefinancierde FTE per werkgebied: code=waarde (herhaalbaar).")
@click.option("--method", type=click.Choice(["atlas", "score"]), default="atlas",
              show_default=True, help="Welke gebieden als 'hoogst scorend' tellen.")
@analysis_options
@file_options
def compare(files: tuple[Path, ...], area_level: str, working_area_level: str,
            fte_pairs: tuple[str, ...], method: str, preset: str | None,
            indicator_keys: tuple[str, ...], year: int | None, out: Path | None,
            lang: str | None, **opts: Any) -> None:
    """Werkgebieden vergeleken: hoeveel kansarme gebieden elk telt en FTE per gebied.

    Dezelfde regelopties als ``analyse`` (--rule, --p, -k, --thresholds ...).

    Example:

        opbouw compare gebieden.gpkg indicatoren.csv --preset demo --fte 40000=14.05
    """
    from opbouw.cli.configfile import key_values

    lang = current_language(lang)
    scope = scope_settings(opts)
    dataset, catalogue = _load(files, opts)
    level, wa_level = _level(area_level), _level(working_area_level)
    keys = _keys(catalogue, preset, indicator_keys)
    run = run_analysis(dataset.values, dataset.areas.frame, catalogue,  # type: ignore[union-attr]
                       _spec(method, opts, keys, year, level, scope))
    res = run.result
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
    print_frame(shown.reset_index().round(1), gettext("Working areas compared", lang))
    write_output(comp.reset_index(), out, run.metadata(catalogue, lang), files, lang)


@cli.command()
@files_argument
@click.option("--indicator", "indicator_key", help="Eén indicator (hoger rang = slechter).")
@click.option("--preset", help="Of een set, met --method.")
@click.option("--method", type=click.Choice(sorted(METHODS)), default="atlas",
              show_default=True)
@click.option("--from", "first", type=click.IntRange(1800, 2100), help="Eerste jaar.")
@click.option("--to", "last", type=click.IntRange(1800, 2100), help="Laatste jaar.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Grootte van de top.")
@click.option("--merge-to", type=click.IntRange(1800, 2100),
              help="Codes omzetten naar de gemeenten van dit jaar (fusies 2019, 2025).")
@click.option("--area-level", default="municipality", show_default=True)
@rule_options
@out_option()
@file_options
def trend(files: tuple[Path, ...], indicator_key: str | None, preset: str | None, method: str,
          first: int | None, last: int | None, top: int, merge_to: int | None,
          area_level: str, out: Path | None, lang: str | None, **opts: Any) -> None:
    """Evolutie: rang per jaar, wie de top binnenkwam of verliet, wie kansarm werd.

    Elke methode van ``analyse`` (ook top-n) met haar opties. Met --merge-to krijgen
    gefuseerde gemeenten waarvan niet alle delen in de invoer staan de vlag
    ``incomplete``.

    Example:

        opbouw trend gebieden.gpkg indicatoren.csv --indicator zero_income_share \
            --from 2005 --to 2013 --merge-to 2025 --top 10
    """
    lang = current_language(lang)
    rules = rule_settings(opts)
    dataset, catalogue = _load(files, opts)
    if bool(indicator_key) == bool(preset):
        raise ConfigError("give either --indicator or --preset")
    keys = [indicator_key] if indicator_key else list(catalogue.preset(str(preset)).indicators)
    frame = dataset.areas.frame  # type: ignore[union-attr]
    level = _level(area_level)
    values = dataset.values[dataset.values["code"].isin(frame.index[frame["level"] == level])]
    names = {c: dataset.areas.name_of(c) for c in values["code"].unique()}  # type: ignore[union-attr]
    incomplete: set[str] = set()
    if merge_to is not None:
        mergers = load_mergers()
        inds = {k_: catalogue.get(k_) for k_ in values["indicator"].unique() if k_ in catalogue}
        harmonised = harmonise(values, mergers, merge_to, inds, frame["population"])
        values = harmonised.values
        if len(harmonised.incomplete):
            inc = harmonised.incomplete
            column = "group" if "group" in inc.columns else inc.columns[0]
            incomplete = set(map(str, inc[column]))
        names.update(dict(zip(mergers["new_code"].astype(str), mergers["new_name"], strict=True)))
    years = sorted(int(y) for y in
                   values.loc[values["indicator"].isin(keys), "year"].dropna().unique())
    years = [y for y in years if (first is None or y >= first) and (last is None or y <= last)]
    if len(years) < 2:
        raise InsufficientDataError("a trend needs two years with values; found {years}",
                                    years=years)
    spec = AnalysisSpec(method=method, options=rules, indicators=tuple(keys))
    scores, deprived = yearly_scores(values, catalogue, spec, years, indicator_key)
    table = rank_changes(scores, top, deprived if not indicator_key else None)
    table.insert(0, "name", [names.get(c, c) for c in table.index])
    if merge_to is not None:
        table["incomplete"] = [c in incomplete for c in table.index]
    table.index.name = "code"
    moved = table[table["top"].isin(["entered", "left"])]
    console.print(gettext("{first} → {last}: {entered} areas entered the top {top}, {left} left "
                          "it.", lang).format(
        first=years[0], last=years[-1], entered=int((table["top"] == "entered").sum()), top=top,
        left=int((table["top"] == "left").sum())))
    if incomplete:
        console.print("[yellow]! " + gettext("{n} merged municipalities incomplete (not all "
                                             "parts in the input)", lang).format(
            n=len(incomplete)) + "[/yellow]")
    cols = ["name", f"rank_{years[0]}", f"rank_{years[-1]}", "change", "top"]
    cols += ["deprived"] if "deprived" in table else []
    print_frame(table[cols].head(top).reset_index(), f"Top {top} in {years[-1]}")
    if len(moved):
        print_frame(moved[cols].reset_index(),
                    gettext("In and out of the top", lang))
    directions = {k_: catalogue.get(k_).direction.sign if k_ in catalogue else 1
                  for k_ in keys}
    meta = {"method": method if not indicator_key else f"indicator {indicator_key}",
            "options": {**rules, "top": top}, "scope": {"level": level, "areas": len(table)},
            "year": years, "merge_to": merge_to,
            "indicators": {k_: {"label": catalogue.get(k_).label(lang) if k_ in catalogue
                                else k_, "direction": "higher_is_worse" if d > 0
                                else "lower_is_worse"} for k_, d in directions.items()}}
    write_output(table.reset_index(), out, meta, files, lang)


__all__ = ["compare", "hidden", "trend"]
