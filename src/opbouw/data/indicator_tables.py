"""Indicator values from wide (one column per indicator) or long (area, indicator, year,
value) tables, validated against the catalogue and the known area codes.

The result is always the long form: ``code`` (str), ``indicator`` (str), ``year``
(Int64, may be missing), ``value`` (float64, NaN for missing). Missing values are kept as
missing, never turned into 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from opbouw.data.codes import check_codes, restored_codes
from opbouw.data.columns import find_columns
from opbouw.data.numbers import (
    MISSING_MARKERS,
    detect_decimal_mark,
    grouping_ambiguity,
    parse_numbers,
    value_problems,
)
from opbouw.data.problems import Problem, Severity, number
from opbouw.data.rawtable import RawTable
from opbouw.model.indicators import Catalogue, Indicator

LONG_COLUMNS = ["code", "indicator", "year", "value"]
YEAR_RANGE = (1800, 2100)


def empty_values() -> pd.DataFrame:
    """An empty long table with the right dtypes."""
    return pd.DataFrame({
        "code": pd.Series(dtype="string"),
        "indicator": pd.Series(dtype="string"),
        "year": pd.Series(dtype="Int64"),
        "value": pd.Series(dtype="float64"),
    })


def _column(raw: RawTable, index: int) -> list[str]:
    return [cells[index].strip() if index < len(cells) else "" for _, cells in raw.rows]


def _all_columns(raw: RawTable) -> list[list[str]]:
    """Every column of the header's width at once (a wide table has thousands of columns)."""
    width = len(raw.header)
    transposed = itertools.zip_longest(*(cells[:width] for _, cells in raw.rows), fillvalue="")
    columns = [[c.strip() for c in column] for column in transposed]
    while len(columns) < width:
        columns.append([""] * len(raw.rows))
    return columns


def _parse_years(raw: RawTable, index: int | None, problems: list[Problem]) -> pd.Series:
    if index is None:
        return pd.Series([pd.NA] * len(raw.rows), dtype="Int64")
    texts = _column(raw, index)
    years: list[int | None] = []
    for (row, _), text in zip(raw.rows, texts, strict=True):
        value: int | None = None
        if text:
            try:
                number = float(text.replace(",", "."))
                if number.is_integer() and YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
                    value = int(number)
            except ValueError:
                pass
            if value is None:
                problems.append(Problem(
                    "bad_year", raw.name, row, raw.header[index], text,
                    "year_range"))
        years.append(value)
    return pd.Series(years, dtype="Int64")


def _is_text_column(texts: list[str], decimal: str) -> bool:
    """A column where no cell is a number is a label column, not an indicator."""
    values, bad = parse_numbers(pd.Series(texts, dtype="string"), decimal)
    return bool(bad.any()) and not bool(values.notna().any())


def _value_checks(
    indicator: Indicator | None,
    values: pd.Series,
    rows: np.ndarray,
    file: str,
    column: str,
) -> list[Problem]:
    arr = values.to_numpy(dtype="float64")
    count = indicator is not None and indicator.unit == "count"
    problems = value_problems(arr, rows, file, column, count)
    if indicator is not None and indicator.unit == "percent":
        for i in np.flatnonzero((arr < 0) | (arr > 100)):
            problems.append(Problem(
                "share_out_of_range", file, int(rows[i]), column, number(arr[i]),
                "percentage"))
    return problems


def _ratio_checks(
    long: pd.DataFrame, catalogue: Catalogue, file: str, columns: dict[str, str]
) -> list[Problem]:
    """Numerators must not exceed their denominators (same area and year)."""
    problems: list[Problem] = []
    present = set(long["indicator"].unique())
    keyed = long.set_index(["code", "year", "indicator"])
    pairs = {(i.numerator, i.denominator) for i in catalogue if i.numerator and i.denominator}
    for numerator, denominator in sorted(pairs):
        if numerator not in present or denominator not in present:
            continue
        num = long[long["indicator"] == numerator].set_index(["code", "year"])
        den = keyed.xs(denominator, level="indicator")["value"]
        joined = num.join(den.rename("den"), how="inner")
        over = joined[joined["value"] > joined["den"]]
        for (_code, _year), rec in over.iterrows():
            problems.append(Problem(
                "numerator_above_denominator", file, int(rec["row"]),
                columns.get(numerator, numerator),
                number(rec["value"]),
                f"{number(rec['den'])} ({columns.get(denominator, denominator)})"))
    return problems


