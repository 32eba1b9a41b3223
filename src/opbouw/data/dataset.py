"""Import areas and indicator files together: all problems collected, all-or-nothing.

:func:`validate_files` reports every problem in every file; :func:`import_files` returns a
:class:`ImportedDataset` only when no file has an error, and otherwise raises
:class:`~opbouw.errors.ImportValidationError` with all of them, so nothing is half-imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from opbouw.data.area_tables import areas_from_geo, areas_from_table
from opbouw.data.columns import find_columns
from opbouw.data.geo import is_geo_file
from opbouw.data.indicator_tables import LONG_COLUMNS, empty_values, read_indicator_table
from opbouw.data.problems import Problem, errors_only
from opbouw.data.rawtable import Progress, RawTable, RawTableError, read_raw_table
from opbouw.errors import ImportValidationError
from opbouw.model.areas import AreaSet
from opbouw.model.indicators import Catalogue


@dataclass
class ImportedDataset:
    """Areas and their indicator values (long form) read from files, ready for analysis.

    Not the web application's ``Dataset`` model, which stores such data in the database.
    """

    areas: AreaSet | None
    values: pd.DataFrame

    def wide(self, year: int | None = None,
             indicators: Sequence[str] | None = None) -> pd.DataFrame:
        """Areas x indicators for one year (the latest per indicator when ``year`` is None)."""
        vals = self.values
        if year is not None:
            vals = vals[vals["year"] == year]
        elif vals["year"].notna().any():
            latest = vals.groupby("indicator")["year"].transform("max")
            vals = vals[(vals["year"] == latest) | vals["year"].isna()]
        if indicators is not None:
            vals = vals[vals["indicator"].isin(list(indicators))]
        table = vals.pivot_table(index="code", columns="indicator", values="value",
                                 aggfunc="first", dropna=False)
        if indicators is not None:
            table = table.reindex(columns=list(indicators))
        if self.areas is not None:
            table = table.reindex([c for c in self.areas.codes if c in table.index])
        table.columns.name = None
        return table


@dataclass
class FileSpec:
    """One input file and how to read it."""

    path: Path
    sheet: str | None = None
    layer: str | None = None
    id_column: str | None = None
    level: str | None = None
    crs: str | None = None


def is_area_table(raw: RawTable) -> bool:
    """A table is an areas file when it has a code and a level, parent or geometry column."""
    roles = find_columns(raw.header, ("code", "level", "parent", "geometry", "indicator"))
    return "code" in roles and "indicator" not in roles and bool(
        {"level", "parent", "geometry"} & set(roles))


def _merge_areas(sets: list[AreaSet], problems: list[Problem]) -> AreaSet | None:
    if not sets:
        return None
    if len(sets) == 1:
        return sets[0]
    frames = [s.frame for s in sets]
    merged = pd.concat(frames)
    dup = merged.index[merged.index.duplicated()].unique()
    for code in dup:
        problems.append(Problem("duplicate_code", "(gebieden)", None, "code", str(code), "?"))
    if len(dup):
        return None
    return AreaSet(merged)


def collect(
    specs: Sequence[FileSpec],
    catalogue: Catalogue,
    required: Sequence[str] = (),
    required_label: str = "",
    progress: Progress | None = None,
) -> tuple[ImportedDataset, list[Problem]]:
    """Read every file, areas first; returns what could be read and every problem."""
    problems: list[Problem] = []
    area_sets: list[AreaSet] = []
    indicator_raws: list[tuple[RawTable, str | None]] = []
    fallback_codes: set[str] = set()
    for spec in specs:
        if is_geo_file(spec.path):
            areas, found = areas_from_geo(spec.path, spec.layer, spec.id_column, spec.level,
                                          spec.crs)
            problems += found
            if areas is not None:
                area_sets.append(areas)
            continue
        try:
            raw = read_raw_table(spec.path, spec.sheet, progress)
        except RawTableError as exc:
            problems.append(exc.problem)
            continue
        if is_area_table(raw):
            areas, found = areas_from_table(raw, spec.crs)
            problems += found
            if areas is not None:
                area_sets.append(areas)
            else:
                # keep checking indicator codes against this file even though it has errors
                i = find_columns(raw.header, ("code",))["code"]
                fallback_codes.update(c[i].strip() for _, c in raw.rows if i < len(c))
        else:
            indicator_raws.append((raw, spec.id_column))
    area_set = _merge_areas(area_sets, problems)
    known = set(area_set.codes) if area_set is not None else None
    if fallback_codes:
        known = (known or set()) | fallback_codes
    tables = []
    for raw, id_column in indicator_raws:
        long, found = read_indicator_table(raw, catalogue, known, required, required_label,
                                           id_column)
        problems += found
        tables.append(long)
    values = pd.concat(tables, ignore_index=True) if tables else empty_values()
    dup = values.duplicated(["code", "indicator", "year"], keep="first") & (len(tables) > 1)
    if len(tables) > 1 and dup.any():
        for rec in values[dup].itertuples(index=False):
            problems.append(Problem("duplicate_value", "(indicatoren)", None, rec.indicator,
                                    f"{rec.code} / {rec.indicator}", "?"))
    return ImportedDataset(area_set, values[LONG_COLUMNS].reset_index(drop=True)), problems


def validate_files(specs: Sequence[FileSpec], catalogue: Catalogue,
                   required: Sequence[str] = (), required_label: str = "",
                   progress: Progress | None = None) -> list[Problem]:
    """Every problem in the files, errors and warnings."""
    return collect(specs, catalogue, required, required_label, progress)[1]


def import_files(specs: Sequence[FileSpec], catalogue: Catalogue,
                 required: Sequence[str] = (), required_label: str = "",
                 progress: Progress | None = None) -> ImportedDataset:
    """The dataset, or ImportValidationError with every error when any file has one."""
    dataset, problems = collect(specs, catalogue, required, required_label, progress)
    errors = errors_only(problems)
    if errors:
        raise ImportValidationError(errors)
    return dataset


Dataset = ImportedDataset
"""The former name, kept so that code written against it keeps working."""
