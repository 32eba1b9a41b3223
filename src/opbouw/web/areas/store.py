"""Move an imported :class:`opbouw.data.dataset.Dataset` into the database and back.

The database is the record; the analysis engine works on pandas tables, which are built
once per dataset version and kept in memory so what-if updates do not touch the database.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction

from opbouw.analysis.pipeline import present_indicators
from opbouw.data.dataset import Dataset as DataDataset
from opbouw.web.areas.models import Area, Dataset, IndicatorValue

BATCH = 5000


def _geojson(frame: Any) -> list[str]:
    import shapely

    if "geometry" not in frame.columns:
        return [""] * len(frame)
    display = frame.to_crs(4326).geometry
    geoms = shapely.set_precision(np.asarray(display), 1e-6)
    return [shapely.to_geojson(g) if g is not None and not g.is_empty else "" for g in geoms]


@transaction.atomic
def store(dataset: Dataset, data: DataDataset, replace: bool = False) -> tuple[int, int]:
    """Write the areas and values of ``data`` into ``dataset``; returns (areas, values).
    ``replace``: an area's value of an indicator and year already in the dataset gives way
    to the new one (a corrected year re-imported); every other value is kept, the other
    areas' values of that indicator and year included."""
    n_areas = 0
    if data.areas is not None:
        frame = data.areas.frame
        geoms = _geojson(frame)
        rows = []
        for (code, rec), geom in zip(frame.iterrows(), geoms, strict=True):
            pop = rec.get("population")
            rows.append(Area(dataset=dataset, code=str(code),
                             name=str(rec["name"]) if isinstance(rec["name"], str) else "",
                             level=str(rec["level"]) if isinstance(rec["level"], str) else "",
                             parent_code=(str(rec["parent"]) if isinstance(rec["parent"], str)
                                          else ""),
                             population=None if pd.isna(pop) else float(pop), geometry=geom))
        Area.objects.bulk_create(rows, batch_size=BATCH)
        n_areas = len(rows)
    values = data.values
    if replace:
        for (ind, year), part in values.groupby(["indicator", "year"], dropna=False):
            codes = [str(c) for c in part["code"].unique()]
            for start in range(0, len(codes), 500):  # SQLite limits the parameters
                IndicatorValue.objects.filter(
                    dataset=dataset, indicator=str(ind),
                    year=None if pd.isna(year) else int(year),
                    area_code__in=codes[start:start + 500]).delete()
    objs = [IndicatorValue(dataset=dataset, area_code=str(c), indicator=str(i),
                           year=None if pd.isna(y) else int(y), value=float(v))
            for c, i, y, v in zip(values["code"], values["indicator"], values["year"],
                                  values["value"], strict=True) if not pd.isna(v)]
    IndicatorValue.objects.bulk_create(objs, batch_size=BATCH)
    Dataset.objects.filter(pk=dataset.pk).update(version=dataset.version + 1)
    dataset.refresh_from_db(fields=["version"])
    forget(dataset.pk)
    return n_areas, len(objs)


_CACHE: OrderedDict[tuple[int, int], dict[str, Any]] = OrderedDict()
_LOCK = threading.Lock()


def forget(pk: int) -> None:
    with _LOCK:
        for key in [k for k in _CACHE if k[0] == pk]:
            del _CACHE[key]


def tables(dataset: Dataset) -> dict[str, Any]:
    """``areas`` (code-indexed name, level, parent, population) and ``values`` (long)."""
    key = (dataset.pk, dataset.version)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    areas = pd.DataFrame.from_records(
        Area.objects.filter(dataset=dataset).values_list("code", "name", "level", "parent_code",
                                                         "population"),
        columns=["code", "name", "level", "parent", "population"]).set_index("code")
    values = pd.DataFrame.from_records(
        IndicatorValue.objects.filter(dataset=dataset).values_list("area_code", "indicator",
                                                                   "year", "value"),
        columns=["code", "indicator", "year", "value"])
    data = {"areas": areas, "values": values, "derived": {}}
    with _LOCK:
        _CACHE[key] = data
        while len(_CACHE) > 6:
            _CACHE.popitem(last=False)
    return data


