"""``opbouw allocate``: staff (FTE) apportioned over areas by need, with what-if columns."""

from __future__ import annotations

from pathlib import Path

import click

from opbouw.analysis.allocation import (
    ALLOCATION_METHODS,
    AllocationError,
    allocate,
    compare_allocation,
    select_areas,
)
from opbouw.cli import cli
from opbouw.cli.options import out_option
from opbouw.cli.output import console, print_frame, write_output
from opbouw.cli.tables_in import read_numeric_table
from opbouw.data.rawtable import RawTableError, read_raw_table
from opbouw.data.writers import translate_header
from opbouw.errors import ConfigError, ImportValidationError
from opbouw.i18n import current_language, format_decimal, gettext


@cli.command("allocate")
@click.argument("need_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--budget", type=click.FloatRange(0, 100_000, min_open=True), required=True,
              help="Totaal te verdelen FTE, bv. 14.05.")
@click.option("--min", "minimum", type=click.FloatRange(0, 100_000), default=0.0,
              show_default=True, help="Minimum FTE per gebied.")
@click.option("--max", "maximum", type=click.FloatRange(0, 100_000), default=None,
              help="Maximum FTE per gebied.")
@click.option("--step", type=click.FloatRange(0.001, 100), default=0.05, show_default=True,
              help="Korrel in FTE (0.05: 14.05 FTE kan exact).")
@click.option("--select", "selection", is_flag=True,
              help="Selectie: de gebieden met de hoogste nood krijgen elk minstens --min FTE, "
                   "zolang het budget reikt (seed 004).")
@click.option("--method", type=click.Choice(ALLOCATION_METHODS), default="sainte-lague",
              show_default=True, help="Verdeelmethode.")
@click.option("--need", "need_column", default="need", show_default=True,
              help="Kolom met de nood.")
@click.option("--what-if-budget", type=click.FloatRange(0, 100_000, min_open=True), multiple=True,
              help="Wat als: ander budget (herhaalbaar), als extra kolom.")
@click.option("--what-if-need", multiple=True,
              help="Wat als: andere noodkolom uit hetzelfde bestand (herhaalbaar).")
@out_option("Resultaat: .csv (zoals de invoer) of .xlsx.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None)
def allocate_command(need_file: Path, budget: float, minimum: float, maximum: float | None,
                     step: float, selection: bool, method: str, need_column: str,
                     what_if_budget: tuple[float, ...],
                     what_if_need: tuple[str, ...], out: Path | None, lang: str | None) -> None:
    """Verdeel personeel (FTE) over gebieden volgens nood.

    NEED_FILE heeft de kolommen code en need, en eventueel current (huidige FTE) en
    fixed (FTE die moet blijven). De som is altijd exact het budget; elke grens wordt
    gerespecteerd; meer nood geeft nooit minder personeel (Sainte-Laguë/Webster).

    Example:

        opbouw allocate nood.csv --budget 25 --min 0.5 --max 5 --out verdeling.csv
    """
    lang = current_language(lang)
    try:
        raw = read_raw_table(need_file)
    except RawTableError as exc:
        raise ImportValidationError(exc.problems) from None
    header = raw.header
    names = _names(raw.header, raw.rows)
    optional = [c for c in ("current", "fixed") if c in header]
    columns = list(dict.fromkeys([need_column, *what_if_need, *optional]))
    table = read_numeric_table(need_file, "code", columns)
    missing = [(str(code), col) for col in [need_column, *what_if_need]
               for code in table.index[table[col].isna()]]
    if missing:
        raise ConfigError("{name}: no value for {column} of area {code} ({n} missing in all)",
                          name=need_file.name, column=missing[0][1], code=missing[0][0],
                          n=len(missing))
    table.index = table.index.astype("string").rename("code")
    fixed = table["fixed"].fillna(0.0) if "fixed" in table else None
    current = table["current"] if "current" in table else None
    opts = {"step": step, "minimum": minimum, "maximum": maximum, "fixed": fixed,
            "method": method}
    meta = {"method": "selection" if selection else method,
            "options": {"budget": budget, "step": step, "minimum": minimum,
                        "maximum": maximum, "allocation": method, "need": need_column},
            "scope": {"areas": len(table)}, "year": "",
            "indicators": {need_column: {"label": need_column,
                                         "direction": "more_need_more_staff"}}}
    keep = ("code", need_column, "fte", *optional)
    if selection:
        chosen = select_areas(table[need_column], budget, minimum, step, maximum, method)
        chosen["reason"] = [gettext(r, lang) for r in chosen["reason"]]
        title = gettext("Selection within {budget} FTE (at least {minimum} FTE each)", lang)
        shown = chosen.reset_index().round(3)
        shown.columns = [translate_header(str(c), lang, keep) for c in shown.columns]
        print_frame(shown, title.format(budget=format_decimal(budget, lang, 2),
                                        minimum=format_decimal(minimum, lang, 2)), max_rows=40)
        if names:
            chosen.insert(0, "name", [names.get(str(c), "") for c in chosen.index])
        write_output(chosen.reset_index(), out, meta, (need_file,), lang, keep)
        return
    try:
        fte = allocate(table[need_column], budget, **opts)  # type: ignore[arg-type]
        result = compare_allocation(fte, table[need_column], current)
        if fixed is not None:
            result["fixed"] = fixed
        for b in what_if_budget:
            result[f"fte_budget_{b:g}"] = allocate(table[need_column], b, **opts)  # type: ignore[arg-type]
        for col in what_if_need:
            result[f"fte_need_{col}"] = allocate(table[col], budget, **opts)  # type: ignore[arg-type]
    except AllocationError as exc:
        raise ConfigError(str(exc)) from None
    first = ["fte", "gap"] if current is not None else ["fte"]
    result = result[first + [c for c in result.columns if c not in first]]
    shown = result.reset_index().sort_values("fte", ascending=False)
    shown.columns = [translate_header(str(c), lang, keep) for c in shown.columns]
    title = gettext("Allocation of {budget} FTE ({method})", lang)
    print_frame(shown.round(3), title.format(budget=format_decimal(budget, lang, 1),
                                             method=method), max_rows=30)
    if current is not None:
        moved = float(result["gap"].clip(lower=0).sum())
        console.print(gettext("To move: {fte} FTE", lang).format(
            fte=format_decimal(moved, lang, 1)))
    if names:
        result.insert(0, "name", [names.get(str(c), "") for c in result.index])
    write_output(result.reset_index(), out, meta, (need_file,), lang, keep)



def _names(header: list[str], rows: list[tuple[int, list[str]]]) -> dict[str, str]:
    """Area names from a ``naam``/``name`` column of the need file, by code (or none)."""
    lowered = [h.strip().lower() for h in header]
    column = next((lowered.index(c) for c in ("naam", "name") if c in lowered), None)
    if column is None or "code" not in header:
        return {}
    code = header.index("code")
    return {cells[code].strip(): cells[column].strip() for _, cells in rows
            if len(cells) > max(code, column)}
