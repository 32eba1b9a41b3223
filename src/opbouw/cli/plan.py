"""``opbouw plan``: the seed-004 example plan and stored plans as Excel workbooks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from opbouw.cli import cli
from opbouw.cli.output import console
from opbouw.errors import OpbouwError
from opbouw.i18n import current_language, gettext


@cli.group()
def plan() -> None:
    """Meerjarenplannen: doelstellingen, strategische acties, overzichtsschema."""


def _summary(data: Any, out: Path, lang: str) -> None:
    counts = {}
    for kind in ("external", "internal"):
        goals = [g for g in data.goals if g.kind == kind]
        counts[kind] = (len(goals), sum(len(g.operational) for g in goals),
                        sum(1 for a in data.actions if a.internal == (kind == "internal")))
    marks = sum(len(a.contributions) for a in data.actions)
    (es, eo, ea), (is_, io, ia) = counts["external"], counts["internal"]
    console.print(str(out))
    console.print("  " + gettext("external: {sd} SDs, {od} ODs, {actions} strategic actions",
                                 lang).format(sd=es, od=eo, actions=ea))
    console.print("  " + gettext("internal: {sd} SDs, {od} ODs, {actions} strategic actions",
                                 lang).format(sd=is_, od=io, actions=ia))
    console.print("  " + gettext("overview matrix: {marks} marks", lang).format(marks=marks))


@plan.command("example")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Werkboek (.xlsx) om te schrijven.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None)
def example(out: Path, lang: str | None) -> None:
    """Schrijf het voorbeeldplan 2021-2025 (Samenlevingsopbouw Oost-Vlaanderen) als werkboek.

    Bladen: doelstellingen met SD/OD-codes en titels, het overzichtsschema (acties x OD's,
    zeker of mogelijk), strategische acties met timing en partners, projecten.

    Example:

        opbouw plan example --out plan.xlsx
    """
    from opbouw.data.plan_xlsx import write_plan_xlsx
    from opbouw.data.plans import load_example

    lang = current_language(lang)
    data = load_example()
    write_plan_xlsx(data, out, lang=lang)
    _summary(data, out, lang)


@plan.command("export")
@click.argument("plan_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Werkboek (.xlsx) om te schrijven.")
@click.option("--year", type=int, default=None,
              help="Jaar van de voortgang (standaard: het laatste jaarplan).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None)
def export(plan_id: int, out: Path, year: int | None, lang: str | None) -> None:
    """Schrijf een bewaard meerjarenplan uit de databank als werkboek.

    Dezelfde bladen als ``opbouw plan example``, met VTE en voortgang per doelstelling en
    een blad met de voortgang van het jaar. De databank is die van ``opbouw serve``
    (OPBOUW_DATA_DIR of DATABASE_URL).

    Example:

        opbouw plan export 1 --out plan.xlsx --year 2022
    """
    from opbouw.cli.serve import setup_database
    from opbouw.data.plan_xlsx import write_plan_xlsx

    lang = current_language(lang)
    setup_database(lang)
    from opbouw.web.planning import store
    from opbouw.web.planning.models import Plan

    stored = Plan.objects.filter(pk=plan_id).first()
    if stored is None:
        raise OpbouwError(gettext("no multi-year plan with id {id}", lang).format(id=plan_id))
    year = year if year is not None else store.latest_year(stored)
    data, rollup, rows = store.to_data(stored, year)
    write_plan_xlsx(data, out, lang=lang, rollup=rollup, progress=rows,
                    **store.year_rows(stored, year))
    _summary(data, out, lang)
