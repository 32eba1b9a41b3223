"""``opbouw typologies``: which conditions coincide in the deprived areas, and types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from opbouw.analysis import defaults
from opbouw.analysis.composite import normalise
from opbouw.analysis.tables import oriented
from opbouw.analysis.typology import cluster_types, combinations
from opbouw.cli import cli
from opbouw.cli.analyse import _settings, spec_from
from opbouw.cli.options import (
    catalogue_for,
    file_options,
    out_option,
    rule_options,
    scope_options,
    specs_for,
)
from opbouw.cli.output import console, print_frame, write_output
from opbouw.data.dataset import import_files
from opbouw.i18n import current_language, gettext
from opbouw.wording import area_type_description


@cli.command()
@click.argument("areas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("indicators", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--preset", help="Indicatorset uit de catalogus.")
@click.option("--indicator", "indicator_keys", multiple=True, help="Indicator (herhaalbaar).")
@click.option("--year", type=click.IntRange(1800, 2100), help="Jaar (default: het laatste).")
@click.option("--area-level", help="Gebiedsniveau (default: het meest voorkomende).")
@scope_options
@rule_options
@click.option("--types", "n_types", type=click.IntRange(1, 12), default=3, show_default=True,
              help="Aantal types (k-means op de z-scores van de kansarme gebieden).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="Aantal combinaties in de lijst.")
@out_option("De combinaties als .csv of .xlsx.")
@file_options
def typologies(areas: Path, indicators: tuple[Path, ...], n_types: int, top: int,
               out: Path | None, layer: str | None, id_column: str | None, sheet: str | None,
               crs: str | None, level: str | None, catalogues: tuple[Path, ...],
               lang: str | None, **options: Any) -> None:
    """Typologieën (Atlas): welke negatieve condities samenvallen in de kansarme gebieden,
    en types van kansarme gebieden met wat hen kenmerkt.

    Example:

        opbouw typologies gebieden.gpkg indicatoren.csv --preset demo -k 3 --types 3
    """
    lang = current_language(lang)
    cfg = _settings(None, options)
    cfg["method"] = "atlas"
    catalogue = catalogue_for(catalogues)
    dataset = import_files(specs_for((areas, *indicators), layer, id_column, sheet, crs, level),
                           catalogue)
    frame = dataset.areas.frame if dataset.areas is not None else None
    from opbouw.analysis.pipeline import run_analysis

    run = run_analysis(dataset.values, frame, catalogue, spec_from(cfg))
    flags = run.result.flags
    deprived = run.result.table["flag"]
    labels = {k: catalogue.get(k).label(lang) if k in catalogue else k for k in run.directions}
    combos = combinations(flags.rename(columns=labels), deprived, top=top)  # type: ignore[union-attr]
    k = int(cfg.get("k") or defaults.K)
    console.print(gettext("{deprived} of {n} areas deprived (k = {k}).", lang).format(
        deprived=int(deprived.sum()), n=len(deprived), k=k))
    print_frame(combos.drop(columns=["codes"]), gettext("Combinations of conditions", lang),
                max_rows=top)
    z = normalise(oriented(run.table, run.directions), "zscore")
    for t in cluster_types(z, [str(c) for c in deprived.index[deprived]], n_types,
                           seed=defaults.SEED % 2**31):
        console.print("• " + area_type_description(t, labels, lang))
    if out is not None:
        write_output(combos, out, run.metadata(catalogue, lang), (areas, *indicators), lang)
