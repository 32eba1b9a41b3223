"""``opbouw report annex|profile|plan|dossier``: documents to hand over, as PDF or HTML.

The same data and options give the same document: the date comes from ``--date``, else
``SOURCE_DATE_EPOCH``, else today, and every random choice has a fixed seed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from opbouw.cli import cli
from opbouw.cli.configfile import key_values
from opbouw.cli.options import catalogue_for, file_options, specs_for
from opbouw.cli.output import console
from opbouw.data.dataset import Dataset, import_files
from opbouw.errors import ConfigError
from opbouw.i18n import current_language, gettext
from opbouw.model.indicators import Catalogue

DEMO_WITHIN = "40000"
DEMO_EXCLUDE = ("44021",)
"""The demo annex covers the East-Flemish working area without Ghent, as seed 004 does."""


@cli.group()
def report() -> None:
    """Rapporten om te overhandigen: gebiedsanalyse (bijlage), wijkfiche, plan en voortgang,
    beleidsdossier, als PDF of HTML."""


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError("--date: expected YYYY-MM-DD, got {text!r}", text=text) from None


def _format(fmt: str | None, out: Path) -> str:
    if fmt:
        return fmt
    suffix = out.suffix.lower().lstrip(".")
    return suffix if suffix in ("pdf", "html") else "pdf"


def _load(files: tuple[Path, ...], demo: bool, opts: dict[str, Any],
          lang: str) -> tuple[Dataset, Catalogue, tuple[str, ...]]:
    catalogue = catalogue_for(opts.pop("catalogues"))
    if demo:
        from opbouw.data.demo import CREDITS, load_demo

        if files:
            raise ConfigError("give either --demo or files, not both")
        with console.status(gettext("Reading demo data ...", lang)):
            return load_demo(catalogue), catalogue, CREDITS
    if len(files) < 2:
        raise ConfigError("give an areas file and at least one indicator file (or --demo)")
    specs = specs_for(files, opts.pop("layer"), opts.pop("id_column"), opts.pop("sheet"),
                      opts.pop("crs"), opts.pop("level"))
    with console.status(gettext("Reading ...", lang)):
        return import_files(specs, catalogue), catalogue, ()


def _keys(catalogue: Catalogue, preset: str | None, keys: tuple[str, ...], demo: bool) -> list[str]:
    if preset:
        return list(catalogue.preset(preset).indicators)
    if keys:
        return list(keys)
    if demo:
        from opbouw.data.demo import DEMO_PRESET

        return list(catalogue.preset(DEMO_PRESET).indicators)
    raise ConfigError("give --preset or at least one --indicator")


_common = [
    click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)),
    click.option("--demo", is_flag=True, help="De meegeleverde demodata gebruiken."),
    click.option("--preset", help="Indicatorset uit de catalogus, bv. municipal14."),
    click.option("--indicator", "indicator_keys", multiple=True, help="Indicator (herhaalbaar)."),
    click.option("--area-level", default="municipality", show_default=True,
                 help="Niveau van de gebieden die vergeleken worden."),
    click.option("--within", help="Alleen gebieden binnen dit gebied (code), bv. een provincie."),
    click.option("--exclude", multiple=True, help="Gebied (code) weglaten (herhaalbaar)."),
    click.option("--year", type=int, help="Jaar (default: het laatste per indicator)."),
    click.option("--p", type=float, help="Slechtste p procent per indicator (default 20)."),
    click.option("-k", type=int, help="Achtergesteld vanaf k condities (default 4)."),
    click.option("--top", type=int, help="Top N (default 20)."),
    click.option("--organisation", default="", help="Naam van de organisatie (koptekst)."),
    click.option("--date", "day", help="Datum van het document, YYYY-MM-DD (default: "
                 "SOURCE_DATE_EPOCH of vandaag)."),
    click.option("--credit", "credits", multiple=True, help="Bronvermelding (herhaalbaar)."),
    click.option("--format", "fmt", type=click.Choice(["pdf", "html"]),
                 help="pdf of html (default: uit de extensie van --out)."),
    click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
                 help="Het bestand dat geschreven wordt."),
]


def common_options(func: Any) -> Any:
    """Data, scope, rules and output options of every report."""
    for option in reversed(_common):
        func = option(func)
    return file_options(func)


def _numbers(p: float | None, k: int | None, top: int | None) -> dict[str, Any]:
    return {name: value for name, value in (("p", p), ("k", k), ("top", top)) if value is not None}


@report.command()
@common_options
@click.option("--draws", type=int, help="Monte-Carlo-herberekeningen (default 500).")
@click.option("--seed", type=int, help="Startwaarde voor toeval (default 12345).")
@click.option("--permutations", type=int, help="Permutaties voor hotspots (default 999).")
@click.option("--compare-level", default="province", show_default=True,
              help="Niveau van de werkgebieden in de vergelijking.")
@click.option("--fte", "fte_pairs", multiple=True, help="Gefinancierde FTE per werkgebied: "
              "code=waarde (herhaalbaar).")
@click.option("--title", help="Titel (default: Gebiedsanalyse van het werkgebied ...).")
@click.option("--hotspots/--no-hotspots", default=True, show_default=True,
              help="Ruimtelijke concentraties (LISA) berekenen; de eerste keer per proces "
              "compileert numba esda's rekenkernen (enkele seconden).")
def annex(files: tuple[Path, ...], demo: bool, preset: str | None,
          indicator_keys: tuple[str, ...], area_level: str, within: str | None,
          exclude: tuple[str, ...], year: int | None, p: float | None, k: int | None,
          top: int | None, organisation: str, day: str | None, credits: tuple[str, ...],
          fmt: str | None, out: Path, lang: str | None, draws: int | None, seed: int | None,
          permutations: int | None, compare_level: str, fte_pairs: tuple[str, ...],
          title: str | None, hotspots: bool, **opts: Any) -> None:
    """De bijlage "Gebiedsanalyse van het werkgebied" als PDF of HTML.

    Method, synthesis tables (top N with its level break, score 0..K, deprived areas),
    maps, the finer level, hot spots, working areas compared, robustness and sources.

    Example:

        opbouw report annex gebieden.gpkg indicatoren.csv --preset municipal14 \\
            --within 40000 --exclude 44021 --format pdf --out bijlage.pdf

        opbouw report annex --demo --format pdf --out bijlage.pdf
    """
    from opbouw.reports.annex import AnnexConfig, build_annex
    from opbouw.reports.scope import Scope

    lang = current_language(lang)
    dataset, catalogue, demo_credits = _load(files, demo, opts, lang)
    keys = _keys(catalogue, preset, indicator_keys, demo)
    if demo and not within and not exclude:
        within, exclude = DEMO_WITHIN, DEMO_EXCLUDE
    extra = _numbers(p, k, top)
    for name, value in (("draws", draws), ("seed", seed), ("permutations", permutations)):
        if value is not None:
            extra[name] = value
    fte = key_values(fte_pairs, "--fte") if fte_pairs else {}
    if demo and not indicator_keys and not preset:
        from opbouw.data.demo import DEMO_PRESET

        preset = DEMO_PRESET
    config = AnnexConfig(
        tuple(keys), Scope(area_level, (within,) if within else (), tuple(exclude)), year=year,
        compare_level=compare_level, fte=fte, hotspots=hotspots, preset=preset, lang=lang,
        organisation=organisation or ("opbouw demo" if demo else ""), title=title,
        day=_date(day), credits=tuple(credits) + tuple(demo_credits), **extra)
    with console.status(gettext("Analysing and laying out ...", lang)):
        doc = build_annex(dataset, catalogue, config)
        path = doc.write(out, _format(fmt, out))
    console.print(gettext("Written: {path}", lang).format(path=path))


@report.command()
@common_options
@click.option("--area", "code", required=True, help="De code van het gebied.")
def profile(files: tuple[Path, ...], demo: bool, preset: str | None,
            indicator_keys: tuple[str, ...], area_level: str, within: str | None,
            exclude: tuple[str, ...], year: int | None, p: float | None, k: int | None,
            top: int | None, organisation: str, day: str | None, credits: tuple[str, ...],
            fmt: str | None, out: Path, lang: str | None, code: str, **opts: Any) -> None:
    """De wijkfiche van één gebied: kerncijfers tegenover de referenties, rang, signalen,
    ligging en deelgebieden.

    Without --within the area is compared with all areas of its level in its region.

    Example:

        opbouw report profile gebieden.gpkg indicatoren.csv --preset municipal14 \\
            --area 45041 --format pdf --out ronse.pdf
    """
    from opbouw.reports.profile import ProfileConfig, build_profile
    from opbouw.reports.scope import Scope

    lang = current_language(lang)
    dataset, catalogue, demo_credits = _load(files, demo, opts, lang)
    keys = _keys(catalogue, preset, indicator_keys, demo)
    scope = (Scope(area_level, (within,) if within else (), tuple(exclude))
             if within or exclude else None)
    config = ProfileConfig(code, tuple(keys), scope, year=year, lang=lang,
                           organisation=organisation or ("opbouw demo" if demo else ""),
                           day=_date(day), credits=tuple(credits) + tuple(demo_credits),
                           **_numbers(p, k, top))
    with console.status(gettext("Laying out ...", lang)):
        doc = build_profile(dataset, catalogue, config)
        path = doc.write(out, _format(fmt, out))
    console.print(gettext("Written: {path}", lang).format(path=path))


_document_options = [
    click.option("--organisation", default="", help="Naam van de organisatie (koptekst)."),
    click.option("--date", "day", help="Datum van het document, YYYY-MM-DD (default: uit de "
                 "gegevens: de laatste wijziging)."),
    click.option("--format", "fmt", type=click.Choice(["pdf", "html"]),
                 help="pdf of html (default: uit de extensie van --out)."),
    click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
                 help="Het bestand dat geschreven wordt."),
    click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
                 help="Taal van het document (default: nl, of $OPBOUW_LANG)."),
]


def document_options(func: Any) -> Any:
    """Output options of the plan and dossier documents."""
    for option in reversed(_document_options):
        func = option(func)
    return func


def _stored(model: Any, pk: int, lang: str) -> Any:
    """The record, or None (``setup_database`` has checked the database is there)."""
    return model.objects.select_related("organisation").filter(pk=pk).first()


def _written(path: Path, lang: str) -> None:
    console.print(gettext("Written: {path}", lang).format(path=path))


@report.command("plan")
@click.argument("plan_id", type=int, required=False)
@click.option("--example", is_flag=True, help="Het voorbeeldplan 2021-2025 van seed 004.")
@click.option("--year", type=int, help="Jaar van de voortgang (default: het laatste jaarplan).")
@document_options
def plan_report(plan_id: int | None, example: bool, year: int | None, organisation: str,
                day: str | None, fmt: str | None, out: Path, lang: str | None) -> None:
    """Plan en voortgang: doelstellingen met VTE en voortgang, overzichtsschema,
    strategische acties en de doelen van een jaar.

    Een bewaard plan komt uit de databank van ``opbouw serve`` (OPBOUW_DATA_DIR of
    DATABASE_URL).

    Example:

        opbouw report plan --example --format pdf --out plan.pdf

        opbouw report plan 1 --year 2022 --format html --out plan.html
    """
    from opbouw.errors import OpbouwError

    lang = current_language(lang)
    if example == (plan_id is not None):
        raise ConfigError(gettext("give --example or a plan id", lang))
    if example:
        from opbouw.data.plans import load_example
        from opbouw.reports.plan import PlanReportConfig, build_plan_report

        if year is not None:
            raise ConfigError(gettext("the example plan has no progress; leave out --year",
                                      lang))
        doc = build_plan_report(load_example(), PlanReportConfig(
            organisation=organisation or "Samenlevingsopbouw Oost-Vlaanderen", lang=lang,
            day=_date(day)))
    elif plan_id is not None:
        from opbouw.cli.serve import setup_database

        setup_database(lang)
        from opbouw.web.planning.documents import plan_document
        from opbouw.web.planning.models import Plan

        stored = _stored(Plan, plan_id, lang)
        if stored is None:
            raise OpbouwError(gettext("no multi-year plan with id {id}", lang).format(
                id=plan_id))
        doc = plan_document(stored, year, lang, _date(day))
        if organisation:
            doc.organisation = organisation
    _written(doc.write(out, _format(fmt, out)), lang)


@report.command("dossier")
@click.argument("dossier_id", type=int)
@document_options
def dossier_report(dossier_id: int, organisation: str, day: str | None, fmt: str | None,
                   out: Path, lang: str | None) -> None:
    """Een beleidsdossier: het probleem, de betrokken groepen, de stem van de betrokkenen,
    voorstellen, wat gevraagd werd en het antwoord, de gebundelde signalen.

    Het dossier komt uit de databank van ``opbouw serve`` (OPBOUW_DATA_DIR of DATABASE_URL).

    Example:

        opbouw report dossier 3 --format pdf --out dossier.pdf
    """
    from opbouw.errors import OpbouwError

    lang = current_language(lang)
    from opbouw.cli.serve import setup_database

    setup_database(lang)
    from opbouw.web.signals.documents import dossier_document
    from opbouw.web.signals.models import Dossier

    stored = _stored(Dossier, dossier_id, lang)
    if stored is None:
        raise OpbouwError(gettext("no policy dossier with id {id}", lang).format(id=dossier_id))
    doc = dossier_document(stored, lang, _date(day))
    if organisation:
        doc.organisation = organisation
    _written(doc.write(out, _format(fmt, out)), lang)
