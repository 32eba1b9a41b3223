"""Atlas (cumulation of negative conditions) and score 0..K (seed 004's Flemish comparison)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from opbouw.analysis.flags import ATLAS_K, FlagRule, cumulation, flag, limits_used
from opbouw.analysis.methods.base import MethodResult, rank_scores


@dataclass(frozen=True)
class AtlasConfig:
    """Worst-group rule per indicator and the number ``k`` of coinciding conditions that
    makes an area deprived (4 in the Atlas of deprived neighbourhoods)."""

    rule: FlagRule = field(default_factory=FlagRule)
    k: int = ATLAS_K


def atlas(table: pd.DataFrame, directions: Mapping[str, int], config: AtlasConfig) -> MethodResult:
    """Count negative conditions per area; deprived when the count reaches ``k``."""
    flags = flag(table, directions, config.rule)
    count = cumulation(flags)
    out = pd.DataFrame({"score": count, "rank": rank_scores(count.astype(float)),
                        "flag": count >= config.k})
    return MethodResult("atlas", out, flags, {
        "k": config.k, "rule": config.rule, "limits": limits_used(table, directions, flags),
        "indicators": len(directions)})


@dataclass(frozen=True)
class ScoreConfig:
    """Score 0..K: on how many of K indicators an area is in the worst group; ``high_from``
    is the lowest score called high (default K - 2: 6-7-8 of 8, as in seed 004)."""

    rule: FlagRule = field(default_factory=FlagRule)
    high_from: int | None = None


def score(table: pd.DataFrame, directions: Mapping[str, int], config: ScoreConfig) -> MethodResult:
    """The score 0..K per area and whether it is among the highest scores."""
    flags = flag(table, directions, config.rule)
    count = cumulation(flags)
    k = len(directions)
    high_from = config.high_from if config.high_from is not None else max(1, k - 2)
    out = pd.DataFrame({"score": count, "rank": rank_scores(count.astype(float)),
                        "flag": count >= high_from})
    return MethodResult("score", out, flags, {
        "high_from": high_from, "max_score": k, "rule": config.rule,
        "limits": limits_used(table, directions, flags),
        "distribution": count.value_counts().reindex(range(k + 1), fill_value=0)})
