"""Import areas and indicator files together: all problems collected, all-or-nothing.

:func:`validate_files` reports every problem in every file; :func:`import_files` returns a
:class:`ImportedDataset` only when no file has an error, and otherwise raises
:class:`~opbouw.errors.ImportValidationError` with all of them, so nothing is half-imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from opbouw.data.area_tables import areas_from_geo, areas_from_table
from opbouw.data.columns import find_columns
from opbouw.data.geo import is_geo_file
from opbouw.data.indicator_tables import LONG_COLUMNS, empty_values, read_indicator_table
from opbouw.data.problems import Problem, Severity, errors_only
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
    origin: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    """Area code -> (file, row, level) where it was read: messages about an area that
    are made after reading (a code too long for the database) still name the place."""
    places: pd.DataFrame | None = None
    """``file`` and ``row`` of each row of ``values``, aligned with it; None when unknown."""

    def wide(self, year: int | None = None,
             indicators: Sequence[str] | None = None) -> pd.DataFrame:
        """Areas x indicators for one year (the latest per indicator when ``year`` is None)."""
        from opbouw.analysis.tables import wide_table

        return wide_table(self.values, year, indicators,
                          self.areas.codes if self.areas is not None else None)


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
    """A table is an areas file when it has a code and a level, parent or geometry column,
    or when it is a plain list of codes and names (``code;naam``, perhaps with population).

    >>> is_area_table(RawTable("g.csv", ["code", "naam"], []))
    True
    >>> is_area_table(RawTable("i.csv", ["code", "naam", "waarde"], []))
    False
    """
    roles = find_columns(raw.header, ("code", "name", "level", "parent", "geometry",
                                      "population", "indicator", "year"))
    if "code" not in roles or "indicator" in roles or "year" in roles:
        return False
    if {"level", "parent", "geometry"} & set(roles):
        return True
    others = [h for i, h in enumerate(raw.header) if h.strip() and i not in roles.values()]
    return "name" in roles and not others


Origin = dict[str, tuple[str, int, str]]
"""code -> (file, row, level) of the area's first occurrence, for messages across files."""


def _origin(areas: AreaSet, file: str, rows: list[int]) -> Origin:
    return {str(c): (file, r, str(lv)) for c, r, lv
            in zip(areas.frame.index, rows, areas.frame["level"], strict=True)}


def _where(file: str, row: int, feature: bool = False) -> str:
    return f"{file}, {'object' if feature else 'rij'} {row}"


def _merge_areas(sets: list[tuple[AreaSet, Origin]], problems: list[Problem]) -> AreaSet | None:
    """One area set from several files: the same code at the same level twice is an
    error naming both places; at another level (a wijk code equal to a municipality's)
    a warning, and the first file's area is kept."""
    if not sets:
        return None
    if len(sets) == 1:
        return sets[0][0]
    seen: Origin = {}
    frames = []
    error = False
    for areas, origin in sets:
        keep = []
        for code in areas.frame.index:
            file, row, level = origin[str(code)]
            if code in seen:
                first = seen[code]
                same = first[2] == level
                problems.append(Problem(
                    "duplicate_across_files" if same else "same_code_other_level", file, row,
                    None, str(code), _where(first[0], first[1]),
                    Severity.ERROR if same else Severity.WARNING))
                error = error or same
                keep.append(False)
            else:
                seen[code] = (file, row, level)
                keep.append(True)
        frames.append(areas.frame[keep])
    if error:
        return None
    return AreaSet(pd.concat(frames))


def collect(
    specs: Sequence[FileSpec],
    catalogue: Catalogue,
    required: Sequence[str] = (),
    required_label: str = "",
    progress: Progress | None = None,
) -> tuple[ImportedDataset, list[Problem]]:
    """Read every file, areas first; returns what could be read and every problem."""
    problems: list[Problem] = []
    area_sets: list[tuple[AreaSet, Origin]] = []
    indicator_raws: list[tuple[RawTable, str | None]] = []
    fallback_codes: set[str] = set()
    for spec in specs:
        if is_geo_file(spec.path):
            areas, found = areas_from_geo(spec.path, spec.layer, spec.id_column, spec.level,
                                          spec.crs)
            problems += found
            if areas is not None:
                area_sets.append((areas, _origin(areas, spec.path.name,
                                                 list(range(1, len(areas) + 1)))))
            continue
        try:
            raw = read_raw_table(spec.path, spec.sheet, progress)
        except RawTableError as exc:
            problems += exc.problems
            continue
        problems += raw.warnings
        if is_area_table(raw):
            areas, found = areas_from_table(raw, spec.crs, spec.level)
            problems += found
            if areas is not None:
                area_sets.append((areas, _origin(areas, raw.name, [r for r, _ in raw.rows])))
            else:
                # keep checking indicator codes against this file even though it has errors
                i = find_columns(raw.header, ("code",))["code"]
                fallback_codes.update(c[i].strip() for _, c in raw.rows if i < len(c))
        else:
            indicator_raws.append((raw, spec.id_column))
    area_set = _merge_areas(area_sets, problems)
    known = set(area_set.codes) if area_set is not None else None
    if fallback_codes or (area_sets and known is None):
        known = (known or set()) | fallback_codes | {
            c for s, _ in area_sets for c in s.codes}
    tables = []
    for raw, id_column in indicator_raws:
        long, found = read_indicator_table(raw, catalogue, known, required, required_label,
                                           id_column, keep_rows=True)
        problems += found
        tables.append(long.assign(file=raw.name))
    values = pd.concat(tables, ignore_index=True) if tables else empty_values()
    if len(tables) > 1:
        keys = ["code", "indicator", "year"]
        dup = values.duplicated(keys, keep="first")
        if dup.any():
            def key(rec: Any) -> tuple[str, str, int | None]:
                return (rec.code, rec.indicator, None if pd.isna(rec.year) else int(rec.year))

            first: dict[tuple[str, str, int | None], tuple[str, int]] = {}
            for rec in values[~dup].itertuples(index=False):
                first.setdefault(key(rec), (rec.file, int(rec.row)))
            for rec in values[dup].itertuples(index=False):
                file, row = first[key(rec)]
                if file == rec.file:
                    continue  # reported by the file's own check, with both rows
                problems.append(Problem(
                    "duplicate_across_files", rec.file, int(rec.row), rec.indicator,
                    f"{rec.code} / {rec.indicator}", _where(file, row)))
    origin: Origin = {}
    for _, found_at in area_sets:
        for code, place in found_at.items():
            origin.setdefault(code, place)
    values = values.reset_index(drop=True)
    places = values.reindex(columns=["file", "row"])
    return ImportedDataset(area_set, values[LONG_COLUMNS], origin, places), problems


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