def _duplicates(long: pd.DataFrame, file: str, kind: str, columns: dict[str, str],
                code_column: str) -> list[Problem]:
    keys = ["code", "indicator", "year"]
    dup = long[long.duplicated(keys, keep=False) & (long["code"] != "")]
    problems = []
    seen: dict[tuple[object, ...], int] = {}
    reported: set[tuple[object, ...]] = set()
    for rec in dup.itertuples(index=False):
        key = (rec.code, rec.indicator, rec.year)
        if key in seen and (key, rec.row) not in reported:
            found = rec.code if kind == "duplicate_code" else f"{rec.code} / {rec.indicator}"
            column = (code_column if kind == "duplicate_code"
                      else columns.get(rec.indicator, rec.indicator))
            problems.append(Problem(kind, file, int(rec.row), column, found, str(seen[key])))
            reported.add((key, rec.row))
        seen.setdefault(key, int(rec.row))
    # a wide file repeats the whole row: report each repeated row once, not per indicator
    unique: dict[tuple[str, int | None], Problem] = {}
    for p in problems:
        unique.setdefault((p.kind + (p.column or ""), p.row), p)
    return list(unique.values())


def read_indicator_table(
    raw: RawTable,
    catalogue: Catalogue,
    known_codes: set[str] | None = None,
    required: Sequence[str] = (),
    required_label: str = "",
    id_column: str | None = None,
    keep_rows: bool = False,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read indicator values from a raw table; returns the long table and all problems.

    ``known_codes`` are the codes of the areas file; ``required`` indicator keys must be
    present (e.g. a preset's). ``id_column``, when the table has it, is the code column
    whatever its name. ``keep_rows`` keeps the spreadsheet row of each value in a ``row``
    column (for messages that name rows across files).
    """
    problems: list[Problem] = []
    roles = find_columns(raw.header, ("code", "name", "year", "indicator", "value"))
    if id_column is not None and id_column in raw.header:
        explicit = raw.header.index(id_column)
        roles = {r: i for r, i in roles.items() if i != explicit}
        roles["code"] = explicit
    file = raw.name
    from opbouw.data.area_tables import duplicate_columns, field_count_problems

    doubled = duplicate_columns(raw)
    if doubled:
        return empty_values(), doubled
    if "code" not in roles:
        problems.append(Problem("missing_column", file, 1, None, "", "code_column"))
        return empty_values(), problems
    problems += field_count_problems(raw)
    code_col = raw.header[roles["code"]]
    codes = _column(raw, roles["code"])
    rows = np.array([r for r, _ in raw.rows], dtype="int64")
    found = check_codes(list(zip(rows.tolist(), codes, strict=True)), file, code_col,
                        known_codes, text_source=raw.text_rows(roles["code"]))
    codes = restored_codes(codes, rows.tolist(), found, file)
    problems += found
    years = _parse_years(raw, roles.get("year"), problems)
    cell_texts = [c for _, cells in raw.rows for c in cells]
    decimal = detect_decimal_mark(cell_texts, raw.separator or ";") if raw.separator else "."
    frames: list[pd.DataFrame] = []
    columns: dict[str, str] = {}  # indicator key -> header shown to the user

    def add(key: str, header: str, texts: list[str], sel: np.ndarray,
            parsed: tuple[pd.Series, pd.Series] | None = None) -> None:
        values, bad = parsed or parse_numbers(pd.Series(texts, dtype="string"), decimal)
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(Problem("not_numeric", file, int(rows[sel][i]), header, texts[i],
                                    "number"))
        note = _missing_note(texts, rows[sel], file,
                             header if not long_form else f"{header} ({key})")
        if note is not None:
            problems.append(note)
        ind = catalogue.indicators.get(key)
        ambiguous = grouping_ambiguity(texts, decimal, file,
                                       header if not long_form else f"{header} ({key})")
        if ambiguous is not None:
            problems.append(ambiguous)
        problems.extend(_value_checks(ind, values, rows[sel], file, header))
        frames.append(pd.DataFrame({
            "code": pd.Series(np.asarray(codes, dtype=object)[sel], dtype="string"),
            "indicator": key,
            "year": years[sel].reset_index(drop=True),
            "value": values.reset_index(drop=True),
            "row": rows[sel],
        }))

    long_form = "indicator" in roles and "value" in roles
    if long_form:
        names = _column(raw, roles["indicator"])
        texts = _column(raw, roles["value"])
        header = raw.header[roles["value"]]
        by_key: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            ind = catalogue.find(name)
            key = ind.key if ind else name
            if not ind and name and key not in by_key:
                problems.append(Problem("unknown_indicator", file, int(rows[i]),
                                        raw.header[roles["indicator"]], name,
                                        severity=Severity.WARNING))
            by_key.setdefault(key, []).append(i)
        for key, idx in by_key.items():
            sel = np.array(idx, dtype="int64")
            columns[key] = header
            add(key, header, [texts[i] for i in idx], sel)
    else:
        # a wide table: only the code, name and year columns are not indicators (a value
        # column that happens to be called "waarde" is one)
        role_indexes = {roles[r] for r in ("code", "name", "year") if r in roles}
        all_rows = np.arange(len(raw.rows))
        table = _all_columns(raw)
        candidates = [i for i, head in enumerate(raw.header)
                      if i not in role_indexes and head]
        # parse every indicator column in one go: per-column pandas calls cost minutes
        # for a table with thousands of columns
        n = len(raw.rows)
        flat = pd.Series([t for i in candidates for t in table[i]], dtype="string")
        all_values, all_bad = parse_numbers(flat, decimal)
        for pos, index in enumerate(candidates):
            head = raw.header[index]
            ind = catalogue.find(head)
            key = ind.key if ind else head
            texts = table[index]
            part = slice(pos * n, (pos + 1) * n)
            values = all_values.iloc[part].reset_index(drop=True)
            bad = all_bad.iloc[part].reset_index(drop=True)
            if ind is None and bool(bad.any()) and not bool(values.notna().any()):
                problems.append(Problem("text_column", file, 1, head, head,
                                        severity=Severity.WARNING))
                continue
            if ind is None:
                problems.append(Problem("unknown_indicator", file, 1, head, head,
                                        severity=Severity.WARNING))
            columns[key] = head
            add(key, head, texts, all_rows, (values, bad))
    long = pd.concat(frames, ignore_index=True) if frames else empty_values().assign(row=0)
    kind = "duplicate_value" if "indicator" in roles else "duplicate_code"
    problems += _duplicates(long, file, kind, columns, code_col)
    problems += _ratio_checks(long, catalogue, file, columns)
    problems += _scattered_years(long, file, columns)
    present = set(long["indicator"].unique()) if len(long) else set()
    for key in required:
        if key not in present:
            ind = catalogue.indicators.get(key)
            problems.append(Problem("missing_indicator", file, None, None,
                                    ind.label_nl if ind else key, required_label or "the_set"))
    long = long.sort_values("row", kind="stable").reset_index(drop=True)
    return long[[*LONG_COLUMNS, "row"]] if keep_rows else long[LONG_COLUMNS], problems


def _scattered_years(long: pd.DataFrame, file: str, columns: dict[str, str]) -> list[Problem]:
    """A warning per indicator whose values in the file lie spread over several years with
    no year holding values for at least half of its areas (each municipality its own year):
    the latest year of such an indicator has values for a few areas only."""
    vals = long[long["year"].notna() & long["value"].notna() & (long["code"] != "")]
    problems = []
    for key, part in vals.groupby("indicator", sort=False):
        per_year = part.groupby("year")["code"].nunique()
        if len(per_year) < 2:
            continue
        if per_year.max() < 0.5 * part["code"].nunique():
            years = sorted(int(y) for y in per_year.index)
            problems.append(Problem("scattered_years", file, None, columns.get(str(key), str(key)),
                                    columns.get(str(key), str(key)),
                                    f"{years[0]}\u2013{years[-1]}",
                                    severity=Severity.WARNING))
    return problems


def _missing_note(texts: list[str], rows: np.ndarray, file: str, column: str) -> Problem | None:
    """One note per column: how many cells were read as missing, which tokens, which rows."""
    tokens: dict[str, int] = {}
    where: list[int] = []
    for text, row in zip(texts, rows, strict=True):
        t = text.strip()
        if t.lower() in MISSING_MARKERS:
            tokens[t] = tokens.get(t, 0) + 1
            where.append(int(row))
    if not where:
        return None
    shown = ", ".join(f"'{t}' x{n}" for t, n in tokens.items())
    listed = ", ".join(map(str, where[:10])) + (" ..." if len(where) > 10 else "")
    return Problem("missing_values", file, None, column, number(len(where)),
                   f"{shown} -> {listed}", Severity.NOTE)
