"""Options several subcommands share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from opbouw.data.dataset import FileSpec
from opbouw.model.indicators import Catalogue, load_catalogue

F = Callable[..., Any]


def file_options(func: F) -> F:
    """Options describing how to read input files."""
    for option in reversed([
        click.option("--layer", help="Laag in een GeoPackage (layer in a GeoPackage)."),
        click.option("--id", "id_column", help="Kolom met de gebiedscode (code column)."),
        click.option("--sheet", help="Werkblad in een XLSX-bestand (sheet)."),
        click.option("--crs", help="CRS als het bestand er geen heeft, bv. EPSG:31370."),
        click.option("--level", help="Gebiedsniveau als het bestand er geen heeft."),
        click.option("--catalogue", "catalogues", multiple=True,
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="TOML-bestand met eigen indicatordefinities."),
        click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
                     help="Taal van de meldingen (default: nl, of $OPBOUW_LANG)."),
    ]):
        func = option(func)
    return func


def specs_for(paths: tuple[Path, ...], layer: str | None, id_column: str | None,
              sheet: str | None, crs: str | None, level: str | None) -> list[FileSpec]:
    """One FileSpec per path with the shared options."""
    return [FileSpec(Path(p), sheet=sheet, layer=layer, id_column=id_column, level=level, crs=crs)
            for p in paths]


def catalogue_for(catalogues: tuple[Path, ...]) -> Catalogue:
    """The bundled catalogue plus the user's TOML files."""
    return load_catalogue(*catalogues)
