"""Places that an average hides ("weggemiddeld"), both procedures in one function.

- ``top`` (seed 004's own procedure): the sub-areas (e.g. sub-municipalities, on their
  own indicator set ``submunicipal10``) are ranked among themselves and the parents
  (municipalities, on ``municipal14``) among themselves; the sub-areas in the top that
  are not a place of the parents' top are reported, *whatever the parent's status* (the
  seed names Erembodegem and Iddergem, whose municipalities rank high themselves).
- ``deprived-parent``: a deprived sub-area in a parent that, compared among its peers,
  is not deprived.

Each level is analysed by :func:`~opbouw.analysis.pipeline.run_analysis`, so both use
the same rules, options and scope as every other analysis. When the parents have no
values of their own, they are added up from the sub-areas (numerators and denominators,
never averaged percentages; see :func:`~opbouw.analysis.hierarchy.aggregate_values`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from opbouw.analysis.hierarchy import (
    aggregate_values,
    ancestor_at,
    averaged_away,
    new_in_finer_top,
)
from opbouw.analysis.pipeline import AnalysisRun, AnalysisSpec, choose_indicators, run_analysis
from opbouw.errors import ConfigError
from opbouw.model.indicators import Catalogue

__all__ = ["PROCEDURES", "HiddenPlaces", "hidden_places"]

PROCEDURES = ("deprived-parent", "top")


@dataclass
class HiddenPlaces:
    """The places found, the two runs behind them and how the parents got values.

    ``table`` (indexed by code): for ``top`` the sub-areas in the top with ``rank``,
    ``parent``, ``parent_rank``, ``parent_in_top`` and ``new``; for ``deprived-parent``
    the deprived sub-areas in a non-deprived parent with ``score``, ``parent``,
    ``population`` and ``share_of_parent``. ``added_up``: the parents' values were added
    up from the sub-areas; ``approximated``: indicators added up as a weighted mean.
    """

    procedure: str
    table: pd.DataFrame
    child: AnalysisRun
    parent: AnalysisRun
    added_up: bool = False
    approximated: list[str] = field(default_factory=list)

    @property
    def new(self) -> pd.DataFrame:
        """The rows that are hidden places (all rows for ``deprived-parent``)."""
        return self.table[self.table["new"]] if "new" in self.table else self.table


def hidden_places(values: pd.DataFrame, areas: pd.DataFrame, catalogue: Catalogue,
                  child: AnalysisSpec, parent: AnalysisSpec,
                  procedure: str = "deprived-parent", top: int | None = None,
                  ) -> HiddenPlaces:
    """Run ``child`` on the sub-areas and ``parent`` on the parents (each spec's scope
    names its level) and report the places the parents' average hides.

    ``top`` is the length of both tops for ``procedure="top"`` (default: the ``n`` of
    the child spec's options, else :data:`opbouw.analysis.defaults.N`).
    """
    from opbouw.analysis import defaults

    if procedure not in PROCEDURES:
        raise ConfigError("unknown procedure {procedure!r}; choose one of {choices}",
                          procedure=procedure, choices=', '.join(PROCEDURES))
    if child.scope.level is None or parent.scope.level is None:
        raise ConfigError("hidden places need the level of the sub-areas and of the parents")
    if "parent" not in areas.columns:
        raise ConfigError("hidden places need the areas' parents (a 'parent' column)")
    up = ancestor_at(areas, parent.scope.level)
    child_run = run_analysis(values, areas, catalogue, child)
    parent_keys = choose_indicators(values, catalogue, parent.indicators, parent.preset) \
        if (parent.indicators or parent.preset) else list(child_run.directions)
    parent = replace(parent, indicators=tuple(parent_keys), preset=None)
    parent_codes = areas.index[areas["level"] == parent.scope.level]
    have = values[values["code"].isin(parent_codes) & values["indicator"].isin(parent_keys)]
    parent_values, added_up, approx = values, False, []
    if have.empty:
        inds = {key: catalogue.get(key) for key in values["indicator"].unique()
                if key in catalogue}
        population = areas["population"] if "population" in areas.columns else None
        agg = aggregate_values(values, up.reindex(child_run.table.index).dropna(), inds,
                               population)
        parent_values, added_up = agg.values, True
        approx = [k for k, rule in agg.rules.items() if k in parent_keys and "mean" in rule]
    parent_run = run_analysis(parent_values, areas, catalogue, parent)
    names = areas["name"] if "name" in areas.columns else pd.Series(dtype="string")
    if procedure == "top":
        length = int(top or child.options.get("n") or defaults.N)
        table = new_in_finer_top(child_run.result.table["rank"],
                                 parent_run.result.table["rank"], up, names, names, length)
    else:
        population = (areas["population"] if "population" in areas.columns
                      else pd.Series(float("nan"), index=areas.index))
        table = averaged_away(child_run.result.table["flag"], parent_run.result.table["flag"],
                              up.reindex(child_run.table.index), population,
                              child_run.result.table["score"]).areas
    return HiddenPlaces(procedure, table, child_run, parent_run, added_up, approx)
