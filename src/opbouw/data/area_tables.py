"""Area files: tables (code, name, level, parent, population, WKT geometry) or geometry
files (GeoJSON, GeoPackage, Shapefile), validated and turned into an :class:`AreaSet`."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from opbouw.data.codes import check_codes, restored_codes
from opbouw.data.columns import find_columns
from opbouw.data.geo import (
    check_crs,
    geo_series,
    geometry_problems,
    parse_wkt,
    project_checked,
    read_geo,
)
from opbouw.data.numbers import (
    detect_decimal_mark,
    grouping_ambiguity,
    parse_numbers,
    value_problems,
)
from opbouw.data.problems import AREA_LEVELS, Problem, Severity
from opbouw.data.rawtable import RawTable
from opbouw.model.areas import AreaSet, level_for


def infer_level(code: str) -> str:
    """Guess the level from a Belgian code's shape.

    Statistical sectors have 9 characters with letters (``44021A00-``); sub-municipalities
    a NIS5 code and a letter (``11001A``, ``11002-Y``); municipalities 5 digits; anything
    longer is taken as a neighbourhood code (the ggw7 ``geoitem`` codes have 5 to 11
    characters, e.g. ``1100104`` or ``11002ANT01``; a 5-digit one needs the level given).

    >>> infer_level("44021A00-"), infer_level("11001A"), infer_level("44021")
    ('statistical_sector', 'sub_municipality', 'municipality')
    >>> infer_level("1100104"), infer_level("11002ANT01"), infer_level("12002A-I")
    ('neighbourhood', 'neighbourhood', 'sub_municipality')
    """
    if len(code) == 9 and not code.isdigit():
        return "statistical_sector"
    if _SUB_MUNICIPALITY.fullmatch(code):
        return "sub_municipality"
    if code.isdigit() and len(code) <= 5:
        return "municipality"
    if len(code) >= 6:
        return "neighbourhood"
    return "municipality"


_SUB_MUNICIPALITY = re.compile(r"\d{5}(-?[A-Z]|[A-Z]-[IVX]+)")

_LAYER_LEVELS = (("statsec", "statistical_sector"), ("sector", "statistical_sector"),
                 ("ggw", "neighbourhood"), ("wijk", "neighbourhood"),
                 ("deelgemeente", "sub_municipality"), ("gemeente", "municipality"),
                 ("provincie", "province"), ("gewest", "region"))


def level_of_layer(layer: str | None) -> str | None:
    """The level a layer's name states (``ggw72024`` -> neighbourhood), if any.

    >>> level_of_layer("deelgemeente2024"), level_of_layer("ggw72024"), level_of_layer("x")
    ('sub_municipality', 'neighbourhood', None)
    """
    name = (layer or "").lower()
    for word, level in _LAYER_LEVELS:
        if word in name:
            return level
    return None


def field_count_problems(raw: RawTable) -> list[Problem]:
    """Rows with fewer or more fields than the header (CSV only: a workbook has cells)."""
    if not raw.separator:
        return []
    width = len(raw.header)
    problems = []
    for row, cells in raw.rows:
        extra = len(cells) > width and any(c.strip() for c in cells[width:])
        if extra or len(cells) < width:
            problems.append(Problem("ragged_row", raw.name, row, None, str(len(cells)),
                                    str(width)))
    return problems


def duplicate_columns(raw: RawTable) -> list[Problem]:
    """Column names that appear more than once (any case), each with the columns' letters
    as a spreadsheet shows them: the one error for such a table, since every check after
    it (codes, values) would read the wrong column or report each row twice.

    >>> raw = RawTable("a.csv", ["code", "naam", "Code"], [(2, ["1", "a", "1"])])
    >>> [(p.found, p.expected) for p in duplicate_columns(raw)]
    [('code', 'A, C')]
    """
    from openpyxl.utils import get_column_letter

    where: dict[str, list[int]] = {}
    for index, head in enumerate(raw.header):
        if head.strip():
            where.setdefault(head.strip().casefold(), []).append(index)
    return [Problem("duplicate_column", raw.name, 1, raw.header[found[1]],
                    raw.header[found[0]],
                    ", ".join(get_column_letter(i + 1) for i in found))
            for found in where.values() if len(found) > 1]


def _duplicate_problems(codes: list[str], rows: list[int], file: str, column: str,
                        feature_rows: bool = False) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for row, code in zip(rows, codes, strict=True):
        if not code:
            continue
        if code in first:
            problems.append(Problem("duplicate_code", file, row, column, code, str(first[code]),
                                    row_is_feature=feature_rows))
        else:
            first[code] = row
    return problems


def _levels_and_parents(
    frame: pd.DataFrame, rows: list[int], file: str, level_col: str | None,
    parent_col: str | None, feature_rows: bool,
) -> list[Problem]:
    problems = []
    valid = AREA_LEVELS
    keys = []
    for row, text in zip(rows, frame["level"], strict=True):
        level = level_for(str(text)) if text else None
        if level is None:
            problems.append(Problem("unknown_level", file, row, level_col, str(text), valid,
                                    row_is_feature=feature_rows))
            keys.append(str(text))
        else:
            keys.append(level.key)
    frame["level"] = keys
    codes = set(frame.index)
    for row, parent in zip(rows, frame["parent"], strict=True):
        if isinstance(parent, str) and parent and parent not in codes:
            problems.append(Problem("unknown_parent", file, row, parent_col, parent,
                                    row_is_feature=feature_rows))
    problems += parent_chain_problems(
        [str(c) for c in frame.index],
        [p if isinstance(p, str) and p else None for p in frame["parent"]],
        list(frame["level"]), rows, file, parent_col, feature_rows)
    return problems


def parent_chain_problems(
    codes: list[str], parents: list[str | None], levels: list[str], rows: list[int],
    file: str, parent_col: str | None, feature_rows: bool = False,
) -> list[Problem]:
    """Self-parents and parent cycles (errors: an area would contain itself), and a
    parent whose level is not above the child's (a warning: a working area may lie
    inside one municipality, so the level order is a rule of thumb, not a law).

    Each area is visited once (iterative walk with colours), so 20,000 areas take
    milliseconds; a cycle is reported once, on the row of its first area.

    >>> [(p.kind, p.row, p.found) for p in parent_chain_problems(
    ...     ["a", "b", "c"], ["b", "a", "c"], ["municipality"] * 3, [2, 3, 4], "a.csv", "ouder")]
    [('parent_self', 4, 'c'), ('parent_cycle', 2, 'a → b → a')]
    """
    from opbouw.model.areas import level_for

    position = {code: i for i, code in enumerate(codes) if code}
    target = [position.get(p, -1) if p else -1 for p in parents]
    problems = []
    for i, t in enumerate(target):
        if t == i:
            problems.append(Problem("parent_self", file, rows[i], parent_col, codes[i],
                                    row_is_feature=feature_rows))
    # 0 unvisited, 1 on the current path, 2 done
    state = [0] * len(codes)
    cycles = []
    for start in range(len(codes)):
        if state[start]:
            continue
        path = []
        node = start
        while node != -1 and state[node] == 0:
            state[node] = 1
            path.append(node)
            node = target[node]
        if node != -1 and state[node] == 1 and target[node] != node:
            cycle = path[path.index(node):]
            cycles.append(cycle)
        for n in path:
            state[n] = 2
    for cycle in cycles:
        first = min(cycle, key=lambda n: rows[n])
        at = cycle.index(first)
        ordered = cycle[at:] + cycle[:at] + [first]
        problems.append(Problem("parent_cycle", file, rows[first], parent_col,
                                " → ".join(codes[n] for n in ordered),
                                row_is_feature=feature_rows))
    looped = {n for cycle in cycles for n in cycle}
    found_levels = [level_for(lv) if lv else None for lv in levels]
    orders = [lv.order if lv is not None else -1 for lv in found_levels]
    for i, t in enumerate(target):
        if t < 0 or t == i or i in looped or orders[i] < 0 or orders[t] < 0:
            continue
        if orders[t] <= orders[i]:
            problems.append(Problem("parent_level_not_above", file, rows[i], parent_col,
                                    str(parents[i]), f"level:{levels[t]}",
                                    severity=Severity.WARNING, row_is_feature=feature_rows))
    return problems


def areas_from_table(raw: RawTable, crs: str | None = None, level: str | None = None,
                     ) -> tuple[AreaSet | None, list[Problem]]:
    """Read an areas table; geometry may be given as WKT in a ``geometry`` column.

    Without a level column, ``level`` (if given) or each code's shape sets the level, so
    municipalities, sub-municipalities, sectors and wijken may share one file.
    """
    file = raw.name
    doubled = duplicate_columns(raw)
    if doubled:
        return None, doubled
    roles = find_columns(raw.header, ("code", "name", "level", "parent", "population", "geometry"))
    if "code" not in roles:
        return None, [Problem("missing_column", file, 1, None, "", "code_column")]

    def col(role: str) -> list[str]:
        if role not in roles:
            return [""] * len(raw.rows)
        i = roles[role]
        return [cells[i].strip() if i < len(cells) else "" for _, cells in raw.rows]

    rows = [r for r, _ in raw.rows]
    codes = col("code")
    code_col = raw.header[roles["code"]]
    problems = field_count_problems(raw)
    problems += check_codes(list(zip(rows, codes, strict=True)), file, code_col, None,
                            text_source=raw.text_rows(roles["code"]))
    codes = restored_codes(codes, rows, problems, file)
    problems += _duplicate_problems(codes, rows, file, code_col)
    levels = col("level") if "level" in roles else [level or infer_level(c) for c in codes]
    parents = [p or None for p in col("parent")]
    pop_texts = col("population")
    decimal = detect_decimal_mark(pop_texts, raw.separator or ";")
    population, bad = parse_numbers(pd.Series(pop_texts, dtype="string"), decimal)
    pop_col = raw.header[roles["population"]] if "population" in roles else None
    ambiguous = grouping_ambiguity(pop_texts, decimal, file, pop_col)
    if ambiguous is not None:
        problems.append(ambiguous)
    for i in np.flatnonzero(bad.to_numpy()):
        problems.append(Problem("not_numeric", file, rows[i], pop_col, pop_texts[i], "population"))
    problems += value_problems(population.to_numpy(), rows, file, pop_col, count=True)
    index = pd.Index(codes, dtype="string", name="code")
    frame = pd.DataFrame({
        "name": pd.Series(col("name"), dtype="string", index=index),
        "level": levels,
        "parent": pd.Series(parents, dtype="string", index=index),
        "population": population.to_numpy(),
    }, index=index)
    problems += _levels_and_parents(
        frame, rows, file, raw.header[roles["level"]] if "level" in roles else None,
        raw.header[roles["parent"]] if "parent" in roles else None, False)
    if "geometry" in roles:
        geo_col = raw.header[roles["geometry"]]
        texts = col("geometry")
        geoms, failed = parse_wkt(texts)
        for row_index in failed:
            problems.append(Problem("geometry_unparsable", file, rows[row_index], geo_col,
                                    texts[row_index][:40], "wkt"))
        ok = np.array([i not in set(failed) for i in range(len(texts))], dtype=bool)
        problems += geometry_problems(geoms[ok], [r for r, k in zip(rows, ok, strict=True) if k],
                                      file, geo_col, feature_rows=False)
        crs, found = check_crs(geoms[ok], crs, file, geo_col)
        problems += found
        if any(p.is_error for p in problems) or frame.index.has_duplicates:
            return None, problems
        import geopandas as gpd

        frame, found = project_checked(
            gpd.GeoDataFrame(frame, geometry=geo_series(geoms, crs, frame.index)), file,
            geo_col, feature_rows=False, rows=rows)
        problems += found
        if frame is None:
            return None, problems
    if any(p.is_error for p in problems) or frame.index.has_duplicates:
        return None, problems
    return AreaSet(frame), problems


def areas_from_geo(
    path: str | Path, layer: str | None = None, id_column: str | None = None,
    level: str | None = None, crs: str | None = None,
) -> tuple[AreaSet | None, list[Problem]]:
    """Read areas from a geometry file; the code column is ``id_column`` or recognised."""
    frame, problems = read_geo(path, layer)
    file = Path(path).name
    if frame is None:
        return None, problems
    chosen, found = check_crs(np.asarray(frame.geometry.values),
                              frame.crs if frame.crs is not None else crs, file)
    problems += found
    if frame.crs is None and chosen is not None:
        frame = frame.set_crs(chosen)
    header = [str(c) for c in frame.columns if c != "geometry"]
    if id_column is not None:
        if id_column not in header:
            return None, problems + [Problem("missing_column", file, None, None, "",
                                             repr(id_column))]
        code_name = id_column
    else:
        roles = find_columns(header, ("code",))
        if "code" not in roles:
            return None, problems + [Problem("missing_column", file, None, None, "", "code_column")]
        code_name = header[roles["code"]]
    # the code column is no name, even when it is called "gemeente" (gemeente2024 layer)
    roles = find_columns([h if h != code_name else "" for h in header],
                         ("name", "level", "parent", "population"))
    rows = list(range(1, len(frame) + 1))
    codes = [_code_text(v) for v in frame[code_name]]
    text_source = not pd.api.types.is_numeric_dtype(frame[code_name])
    found = check_codes(list(zip(rows, codes, strict=True)), file, code_name, None,
                        text_source=text_source)
    codes = restored_codes(codes, rows, found, file)
    problems += found
    for p in _duplicate_problems(codes, rows, file, code_name, feature_rows=True):
        problems.append(p)
    problems = [
        Problem(p.kind, p.file, p.row, p.column, p.found, p.expected, p.severity, True)
        if p.row is not None and p.file == file else p
        for p in problems
    ]

    def col(role: str) -> list[Any]:
        return list(frame[header[roles[role]]]) if role in roles else [None] * len(frame)

    if "level" in roles:
        levels = col("level")
    else:
        chosen = level or level_of_layer(layer or Path(path).stem)
        if chosen is None and codes:
            # one layer is one level: the most common shape decides for all its features
            chosen = Counter(infer_level(c) for c in codes if c).most_common(1)[0][0]
        levels = [chosen or "municipality"] * len(codes)
    given = pd.Series(col("population"), dtype=object)
    population = pd.to_numeric(given, errors="coerce").to_numpy(dtype="float64")
    pop_col = header[roles["population"]] if "population" in roles else None
    for i in np.flatnonzero(np.isnan(population) & given.notna().to_numpy()):
        if str(given.iloc[i]).strip():
            problems.append(Problem("not_numeric", file, rows[i], pop_col, str(given.iloc[i]),
                                    "population", row_is_feature=True))
    problems += value_problems(population, rows, file, pop_col, count=True, feature_rows=True)
    out = frame[["geometry"]].copy()
    out.index = pd.Index(codes, dtype="string", name="code")
    out["name"] = pd.Series([str(v) if v is not None else "" for v in col("name")],
                            dtype="string", index=out.index)
    out["level"] = [str(v) if v is not None else "" for v in levels]
    out["parent"] = pd.Series([_code_text(v) or None for v in col("parent")], dtype="string",
                              index=out.index)
    out["population"] = population
    problems += _levels_and_parents(
        out, rows, file, header[roles["level"]] if "level" in roles else None,
        header[roles["parent"]] if "parent" in roles else None, True)
    if any(p.is_error for p in problems) or out.index.has_duplicates:
        return None, problems
    out = out[["name", "level", "parent", "population", "geometry"]]
    out, found = project_checked(out, file, "geometry", feature_rows=True)
    problems += found
    if out is None:
        return None, problems
    return AreaSet(out), problems


def _code_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
