"""The one boundary where tables become arrays: column selection, orientation, NaN policy.

Every method takes a wide table (areas x indicators, index = area code) plus a mapping of
directions; here values are oriented so that *higher is always worse*, which lets every
method below rank, flag and aggregate one way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from opbouw.errors import ConfigError

HIGHER_IS_WORSE = 1
LOWER_IS_WORSE = -1


def directions_for(columns: Sequence[str], lower_is_worse: Sequence[str] = ()) -> dict[str, int]:
    """+1 for every column, -1 for those in ``lower_is_worse``.

    >>> directions_for(["a", "b"], ["b"])
    {'a': 1, 'b': -1}
    """
    unknown = set(lower_is_worse) - set(columns)
    if unknown:
        raise ConfigError("lower_is_worse names unknown columns: {columns}",
                          columns=sorted(unknown))
    return {c: (LOWER_IS_WORSE if c in lower_is_worse else HIGHER_IS_WORSE) for c in columns}


def select(table: pd.DataFrame, directions: Mapping[str, int]) -> pd.DataFrame:
    """The columns named in ``directions``, as float, in that order."""
    missing = [c for c in directions if c not in table.columns]
    if missing:
        raise ConfigError("columns not in the table: {columns}",
                          columns=", ".join(map(str, missing)))
    return table[list(directions)].astype("float64")


def oriented(table: pd.DataFrame, directions: Mapping[str, int]) -> pd.DataFrame:
    """Values multiplied by their direction, so that higher is worse in every column."""
    values = select(table, directions)
    signs = np.array([directions[c] for c in values.columns], dtype="float64")
    return values * signs


def missing_report(table: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: how many areas lack a value, and which (reported, never set to 0)."""
    rows = []
    for col in table.columns:
        miss = table.index[table[col].isna()]
        rows.append({"indicator": col, "missing": len(miss),
                     "codes": ", ".join(map(str, miss[:20])) + (" ..." if len(miss) > 20 else "")})
    return pd.DataFrame(rows).set_index("indicator")


SPARSE_YEAR_SHARE = 0.5
"""With the year left empty, an indicator's year is its latest year with values for at least
this share of the areas of its best-covered year: one new year with values for two
municipalities out of 308 does not replace a full year."""


def latest_years(values: pd.DataFrame, codes: Sequence[str] | pd.Index | None = None,
                 ) -> tuple[dict[str, int], list[str]]:
    """Per indicator of the long ``values`` (code, indicator, year, value): the latest year
    whose number of areas with a value (among ``codes`` when given) is at least
    :data:`SPARSE_YEAR_SHARE` of the best-covered year's; and a note
    ``sparse_year_skipped:<indicator>:<year>:<n areas>`` for each newer year passed over.

    >>> v = pd.DataFrame({"code": ["a", "b", "c", "a"], "indicator": "x",
    ...                   "year": [2020, 2020, 2020, 2021], "value": 1.0})
    >>> latest_years(v)
    ({'x': 2020}, ['sparse_year_skipped:x:2021:1'])
    """
    vals = values[values["year"].notna() & values["value"].notna()]
    if codes is not None:
        vals = vals[vals["code"].isin(pd.Index(codes))]
    return years_from_counts(vals.groupby(["indicator", "year"])["code"].nunique())


def coverage(values: pd.DataFrame) -> pd.DataFrame:
    """Which area has a value of which indicator in which year: areas x (indicator, year),
    True where there is one. Made once per dataset (a what-if request then counts the
    areas of its scope per year without a pass over every value)."""
    vals = values[values["year"].notna() & values["value"].notna()]
    if vals.empty:
        return pd.DataFrame(index=pd.Index([], dtype=object), dtype=bool)
    keyed = vals.drop_duplicates(["code", "indicator", "year"])
    return (keyed.assign(present=True)
            .set_index(["code", "indicator", "year"])["present"]
            .unstack(["indicator", "year"], fill_value=False).astype(bool))


def latest_years_covered(cover: pd.DataFrame, keys: Sequence[str],
                         codes: Sequence[str] | pd.Index | None = None,
                         ) -> tuple[dict[str, int], list[str]]:
    """:func:`latest_years` from a :func:`coverage` table, among ``codes`` when given."""
    if cover.empty:
        return {}, []
    cols = cover.columns[cover.columns.get_level_values(0).isin(list(keys))]
    part = cover[cols]
    if codes is not None:
        part = part.reindex(pd.Index(codes), fill_value=False)
    counts = part.sum()
    return years_from_counts(counts[counts > 0])


def years_from_counts(counts: pd.Series) -> tuple[dict[str, int], list[str]]:
    """The rule of :func:`latest_years` on the number of areas per (indicator, year)."""
    years: dict[str, int] = {}
    notes: list[str] = []
    for indicator, per_year in counts.groupby(level="indicator", sort=False):
        per = per_year.droplevel("indicator").sort_index()
        enough = per[per >= SPARSE_YEAR_SHARE * per.max()]
        chosen = int(enough.index.max())
        years[str(indicator)] = chosen
        notes += [f"sparse_year_skipped:{indicator}:{int(y)}:{int(n)}"
                  for y, n in per[per.index > chosen].items()]
    return years, notes


def wide_table(values: pd.DataFrame, year: int | None = None,
               indicators: Sequence[str] | None = None,
               order: Sequence[str] | None = None,
               years: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Areas x indicators from the long table (code, indicator, year, value) for one year;
    when ``year`` is None, per indicator the year of ``years`` or else of
    :func:`latest_years` (the latest well-covered year); rows in ``order`` when given."""
    vals = values
    if indicators is not None:
        vals = vals[vals["indicator"].isin(list(indicators))]
    if year is not None:
        vals = vals[vals["year"] == year]
    elif vals["year"].notna().any():
        chosen = dict(years) if years is not None else latest_years(vals)[0]
        wanted = vals["indicator"].map(chosen)
        vals = vals[(vals["year"] == wanted) | vals["year"].isna()]
    table = vals.pivot_table(index="code", columns="indicator", values="value",
                             aggfunc="first", dropna=False)
    if indicators is not None:
        table = table.reindex(columns=list(indicators))
    if order is not None:
        table = table.reindex([c for c in order if c in table.index])
    table.columns.name = None
    return table
