"""Working areas compared: how much of the need each one holds and what it has for it.

Seed 004 compares provincial institutes by how many of the highest-scoring municipalities
lie in their province and by funded staff per such municipality; this does that for any
grouping of areas (institute, province, region).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["compare_working_areas"]


def compare_working_areas(highest: pd.Series, working_area: pd.Series,
                          population: pd.Series | None = None,
                          fte: pd.Series | None = None) -> pd.DataFrame:
    """Per working area: areas, highest-scoring areas, their share of all of them, the
    population living in them and, with ``fte``, staff per highest-scoring area.

    ``highest`` is a boolean per area (in the top group, or deprived); ``working_area``
    maps each area to its working area code.
    """
    wa = working_area.astype("string").reindex(highest.index)
    hi = highest.fillna(False).astype(bool)
    frame = pd.DataFrame({"wa": wa, "hi": hi})
    if population is not None:
        frame["pop"] = pd.to_numeric(population.reindex(hi.index), errors="coerce")
        frame["pop_hi"] = frame["pop"].where(hi)
    g = frame.groupby("wa", dropna=True)
    total_hi = int(hi.sum())
    out = pd.DataFrame({"areas": g.size(), "highest": g["hi"].sum().astype("int64")})
    out["share_of_highest"] = out["highest"] / total_hi * 100 if total_hi else np.nan
    if population is not None:
        out["population"] = g["pop"].sum(min_count=1)
        out["population_in_highest"] = g["pop_hi"].sum(min_count=0)
        out["share_population_in_highest"] = out["population_in_highest"] / out["population"] * 100
    if fte is not None:
        out["fte"] = pd.to_numeric(fte, errors="coerce").reindex(out.index)
        out["fte_per_highest"] = out["fte"] / out["highest"].where(out["highest"] > 0)
        out["highest_per_fte"] = out["highest"] / out["fte"].where(out["fte"] > 0)
    out.index.name = "working_area"
    return out.sort_values(["highest", "areas"], ascending=False)
