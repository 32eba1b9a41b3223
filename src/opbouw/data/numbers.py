"""Numbers as Flemish spreadsheets write them: decimal commas, thousands separators, ``%``.

The decimal mark is decided once per file from the cells that are unambiguous
(``12,5`` or ``1.234,5`` mean a decimal comma; ``12.5`` or ``1,234.5`` a decimal point);
ambiguous files fall back on the separator (``;`` files use decimal commas).
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from opbouw.data.problems import Problem, Severity, number

MAX_COUNT = 1e9
"""The largest plausible count (people, households, dwellings): Belgium has 12 million
inhabitants, so a count above a billion is a wrong unit, decimal mark or column."""
MAX_VALUE = 1e15
"""The largest value of any unit opbouw computes with: sums of squares of larger values
overflow, and no indicator of an area is this large."""

MISSING_MARKERS = frozenset(
    {"", "na", "n/a", "nan", "nvt", "n.v.t.", "n.v.t", "-", "–", "—", ".", "?", "x", "null",
     "none", "#n/a", "#nb", "geen gegevens", "onbekend"}
)
"""Cell texts read as a missing value (case-insensitive), never as 0."""

_COMMA_DECIMAL = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)?,\d+$|^[-+]?\d{1,3}(\.\d{3})+$")
_POINT_DECIMAL = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d*)\.\d+$")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def detect_decimal_mark(cells: Iterable[str], separator: str = ";") -> str:
    """Return ``","`` or ``"."`` for a file's numbers.

    >>> detect_decimal_mark(["12,5", "3"])
    ','
    >>> detect_decimal_mark(["1,234.5"], separator=";")
    '.'
    >>> detect_decimal_mark(["7"], separator=",")
    '.'
    """
    comma = point = 0
    # a large table repeats its codes, years and many values: look at each text once
    for raw, count in collections.Counter(cells).items():
        cell = _SPACES.sub("", raw).rstrip("%")
        if not cell or cell.lower() in MISSING_MARKERS:
            continue
        if "," in cell and "." in cell:
            if cell.rfind(",") > cell.rfind("."):
                comma += count
            else:
                point += count
        elif _COMMA_DECIMAL.match(cell) and "," in cell:
            comma += count
        elif _POINT_DECIMAL.match(cell) and cell.count(".") == 1 and not re.match(
            r"^[-+]?\d{1,3}\.\d{3}$", cell
        ):
            point += count
    if comma != point:
        return "," if comma > point else "."
    return "," if separator == ";" else "."


def grouping_ambiguity(texts: Iterable[str], decimal: str, file: str,
                       column: str | None) -> Problem | None:
    """A warning when every value of a column that has a decimal mark has exactly three
    digits after a single one (``1,041``, ``12,500``): such values may have been written
    with a thousands separator, and are read as decimals (1.041) without a word otherwise.

    >>> p = grouping_ambiguity(["1,041", "2,350", "7"], ",", "a.csv", "inwoners")
    >>> p.kind, p.found, p.found_text(), p.message().split(": ")[1][:42]
    ('ambiguous_thousands', '1,041', '1,041', 'die wordt gelezen als decimaal getal, niet')
    >>> grouping_ambiguity(["1,041", "12,5"], ",", "a.csv", "x") is None
    True
    """
    other = "." if decimal == "," else ","
    shape = re.compile(rf"[-+]?\d{{1,3}}{re.escape(decimal)}\d{{3}}")
    example = None
    for raw in set(texts):
        cell = _SPACES.sub("", raw).rstrip("%")
        if decimal not in cell or other in cell:
            continue
        if not shape.fullmatch(cell):
            return None  # another number of decimals: the decimal mark is clear
        example = cell if example is None else min(example, cell, key=lambda c: (len(c), c))
    if example is None:
        return None
    thousands = float(example.replace(decimal, ""))
    return Problem("ambiguous_thousands", file, None, column, example, number(thousands),
                   Severity.WARNING)


def parse_numbers(values: pd.Series, decimal: str) -> tuple[pd.Series, pd.Series]:
    """Parse a column of strings to floats.

    Returns ``(numbers, bad)``: ``numbers`` is float with NaN for missing cells; ``bad`` is
    True where a non-empty cell is not a number (those are NaN in ``numbers`` too).

    >>> nums, bad = parse_numbers(pd.Series(["1.234,5", "12%", "n.v.t.", "abc"]), ",")
    >>> nums.tolist()[:2], bool(np.isnan(nums[2])), bad.tolist()
    ([1234.5, 12.0], True, [False, False, False, True])
    """
    # parse each distinct text once: large tables repeat many values (and all of "", "-")
    codes, uniques = pd.factorize(values.astype("string").fillna(""), sort=False)
    numbers, bad = _parse_distinct(pd.Series(np.asarray(uniques, dtype=object), dtype="string"),
                                   decimal)
    return (pd.Series(numbers.to_numpy()[codes], index=values.index, dtype="float64"),
            pd.Series(bad.to_numpy()[codes], index=values.index, dtype=bool))


def _parse_distinct(values: pd.Series, decimal: str) -> tuple[pd.Series, pd.Series]:
    text = values.astype("string").fillna("").str.strip()
    lowered = text.str.lower()
    missing = lowered.isin(MISSING_MARKERS)
    cleaned = text.str.replace(_SPACES, "", regex=True).str.replace("€", "", regex=False)
    cleaned = cleaned.str.replace(r"%$", "", regex=True)
    # thousands separators must group by three, so "1.5" in a decimal-comma file is an
    # error rather than silently 15
    thousands = "." if decimal == "," else ","
    t, d = re.escape(thousands), re.escape(decimal)
    shape = rf"[-+]?(\d{{1,3}}({t}\d{{3}})+|\d+|)({d}\d+)?([eE][-+]?\d+)?"
    ok_shape = cleaned.str.fullmatch(shape).fillna(False) & cleaned.str.contains(r"\d")
    cleaned = cleaned.str.replace(thousands, "", regex=False).str.replace(
        decimal, ".", regex=False
    )
    numbers = pd.to_numeric(cleaned.where(ok_shape & ~missing), errors="coerce")
    numbers = numbers.astype("float64")
    finite = np.isfinite(numbers.to_numpy(dtype="float64", na_value=np.nan))
    bad = (~missing) & ~(ok_shape & pd.Series(finite, index=values.index))
    numbers = numbers.where(~bad)
    return numbers.astype("float64"), bad.astype(bool)


def format_number(value: float, decimal: str = ",", digits: int | None = None) -> str:
    """Write a float for a CSV in the given convention, without losing precision.

    >>> format_number(1234.5)
    '1234,5'
    >>> format_number(0.1 + 0.2, ".")
    '0.30000000000000004'
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = repr(float(value)) if digits is None else f"{value:.{digits}f}"
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") if decimal == "," else text


def value_problems(values: np.ndarray, rows: Sequence[int] | np.ndarray, file: str,
                   column: str | None, count: bool, feature_rows: bool = False,
                   ) -> list[Problem]:
    """Values that cannot be right: a count that is negative, infinite or above
    :data:`MAX_COUNT`; any value above :data:`MAX_VALUE` (``1e308`` is finite but useless).

    >>> [p.kind for p in value_problems(np.array([3.0, -1, 1e308]), [2, 3, 4], "a.csv",
    ...                                 "inwoners", count=True)]
    ['negative_count', 'count_too_large']
    """
    arr = np.asarray(values, dtype="float64")
    problems = []
    limit = MAX_COUNT if count else MAX_VALUE
    for i in map(int, np.flatnonzero(~np.isnan(arr))):
        x = float(arr[i])
        if count and x < 0:
            problems.append(Problem("negative_count", file, int(rows[i]), column, number(x),
                                    row_is_feature=feature_rows))
        elif not np.isfinite(x) or abs(x) > limit:
            problems.append(Problem("count_too_large" if count else "value_too_large", file,
                                    int(rows[i]), column, number(x), number(limit),
                                    row_is_feature=feature_rows))
    return problems
