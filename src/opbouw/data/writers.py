"""Write tables as CSV (Flemish or international convention), XLSX and GeoJSON.

Codes are always written as text, so Excel keeps their leading zeros; floats are written
with their shortest exact representation, so a write-then-read round trip loses nothing.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from opbouw.data.geo import to_display
from opbouw.data.numbers import detect_decimal_mark, format_number
from opbouw.data.rawtable import FORMULA_STARTS, decode, sniff_separator

Convention = Literal["flemish", "international"]
CONVENTIONS: dict[str, tuple[str, str, str]] = {
    # name: (separator, decimal mark, encoding)
    "flemish": (";", ",", "utf-8-sig"),
    "international": (",", ".", "utf-8"),
}


def defuse(text: str) -> str:
    """Text that a spreadsheet shows as text: a leading ``'`` before a formula start.

    Only text is touched; numbers are written as numbers and never start with a quote.

    >>> defuse("=SUM(A1)"), defuse("Gent"), defuse("-")
    ("'=SUM(A1)", 'Gent', "'-")
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any, decimal: str) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        return format_number(value, decimal)
    if isinstance(value, str):
        return defuse(value)
    return str(value)


def write_csv(frame: pd.DataFrame, path: str | Path, convention: Convention = "flemish",
              index: bool = False) -> Path:
    """Write ``frame`` as CSV; ``flemish`` = ``;``, decimal comma, UTF-8 with BOM (Excel)."""
    sep, decimal, encoding = CONVENTIONS[convention]
    data = frame.reset_index() if index else frame
    out = Path(path)
    with out.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=sep, lineterminator="\r\n")
        writer.writerow([defuse(str(c)) for c in data.columns])
        for record in data.itertuples(index=False, name=None):
            writer.writerow([_cell(v, decimal) for v in record])
    return out


def write_xlsx(frame: pd.DataFrame, path: str | Path, sheet: str = "opbouw",
               index: bool = False) -> Path:
    """Write ``frame`` as an Excel workbook; text stays text, numbers stay numbers."""
    from openpyxl import Workbook

    data = frame.reset_index() if index else frame
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([str(c) for c in data.columns])
    for record in data.itertuples(index=False, name=None):
        row: list[Any] = []
        for v in record:
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                row.append(None)
            elif hasattr(v, "item"):
                row.append(v.item())
            else:
                row.append(v)
        ws.append(row)
    for col_cells in ws.iter_cols():
        for cell in col_cells:
            if isinstance(cell.value, str):
                # openpyxl stores any text starting with "=" as a formula: force text
                cell.data_type = "s"
                if cell.row > 1:
                    cell.number_format = "@"
    ws.freeze_panes = "A2"
    out = Path(path)
    wb.save(out)
    return out


def write_geojson(frame: Any, path: str | Path) -> Path:
    """Write a GeoDataFrame as GeoJSON in WGS84 (RFC 7946)."""
    import pyogrio

    out = Path(path)
    pyogrio.write_dataframe(to_display(frame).reset_index(), out, driver="GeoJSON")
    return out


def write_table(frame: pd.DataFrame, path: str | Path, convention: Convention = "flemish",
                index: bool = False) -> Path:
    """Write by suffix: ``.xlsx`` as a workbook, anything else as CSV."""
    if Path(path).suffix.lower() == ".xlsx":
        return write_xlsx(frame, path, index=index)
    return write_csv(frame, path, convention, index=index)


def write_csv_blocks(frames: list[pd.DataFrame], path: str | Path,
                     convention: Convention = "flemish") -> Path:
    """Several tables in one CSV, separated by an empty line (results, then how they were
    made); each block is written by :func:`write_csv`, so every cell is treated alike."""
    import tempfile

    _sep, _decimal, encoding = CONVENTIONS[convention]
    out = Path(path)
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, frame in enumerate(frames):
            part = write_csv(frame, Path(tmp) / f"{i}.csv", convention)
            parts.append(part.read_text(encoding=encoding))
    out.write_text("\r\n".join(parts), encoding=encoding, newline="")
    return out


