"""``opbouw indicators``: the indicator catalogue and its presets."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from opbouw.cli import cli
from opbouw.cli.output import console
from opbouw.i18n import LANGUAGES, current_language, gettext
from opbouw.model.indicators import load_catalogue


@cli.command()
@click.option("--preset",
              help="Toon alleen deze set (municipal14, flemish8, submunicipal10, demo).")
@click.option("--catalogue", "catalogues", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None)
def indicators(preset: str | None, catalogues: tuple[Path, ...], lang: str | None) -> None:
    """Toon de indicatorcatalogus en de voorgedefinieerde sets.

    Example:

        opbouw indicators --preset flemish8
    """
    lang = current_language(lang)
    cat = load_catalogue(*catalogues)
    arrow = {1: "↑ " + gettext("higher = worse", lang), -1: "↓ " + gettext("lower = worse", lang)}
    if preset:
        chosen = [cat.preset(preset)]
    else:
        chosen = list(cat.presets.values())
        sets = Table(title=gettext("Indicator sets", lang), title_justify="left")
        sets.add_column("preset")
        sets.add_column("n", justify="right")
        sets.add_column("")
        for p in chosen:
            sets.add_row(p.key, str(len(p.indicators)), p.label(lang))
        console.print(sets)
    for p in chosen:
        table = Table(title=p.label(lang), title_justify="left")
        table.add_column("key", overflow="fold")
        table.add_column(gettext("label", lang), overflow="fold", ratio=2)
        table.add_column(gettext("unit", lang))
        table.add_column(gettext("direction", lang))
        table.add_column(gettext("group", lang), overflow="fold")
        for ind in cat.preset_indicators(p.key):
            group = ", ".join(p.group_labels.get(g, (g, g))[LANGUAGES.index(lang)]
                              for g in ind.groups) or (ind.family.value if ind.family else "")
            table.add_row(ind.key, ind.label(lang), ind.unit, arrow[ind.direction.sign], group)
        console.print(table)
