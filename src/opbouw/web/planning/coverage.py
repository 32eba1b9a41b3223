"""Coverage of need for a stored plan: where the analysis finds need, computed by the
analysis engine, set against the areas and FTE of the plan's projects.

Need has three sources: the areas the analysis flags (deprived); the areas in a
significant concentration of high scores (local Moran HH, when the areas have polygons);
and the sub-areas that are deprived inside an area that is not (averaged away: the same
analysis one level finer, when the dataset has that level)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from opbouw.analysis.planning import Coverage, coverage
from opbouw.web.analyses import engine
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store as area_store
from opbouw.web.areas.models import Area
from opbouw.web.planning.models import Plan


def _areas(analysis: Analysis) -> pd.DataFrame:
    """The dataset's areas: code-indexed name, level, parent, population."""
    return area_store.tables(analysis.dataset)["areas"]


def hot_spots(analysis: Analysis, score: pd.Series) -> list[str]:
    """Codes in a significant HH cluster (local Moran) of the analysis score; none when the
    areas have no polygons or too few have a score."""
    import geopandas as gpd
    import shapely

    from opbouw.analysis.spatial import ConcentrationConfig, build_weights, local_concentration
    from opbouw.errors import OpbouwError

    values = pd.to_numeric(score, errors="coerce").dropna().astype(float)
    geoms = dict(Area.objects.filter(dataset=analysis.dataset, code__in=list(values.index))
                 .exclude(geometry="").values_list("code", "geometry"))
    values = values[[c in geoms for c in values.index]]
    if len(values) < 3 or values.nunique() < 2:
        return []
    frame = gpd.GeoDataFrame(index=values.index,
                             geometry=[shapely.from_geojson(geoms[c]) for c in values.index],
                             crs=4326)
    try:
        weights = build_weights(frame, "queen")
        local = local_concentration(values, weights, ConcentrationConfig(n_jobs=1),
                                    gi_star=False)
    except (ValueError, OpbouwError):
        return []
    return local.significant("HH")


def averaged_away_areas(analysis: Analysis, table: pd.DataFrame) -> list[str]:
    """Sub-areas one level below the analysis's areas that the same analysis flags while
    their parent is not flagged."""
    from opbouw.analysis.hierarchy import averaged_away

    areas = _areas(analysis)
    parents = set(map(str, table.index))
    children = areas[areas["parent"].astype(str).isin(parents)
                     & ~areas.index.astype(str).isin(parents)]
    if children.empty:
        return []
    level = children["level"].value_counts().index[0]
    try:
        child = engine.compute(analysis.dataset, analysis.method,
                               {**analysis.config, "level": level})
    except ValueError:
        return []
    flags = child["table"]["flag"].astype(bool)
    hidden = averaged_away(flags, table["flag"].astype(bool),
                           areas["parent"].reindex(flags.index),
                           areas["population"].reindex(flags.index))
    return [str(c) for c in hidden.areas.index]


def plan_coverage(plan: Plan, analysis: Analysis) -> tuple[Coverage, dict[str, Any]]:
    """The coverage table and, per area code, its name and the project names.

    Raises ValueError when the analysis cannot run (the engine's message)."""
    result = engine.compute(analysis.dataset, analysis.method, analysis.config)
    table = result["table"]
    need = {str(code): bool(flag) for code, flag in table["flag"].items()}
    names = {str(code): name for code, name in table["name"].items()}
    reasons: dict[str, list[str]] = {c: ["deprived"] for c, flag in need.items() if flag}
    for code in hot_spots(analysis, table["score"]):
        reasons.setdefault(code, []).append("hot_spot")
    areas = _areas(analysis)
    for code in averaged_away_areas(analysis, table):
        reasons.setdefault(code, []).append("averaged_away")
        names.setdefault(code, str(areas["name"].get(code, "") or ""))
    project_areas: dict[str, list[str]] = {}
    project_fte: dict[str, float] = {}
    project_names: dict[str, str] = {}
    for p in plan.projects.prefetch_related("areas"):
        codes = [a.code for a in p.areas.all()]
        for a in p.areas.all():
            names.setdefault(a.code, a.name)
        if codes:
            project_areas[str(p.pk)] = codes
            project_fte[str(p.pk)] = float(p.fte)
            project_names[str(p.pk)] = p.name
    cov = coverage(need, project_areas, project_fte, reasons)
    return cov, {"names": names, "projects": project_names, "level": result.get("level")}
