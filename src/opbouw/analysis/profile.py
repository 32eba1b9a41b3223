"""The figures of one area's profile, per indicator, from a pipeline run: value, rank
among its peers, percentile, worst-group flag and the median of the peers as reference."""

from __future__ import annotations

import numpy as np
import pandas as pd

from opbouw.analysis.pipeline import AnalysisRun
from opbouw.analysis.ranking import percentile_rank, rank
from opbouw.errors import ConfigError

__all__ = ["area_profile"]


def area_profile(run: AnalysisRun, code: str) -> pd.DataFrame:
    """One row per indicator of ``run`` for the area ``code``: ``value``, ``rank``
    (1 = worst), ``of`` (areas with a value), ``percentile`` (0-100, 100 = worst),
    ``flag`` (in the worst group of the run's rule), ``reference`` (median) and
    ``direction`` (+1 higher is worse, -1 lower is worse)."""
    table, dirs = run.table, run.directions
    if code not in table.index:
        raise ConfigError("area {code!r} is not in the analysed areas", code=code)
    keys = list(dirs)
    ranks = rank(table[keys], dirs)
    pct = percentile_rank(table[keys], dirs)
    flags = run.result.flags if run.result.flags is not None else pd.DataFrame(index=table.index)
    rows = []
    for k in keys:
        r, p = ranks.at[code, k], pct.at[code, k]
        rows.append({"indicator": k, "value": table.at[code, k],
                     "rank": None if pd.isna(r) else int(r),
                     "of": int(table[k].notna().sum()),
                     "percentile": None if pd.isna(p) else round(100 * float(p)),
                     "flag": bool(flags.at[code, k]) if k in flags else False,
                     "reference": float(np.nanmedian(table[k])), "direction": dirs[k]})
    return pd.DataFrame(rows).set_index("indicator")
