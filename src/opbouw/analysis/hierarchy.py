"""Areas inside areas: indicators added up a level, and deprivation that averages hide.

Aggregating a share means adding numerators and denominators, never averaging the
children's percentages: a parent of one sector with 50 % of 10 residents and one with
10 % of 1,000 residents has 10.4 %, not 30 %. Which rule each indicator got is returned
with the values, so a report can say where an approximation was used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from opbouw.model.indicators import Indicator

__all__ = ["AggregationResult", "HiddenResult", "aggregate_values", "ancestor_at",
           "new_in_finer_top", "averaged_away"]

RULE_SUM = "sum"
RULE_RATIO = "ratio_of_sums"
RULE_WEIGHTED = "weighted_by_denominator"
RULE_POPULATION = "population_weighted_mean"
RULE_MEAN = "unweighted_mean"
UNDATED = -1
"""Stands in for a missing year while values are added up (and is turned back into NA)."""


def ancestor_at(frame: pd.DataFrame, level: str) -> pd.Series:
    """For every area, the code of its ancestor at ``level`` (itself if at that level).

    Walks the ``parent`` column upwards; areas with no ancestor at that level get <NA>.
    """
    parent = frame["parent"].astype("string")
    current = pd.Series(frame.index.astype("string"), index=frame.index, dtype="string")
    result = pd.Series(pd.NA, index=frame.index, dtype="string")
    levels = frame["level"]
    for _ in range(16):
        lv = levels.reindex(current.to_numpy()).to_numpy()
        hit = (lv == level) & result.isna().to_numpy() & current.notna().to_numpy()
        result[hit] = current[hit]
        nxt = parent.reindex(current.fillna("").to_numpy()).to_numpy()
        current = pd.Series(nxt, index=frame.index, dtype="string")
        if current.isna().all():
            break
    return result


@dataclass
class AggregationResult:
    """Long values at the parent level, and the rule used per indicator."""

    values: pd.DataFrame
    rules: dict[str, str] = field(default_factory=dict)
    incomplete: pd.DataFrame = field(default_factory=pd.DataFrame)


def _rule(ind: Indicator | None, present: set[str], has_population: bool) -> str:
    if ind is not None and ind.unit == "count":
        return RULE_SUM
    if ind is not None and ind.numerator in present and ind.denominator in present:
        return RULE_RATIO
    if ind is not None and ind.denominator in present:
        return RULE_WEIGHTED
    return RULE_POPULATION if has_population else RULE_MEAN


def aggregate_values(values: pd.DataFrame, group_of: Mapping[str, str] | pd.Series,
                     indicators: Mapping[str, Indicator],
                     population: pd.Series | None = None) -> AggregationResult:
    """Add long values (``code, indicator, year, value``) up to the groups in ``group_of``.

    A group gets a value for a year only when every member has the inputs; groups
    left without are listed in ``incomplete`` (group, indicator, year, missing members).
    """
    group = pd.Series(group_of, dtype="string")
    members = group.dropna()
    size = members.groupby(members).size()
    data = values[values["code"].isin(members.index)].copy()
    data["group"] = members.reindex(data["code"]).to_numpy()
    # values without a year (a single-year file) would fall out of the pivot below
    data["year"] = pd.to_numeric(data["year"], errors="coerce").fillna(UNDATED)
    present = set(data["indicator"].unique())
    wide = data.pivot_table(index=["group", "code", "year"], columns="indicator",
                            values="value", aggfunc="first")
    has_pop = population is not None and population.notna().any()
    out, rules, gaps = [], {}, []
    for key in sorted(present):
        ind = indicators.get(key)
        rule = _rule(ind, present, has_pop)
        rules[key] = rule
        cols = {RULE_SUM: [key], RULE_RATIO: [ind.numerator, ind.denominator] if ind else [],
                RULE_WEIGHTED: [key, ind.denominator] if ind else [],
                RULE_POPULATION: [key], RULE_MEAN: [key]}[rule]
        part = wide[cols].dropna().reset_index()
        if rule == RULE_POPULATION:
            part["w"] = population.reindex(part["code"]).to_numpy()  # type: ignore[union-attr]
            part = part.dropna(subset=["w"])
        counts = part.groupby(["group", "year"]).size()
        complete = counts[counts.to_numpy() == size.reindex(counts.index.get_level_values(0))
                          .to_numpy()].index
        incomplete = counts.index.difference(complete)
        for g, y in incomplete:
            gaps.append((g, key, y, int(size[g] - counts[(g, y)])))
        sums = part.groupby(["group", "year"])
        if rule == RULE_SUM:
            val = sums[key].sum()
        elif rule == RULE_RATIO:
            num, den = sums[ind.numerator].sum(), sums[ind.denominator].sum()  # type: ignore[union-attr]
            val = num / den.where(den != 0)
            if ind is not None and ind.unit == "percent":
                val = val * 100.0
        elif rule == RULE_WEIGHTED:
            den = part[ind.denominator]  # type: ignore[union-attr]
            part = part.assign(_wv=part[key] * den, _w=den)
            g = part.groupby(["group", "year"])
            val = g["_wv"].sum() / g["_w"].sum().replace(0, np.nan)
        elif rule == RULE_POPULATION:
            part = part.assign(_wv=part[key] * part["w"])
            g = part.groupby(["group", "year"])
            val = g["_wv"].sum() / g["w"].sum().replace(0, np.nan)
        else:
            val = sums[key].mean()
        val = val.reindex(complete).dropna()
        frame = val.rename("value").reset_index().rename(columns={"group": "code"})
        frame.insert(1, "indicator", key)
        out.append(frame)
    result = (pd.concat(out, ignore_index=True) if out
              else pd.DataFrame(columns=["code", "indicator", "year", "value"]))
    result["code"] = result["code"].astype("string")
    year = pd.to_numeric(result["year"], errors="coerce")
    result["year"] = year.mask(year == UNDATED).astype("Int64")
    return AggregationResult(
        result[["code", "indicator", "year", "value"]], rules,
        pd.DataFrame(gaps, columns=["code", "indicator", "year", "missing_members"]))


@dataclass
class HiddenResult:
    """Deprived sub-areas inside parents that are not, and per parent the share of its
    population living in them."""

    areas: pd.DataFrame
    parents: pd.DataFrame


def averaged_away(child_deprived: pd.Series, parent_deprived: pd.Series,
                  parent_of: pd.Series, child_population: pd.Series,
                  child_score: pd.Series | None = None) -> HiddenResult:
    """Sub-areas that are deprived while their parent, compared among its peers, is not.

    The parent's population is the sum over all its sub-areas with a known population,
    so the share is of the same people the sub-areas describe.
    """
    parent_of = parent_of.astype("string").reindex(child_deprived.index)
    pop = pd.to_numeric(child_population.reindex(child_deprived.index), errors="coerce")
    parent_pop = pop.groupby(parent_of.to_numpy()).sum(min_count=1)
    pdep = parent_deprived.reindex(parent_of.to_numpy()).to_numpy()
    hidden = child_deprived.fillna(False).astype(bool).to_numpy() & (pdep == False)  # noqa: E712
    areas = pd.DataFrame({"parent": parent_of, "population": pop}, index=child_deprived.index)
    if child_score is not None:
        areas.insert(1, "score", child_score.reindex(areas.index))
    areas = areas[hidden]
    areas["share_of_parent"] = (areas["population"]
                                / parent_pop.reindex(areas["parent"].to_numpy()).to_numpy() * 100)
    sort = ["parent", "score"] if child_score is not None else ["parent"]
    areas = areas.sort_values(sort, ascending=[True, False][: len(sort)])
    grouped = areas.groupby("parent")
    parents = pd.DataFrame({
        "hidden_areas": grouped.size(),
        "population_hidden": grouped["population"].sum(min_count=1),
    })
    parents["population"] = parent_pop.reindex(parents.index)
    parents["share_hidden"] = parents["population_hidden"] / parents["population"] * 100
    parents.index.name = "parent"
    areas.index.name = "code"
    return HiddenResult(areas, parents.sort_values("share_hidden", ascending=False))


def new_in_finer_top(child_rank: pd.Series, parent_rank: pd.Series, parent_of: pd.Series,
                     child_names: pd.Series, parent_names: pd.Series,
                     top: int) -> pd.DataFrame:
    """Seed 004's own procedure for places averaged away: rank the sub-areas among
    themselves (on their own indicator set) and the parents among themselves (on theirs),
    and report the sub-areas in the top that are *new* places: not the parent's core
    (a sub-area named like its parent) of a parent in the parents' top. The parent's own
    status does not matter (the seed names Erembodegem and Iddergem, whose municipalities
    Aalst and Denderleeuw rank high themselves).

    Returns, for the sub-areas in the top ``top`` by rank: ``rank``, ``parent``,
    ``parent_rank``, ``parent_in_top`` and ``new``.
    """
    ranks = pd.to_numeric(child_rank, errors="coerce")
    in_top = ranks[ranks <= top].sort_values(kind="stable")
    parents = parent_of.astype("string").reindex(in_top.index)
    prank = pd.to_numeric(parent_rank, errors="coerce").reindex(parents.to_numpy())
    parent_in_top = (prank <= top).fillna(False).to_numpy()

    def core(code: str, parent: Any) -> bool:
        own = str(child_names.get(code, "") or "").casefold()
        name = str(parent_names.get(parent, "") or "").casefold() if isinstance(parent, str) else ""
        return bool(name) and (own == name or own.startswith(name + " ")
                               or own.startswith(name + "-") or own.startswith(name + " ("))

    is_core = np.array([core(c, p) for c, p in zip(in_top.index, parents, strict=True)],
                       dtype=bool)
    return pd.DataFrame({"rank": in_top.astype("Int64"), "parent": parents,
                         "parent_rank": prank.to_numpy(), "parent_in_top": parent_in_top,
                         "new": ~(parent_in_top & is_core)}, index=in_top.index)
