"""Read a plain table (id column plus numeric columns) for ``opbouw svi`` and ``composite``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from opbouw.data.numbers import detect_decimal_mark, parse_numbers
from opbouw.data.problems import Problem
from opbouw.data.rawtable import RawTableError, read_raw_table
from opbouw.errors import ConfigError, ImportValidationError


def read_numeric_table(path: Path, id_column: str, columns: list[str],
                       missing_code: float | None = None) -> pd.DataFrame:
    """The id column as text index and the named columns as floats; every problem at once."""
    try:
        raw = read_raw_table(path)
    except RawTableError as exc:
        raise ImportValidationError(exc.problems) from None
    header = raw.header
    absent = [c for c in [id_column, *columns] if c not in header]
    if absent:
        raise ConfigError("{name}: columns not found: {absent}; the file has: {columns}",
                          name=raw.name, absent=", ".join(absent),
                          columns=", ".join(header[:12]) + (" ..." if len(header) > 12 else ""))
    rows = [r for r, _ in raw.rows]

    def col(name: str) -> list[str]:
        i = header.index(name)
        return [cells[i].strip() if i < len(cells) else "" for _, cells in raw.rows]

    problems: list[Problem] = []
    ids = col(id_column)
    seen: dict[str, int] = {}
    for row, code in zip(rows, ids, strict=True):
        if not code:
            problems.append(Problem("missing_code", raw.name, row, id_column, "", "42001"))
        elif code in seen:
            problems.append(Problem("duplicate_code", raw.name, row, id_column, code,
                                    str(seen[code])))
        seen.setdefault(code, row)
    cells = [c for name in columns for c in col(name)]
    decimal = detect_decimal_mark(cells, raw.separator or ",")
    data = {}
    for name in columns:
        texts = col(name)
        values, bad = parse_numbers(pd.Series(texts, dtype="string"), decimal)
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(Problem("not_numeric", raw.name, rows[i], name, texts[i], "number"))
        arr = values.to_numpy()
        if missing_code is not None:
            arr = np.where(arr == missing_code, np.nan, arr)
        data[name] = arr
    if problems:
        raise ImportValidationError(problems)
    return pd.DataFrame(data, index=pd.Index(ids, name=id_column, dtype="string"))
