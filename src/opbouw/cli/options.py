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


OUTPUT_SUFFIXES = (".csv", ".xlsx")


def check_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """An output path is checked before any work: its folder exists, and its type is one
    opbouw writes (.csv or .xlsx; .toml for --save-config)."""
    if value is None:
        return None
    wanted = (".toml",) if param.name == "save_config" else OUTPUT_SUFFIXES
    if value.suffix.lower() not in wanted:
        raise click.BadParameter(
            f"{value.name}: opbouw writes {' or '.join(wanted)}, not "
            f"{value.suffix or 'a file without extension'}", ctx, param)
    folder = value.parent if str(value.parent) else Path(".")
    if not folder.is_dir():
        raise click.BadParameter(f"folder {folder} does not exist; create it first", ctx, param)
    if value.is_dir():
        raise click.BadParameter(f"{value} is a folder", ctx, param)
    return value


def out_option(help_text: str = "Resultaat als .csv (Vlaamse Excel-conventie) of .xlsx.",
               required: bool = False) -> Callable[[F], F]:
    """``--out``, checked before the work starts."""
    return click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
                        callback=check_output, required=required, help=help_text)


def scope_options(func: F) -> F:
    """The reference set: one level, inside parents, minus codes, or a list of codes."""
    for option in reversed([
        click.option("--within", multiple=True,
                     help="Alleen gebieden binnen deze code (herhaalbaar), bv. 40000."),
        click.option("--exclude", multiple=True,
                     help="Laat deze code (en wat eronder ligt) weg (herhaalbaar), bv. 44021."),
        click.option("--codes", "scope_codes", help="Alleen deze codes, komma-gescheiden."),
        click.option("--brussels/--no-brussels", default=None,
                     help="Brusselse gemeenten meenemen in een Vlaamse vergelijking "
                          "(default: niet)."),
    ]):
        func = option(func)
    return func


def rule_options(func: F) -> F:
    """The worst-group rule and k, shared by analyse, hidden, compare and trend."""
    for option in reversed([
        click.option("--rule", type=click.Choice(["percentile", "top_n", "threshold", "ratio"]),
                     help="Regel voor de slechtste groep (default percentile)."),
        click.option("--p", type=click.FloatRange(0, 100, min_open=True),
                     help="Slechtste p procent per indicator (default 20)."),
        click.option("-n", "--top-n", "n", type=click.IntRange(min=1),
                     help="Top N per indicator (top-n, rule top_n; default 20)."),
        click.option("-k", type=click.IntRange(min=1),
                     help="Kansarm vanaf k negatieve condities (default 4)."),
        click.option("--threshold", multiple=True, help="Drempel per indicator: key=waarde."),
        click.option("--thresholds", "thresholds_file",
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="TOML met absolute drempels per indicator (rule threshold)."),
        click.option("--reference", multiple=True, help="Referentiewaarde: key=waarde."),
        click.option("--factor", type=click.FloatRange(0, min_open=True),
                     help="Factor t.o.v. de referentiewaarde (rule ratio)."),
    ]):
        func = option(func)
    return func


def scope_settings(opts: dict[str, Any]) -> dict[str, Any]:
    """Pop the scope options into plain settings (None where not given)."""
    within, exclude = opts.pop("within", ()), opts.pop("exclude", ())
    codes, brussels = opts.pop("scope_codes", None), opts.pop("brussels", None)
    out: dict[str, Any] = {}
    if within:
        out["within"] = list(within)
    if exclude:
        out["exclude"] = list(exclude)
    if codes:
        out["codes"] = codes
    if brussels is not None:
        out["brussels"] = brussels
    return out


def rule_settings(opts: dict[str, Any]) -> dict[str, Any]:
    """Pop the rule options into plain settings for ``method_config``."""
    from opbouw.cli.configfile import key_values, read_thresholds

    out: dict[str, Any] = {}
    for key in ("rule", "p", "n", "k", "factor"):
        value = opts.pop(key, None)
        if value is not None:
            out[key] = value
    thresholds: dict[str, float] = {}
    path = opts.pop("thresholds_file", None)
    if path is not None:
        thresholds.update(read_thresholds(path))
        out.setdefault("rule", "threshold")
    thresholds.update(key_values(opts.pop("threshold", ()), "--threshold"))
    if thresholds:
        out["thresholds"] = thresholds
    reference = key_values(opts.pop("reference", ()), "--reference")
    if reference:
        out["reference"] = reference
    return out
