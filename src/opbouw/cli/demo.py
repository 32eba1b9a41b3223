"""``opbouw demo``: analyse the bundled demo dataset and write the HTML report."""

from __future__ import annotations

from pathlib import Path

import click

from opbouw.cli import cli
from opbouw.cli.output import console
from opbouw.data.demo import CREDITS
from opbouw.i18n import current_language, gettext


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("opbouw-report"), show_default=True, help="Map voor het rapport.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None)
@click.option("--draws", type=int, default=500, show_default=True,
              help="Monte-Carlo-trekkingen voor de onzekerheid.")
def demo(out: Path, lang: str | None, draws: int) -> None:
    """Analyseer de meegeleverde demodata en schrijf een HTML-rapport.

    The demo compares the 64 municipalities of the East-Flemish working area (Gent
    excluded, boundaries before the 2019 mergers), as the 2021-2025 multi-year plan of
    Samenlevingsopbouw Oost-Vlaanderen does, on real Statbel income indicators (2013).

    Example:

        opbouw demo --out rapport
    """
    from opbouw.data.demo import DEMO_PRESET, load_demo
    from opbouw.model.indicators import load_catalogue
    from opbouw.reports.area_report import ReportSpec, build_report

    lang = current_language(lang)
    catalogue = load_catalogue()
    with console.status(gettext("Reading demo data ...", lang)):
        dataset = load_demo(catalogue)
    title = gettext("Area analysis of the East-Flemish working area (excl. Ghent) — demo", lang)
    spec = ReportSpec(title=title, indicators=catalogue.preset(DEMO_PRESET).indicators,
                      year=2013, parent="40000", exclude=("44021",), draws=draws, lang=lang)
    with console.status(gettext("Analysing ...", lang)):
        path = build_report(dataset, catalogue, spec, out / "gebiedsanalyse.html", CREDITS)
    console.print(gettext("Report written: {path}", lang).format(
        path=f"[bold]{path.resolve()}[/bold]"))
