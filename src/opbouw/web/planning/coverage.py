"""Coverage of need for a stored plan: the flagged (deprived) areas of a saved analysis,
computed by the analysis engine, set against the areas and FTE of the plan's projects."""

from __future__ import annotations

from typing import Any

from opbouw.analysis.planning import Coverage, coverage
from opbouw.web.analyses import engine
from opbouw.web.analyses.models import Analysis
from opbouw.web.planning.models import Plan


def plan_coverage(plan: Plan, analysis: Analysis) -> tuple[Coverage, dict[str, Any]]:
    """The coverage table and, per area code, its name and the project names.

    Raises ValueError when the analysis cannot run (the engine's message)."""
    result = engine.compute(analysis.dataset, analysis.method, analysis.config)
    table = result["table"]
    need = {str(code): bool(flag) for code, flag in table["flag"].items()}
    names = {str(code): name for code, name in table["name"].items()}
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
    cov = coverage(need, project_areas, project_fte)
    return cov, {"names": names, "projects": project_names, "level": result.get("level")}
