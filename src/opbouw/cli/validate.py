"""``opbouw validate``: check areas and indicator files together, report every problem."""

from __future__ import annotations

from pathlib import Path

import click

from opbouw.cli import cli
from opbouw.cli.options import catalogue_for, file_options, specs_for
from opbouw.cli.output import console, print_problems, progress_bar
from opbouw.data.dataset import validate_files
from opbouw.i18n import current_language, gettext


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--preset", help="Indicatorset die volledig aanwezig moet zijn, bv. municipal14.")
@file_options
def validate(files: tuple[Path, ...], preset: str | None, layer: str | None,
             id_column: str | None, sheet: str | None, crs: str | None, level: str | None,
             catalogues: tuple[Path, ...], lang: str | None) -> None:
    """Controleer gebieden- en indicatorbestanden samen en toon alle problemen.

    Areas files (GeoJSON, GeoPackage, Shapefile, or a table with code and level/parent
    columns) are read first; indicator files (wide or long) are checked against their codes.
    Exit status 0 when the files can be imported, 1 when any error was found.

    Example:

        opbouw validate gemeenten.gpkg --layer gemeente indicatoren.csv --preset municipal14
    """
    catalogue = catalogue_for(catalogues)
    required: tuple[str, ...] = ()
    label = ""
    if preset:
        required = catalogue.preset(preset).indicators
        label = preset
    lang = current_language(lang)
    with progress_bar(gettext("Reading", lang)) as update:
        problems = validate_files(specs_for(files, layer, id_column, sheet, crs, level),
                                  catalogue, required, label, update)
    if problems:
        print_problems(problems, lang)
    if any(p.is_error for p in problems):
        raise click.exceptions.Exit(1)
    ok = gettext("OK: the files can be imported.", lang)
    console.print(f"[green]{ok}[/green]")