def wide(dataset: Dataset, keys: list[str], year: int | None, level: str | None) -> pd.DataFrame:
    """Areas x indicators for one year (the latest per indicator when ``year`` is None),
    restricted to one level; cached per dataset version."""
    data = tables(dataset)
    cache_key = (tuple(keys), year, level)
    cached = data["derived"].get(cache_key)
    if cached is not None:
        return cached
    table = DataDataset(None, data["values"]).wide(year, keys or None)
    if level:
        codes = data["areas"].index[data["areas"]["level"] == level]
        table = table.loc[table.index.isin(codes)]
    data["derived"][cache_key] = table
    return table


def _derived(dataset: Dataset, key: str, make: Callable[[dict[str, Any]], Any]) -> Any:
    """A value computed once per dataset version from its tables (a what-if request on
    20,000 areas cannot afford a pass over 600,000 values for each list)."""
    data = tables(dataset)
    if key not in data["derived"]:
        data["derived"][key] = make(data)
    return data["derived"][key]


def present(dataset: Dataset) -> list[str]:
    """The dataset's indicators in order of first appearance (the pipeline's order)."""
    return list(_derived(dataset, "present", lambda d: present_indicators(d["values"])))


def coverage(dataset: Dataset) -> Any:
    """Which area has values of which indicator in which year (the pipeline counts the
    areas of a scope per year on it)."""
    from opbouw.analysis.tables import coverage as make

    return _derived(dataset, "coverage", lambda d: make(d["values"]))


def indicators_in(dataset: Dataset) -> list[str]:
    return sorted(present(dataset))


def levels_in(dataset: Dataset) -> list[str]:
    return list(_derived(dataset, "levels",
                         lambda d: d["areas"]["level"].value_counts().index.tolist()))


def years_in(dataset: Dataset) -> list[int]:
    return list(_derived(dataset, "years", lambda d: sorted(
        int(y) for y in d["values"]["year"].dropna().unique())))


def descendants(dataset: Dataset, code: str) -> list[str]:
    """Codes of every area below ``code`` (children, their children, ...)."""
    parents = tables(dataset)["areas"]["parent"]
    found: list[str] = []
    frontier = {code}
    while frontier:
        children = parents.index[parents.isin(frontier)].tolist()
        children = [c for c in children if c not in found and c != code]
        found += children
        frontier = set(children)
    return found


def sub_area_values(dataset: Dataset, code: str, keys: list[str], year: int | None
                    ) -> tuple[str, pd.Index, pd.DataFrame] | None:
    """The areas below ``code`` at the level that has the most of them with values (a
    province's municipalities, a municipality's wijken or sectors): that level, its codes
    and their values (``wide``); None when there is nothing below ``code``."""
    codes = descendants(dataset, code)
    if not codes:
        return None
    areas = tables(dataset)["areas"].reindex(codes)
    best: tuple[int, str, pd.Index, pd.DataFrame] | None = None
    for lvl in areas["level"].dropna().unique():
        lvl_codes = areas.index[areas["level"] == lvl]
        table = wide(dataset, keys, year, lvl)
        table = table.loc[table.index.isin(lvl_codes)]
        n = int(table.notna().any(axis=1).sum()) if not table.empty else 0
        if best is None or n > best[0] or (n == best[0] and len(lvl_codes) > len(best[2])):
            best = (n, lvl, lvl_codes, table)
    return None if best is None else best[1:]


def scoped(dataset: Dataset, table: pd.DataFrame, cfg: Any) -> pd.DataFrame:
    """``table`` limited to the analysis's scope: the areas below ``within`` (a province
    or region) and without the ``exclude`` codes (seed 004 ranks East Flanders without
    Gent; Flemish rankings leave Brussels out)."""
    within = (cfg or {}).get("within") or ""
    exclude = set((cfg or {}).get("exclude") or [])
    if within:
        table = table.loc[table.index.isin(descendants(dataset, within))]
    if exclude:
        drop = set(exclude)
        for code in exclude:
            drop.update(descendants(dataset, code))
        table = table.loc[~table.index.isin(drop)]
    return table