def write_xlsx_sheets(sheets: list[tuple[str, pd.DataFrame]], path: str | Path) -> Path:
    """Several tables as sheets of one workbook; each sheet is written by
    :func:`write_xlsx` and copied cell by cell, so every cell is treated alike."""
    import tempfile

    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    wb.remove(wb.active)
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, frame) in enumerate(sheets):
            single = load_workbook(write_xlsx(frame, Path(tmp) / f"{i}.xlsx", sheet=name))
            src = single.active
            ws = wb.create_sheet(src.title)
            for row in src.iter_rows():
                for cell in row:
                    target = ws.cell(row=cell.row, column=cell.column, value=cell.value)
                    target.number_format = cell.number_format
                    target.data_type = cell.data_type
            ws.freeze_panes = src.freeze_panes
    out = Path(path)
    wb.save(out)
    return out


TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
"""Inputs whose convention (separator, decimal mark) an output follows."""


def convention_of(paths: Iterable[str | Path]) -> Convention:
    """The convention of the first text table among ``paths``: ``international`` for a
    comma-separated file with decimal points, else ``flemish`` (also when every input is a
    workbook or a geodata file: Excel in Flanders opens ``;`` and decimal commas)."""
    for path in map(Path, paths):
        if path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        try:
            with path.open("rb") as handle:
                data = handle.read(65536)
            text, _ = decode(data)
        except (OSError, UnicodeError):
            return "flemish"
        lines = text.splitlines()[:200]
        if len(lines) > 1 and len(data) == 65536:
            lines = lines[:-1]  # the last line may be cut off
        sep = sniff_separator("\n".join(lines))
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines[1:])), delimiter=sep))
        except csv.Error:
            return "flemish"
        decimal = detect_decimal_mark([c for row in rows for c in row], sep)
        return "international" if sep != ";" and decimal == "." else "flemish"
    return "flemish"


HEADERS = {
    # column -> English msgid; the Dutch names are in the ``opbouw`` catalogue
    "name": "name", "rank": "rank", "flag": "deprived", "level": "level", "count": "count",
    "median_rank": "median_rank", "parent": "parent", "parent_name": "parent_name",
    "parent_rank": "parent_rank", "parent_in_top": "parent_in_top", "new": "new",
    "population": "population", "share_of_parent": "share_of_parent", "areas": "areas",
    "highest": "highest", "share_of_highest": "share_of_highest",
    "share_population_in_highest": "share_population_in_highest",
    "fte_per_highest": "fte_per_highest", "change": "change", "deprived": "deprived",
    "incomplete": "incomplete", "quota": "quota", "gap": "gap", "selected": "selected",
    "order": "order", "reason": "reason", "conditions": "conditions", "share": "share",
    "combination": "combination", "year": "year", "size": "conditions", "value": "value",
}
"""Result columns that are translated; any other column keeps its name."""

PREFIXES = {"value_": "value", "flag_": "condition", "rank_": "rank"}
"""Column prefixes that are translated: ``value_income`` -> ``waarde_income``."""


def translate_header(column: str, lang: str | None = None,
                     keep: Iterable[str] = ("code",)) -> str:
    """A result column's name in the user's language: ``rank`` -> ``rang``,
    ``value_income`` -> ``waarde_income``, ``rank_2013`` -> ``rang_2013``.

    >>> translate_header("rank", "nl"), translate_header("rank_2013", "en")
    ('rang', 'rank_2013')
    """
    from opbouw.i18n import gettext

    if column in set(keep):
        return column
    if column in HEADERS:
        return gettext(HEADERS[column], lang)
    for prefix, msgid in PREFIXES.items():
        if column.startswith(prefix):
            return gettext(msgid, lang) + "_" + column[len(prefix):]
    return column


DECIMALS = 4
"""Decimals of the numbers in a written result (p-values to 1/10,000)."""


def write_result(frame: pd.DataFrame, path: str | Path, meta: Mapping[str, Any],
                 convention: Convention = "flemish", lang: str | None = None,
                 keep: Iterable[str] = ("code",), decimals: int = DECIMALS) -> Path:
    """A command's result as the user reads it: numbers rounded to ``decimals``, headers
    in the user's language (except ``keep``), the table in ``convention`` (or a workbook
    for ``.xlsx``) and the metadata beside it (:func:`opbouw.data.metadata.write_metadata`:
    method, options, scope, year, indicators with direction, date, version)."""
    from opbouw.data.metadata import write_metadata

    keep = tuple(keep)
    data = frame.copy()
    for col in data.columns:
        if pd.api.types.is_float_dtype(data[col]):
            data[col] = data[col].round(decimals)
    data.columns = [translate_header(str(c), lang, keep) for c in data.columns]
    out = write_table(data, path, convention)
    write_metadata(out, dict(meta), convention)
    return out
