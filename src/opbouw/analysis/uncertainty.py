"""Uncertainty and sensitivity of area rankings by Monte-Carlo over the analyst's choices.

Each draw picks a normalisation, weights (Dirichlet around the base weights), a worst-group
percentile ``p`` and a cumulation threshold ``k``. Per area it reports the median composite
rank, its 5-95 % interval, how often the area is in the top N and how often it is
deprived (at least ``k`` of the indicators in the worst ``p`` %). Sensitivity is the
first-order index Var(E[rank | choice]) / Var(rank) of each choice, averaged over areas
(continuous choices binned in quintiles), which says which choice moves the ranking most.

The work is vectorised: one normalised matrix per normalisation, one matrix product per
normalisation for all its draws, ranks by a threaded argsort per draw block, and the
deprived test per draw in O(n) from each area's sorted indicator ranks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.composite import normalise
from opbouw.analysis.tables import oriented
from opbouw.errors import ConfigError, InsufficientDataError

DRAWS = 1000
SENSITIVITY_SAMPLE = 2000
"""Areas sampled (at most) to estimate the sensitivity indices; the indices are means over
areas, so a random sample of 2,000 estimates them well at a fraction of the cost."""


@dataclass(frozen=True)
class UncertaintyConfig:
    """The ranges the Monte-Carlo draws from."""

    draws: int = DRAWS
    seed: int = 0
    normalisations: Sequence[str] = ("minmax", "zscore", "percentile", "exponential")
    base_weights: Mapping[str, float] = field(default_factory=dict)
    concentration: float = 20.0
    p_range: tuple[float, float] = (10.0, 30.0)
    k_values: Sequence[int] = (3, 4, 5)
    top: int = defaults.N

    def __post_init__(self) -> None:
        if self.draws < 1:
            raise ConfigError("draws must be at least 1")
        if not self.normalisations:
            raise ConfigError("give at least one normalisation")
        if not 0 < self.p_range[0] <= self.p_range[1] <= 100:
            raise ConfigError("p_range must lie within (0, 100]")
        if not self.k_values or min(self.k_values) < 1:
            raise ConfigError("k_values must be 1 or more")


@dataclass
class UncertaintyResult:
    """Per area (``median_rank``, ``rank_p5``, ``rank_p95``, ``share_top``,
    ``share_deprived``), the sensitivity per choice, and the drawn parameters."""

    areas: pd.DataFrame
    sensitivity: pd.DataFrame
    draws: pd.DataFrame
    imputed: dict[str, int]


def _rank_block(scores: np.ndarray) -> np.ndarray:
    """Ranks per row, 1 = highest score (ties broken by position, as draws are continuous)."""
    order = np.argsort(-scores, axis=1)
    ranks = np.empty(order.shape, dtype=np.int32)
    seq = np.arange(1, order.shape[1] + 1, dtype=np.int32)
    np.put_along_axis(ranks, order, np.broadcast_to(seq, order.shape), axis=1)
    return ranks


def _first_order(ranks: np.ndarray, labels: np.ndarray) -> float:
    """Mean over areas of Var(E[rank | label]) / Var(rank)."""
    groups, inverse = np.unique(labels, return_inverse=True)
    if len(groups) < 2:
        return 0.0
    onehot = np.zeros((len(groups), len(labels)), dtype=np.float32)
    onehot[inverse, np.arange(len(labels))] = 1.0
    counts = onehot.sum(axis=1, keepdims=True)
    means = (onehot @ ranks) / counts
    overall = ranks.mean(axis=0, keepdims=True)
    between = ((means - overall) ** 2 * counts).sum(axis=0) / len(labels)
    total = ranks.var(axis=0)
    ok = total > 0
    return float(np.mean(between[ok] / total[ok])) if ok.any() else 0.0


def _percentiles(ranks: np.ndarray, qs: Sequence[float],
                 pool: ThreadPoolExecutor | None = None) -> np.ndarray:
    """Per column percentiles with linear interpolation (as ``np.percentile``), by sorting
    each block of columns once, which is faster than repeated partitions."""
    d, n = ranks.shape
    out = np.empty((len(qs), n))
    starts = list(range(0, n, 5000))

    def fill_block(start: int) -> None:
        block = np.sort(ranks[:, start:start + 5000], axis=0)
        for row, q in enumerate(qs):
            pos = q / 100 * (d - 1)
            lo, frac = int(np.floor(pos)), pos - np.floor(pos)
            hi = min(lo + 1, d - 1)
            out[row, start:start + block.shape[1]] = block[lo] + frac * (
                block[hi].astype(np.float64) - block[lo])

    if pool is not None:
        list(pool.map(fill_block, starts))
    else:
        for start in starts:
            fill_block(start)
    return out


def _quintiles(x: np.ndarray) -> np.ndarray:
    edges = np.quantile(x, [0.2, 0.4, 0.6, 0.8])
    return np.searchsorted(edges, x)


def monte_carlo(table: pd.DataFrame, directions: Mapping[str, int],
                config: UncertaintyConfig) -> UncertaintyResult:
    """Run the Monte-Carlo; missing values are imputed by the median (and reported)."""
    values = oriented(table, directions)
    n, m = values.shape
    if n < 2 or m < 1:
        raise InsufficientDataError("need at least two areas and one indicator")
    imputed = {c: int(values[c].isna().sum()) for c in values.columns if values[c].isna().any()}
    values = values.fillna(values.median())
    rng = np.random.default_rng(config.seed)
    d = config.draws
    cols = list(values.columns)
    base = np.array([float(config.base_weights.get(c, 1.0)) for c in cols])
    if (base < 0).any() or base.sum() <= 0:
        raise ConfigError("base weights must be non-negative and not all 0")
    base = base / base.sum()
    alpha = np.maximum(base * config.concentration * m, 1e-3)
    weights = rng.dirichlet(alpha, size=d)
    norm_index = rng.integers(0, len(config.normalisations), size=d)
    p_draw = rng.uniform(*config.p_range, size=d)
    k_draw = rng.choice(np.asarray(config.k_values), size=d)

    ranks = np.empty((d, n), dtype=np.int32)
    threads = min(2, os.cpu_count() or 1)
    w32 = weights.astype(np.float32)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for j, method in enumerate(config.normalisations):
            idx = np.flatnonzero(norm_index == j)
            if not len(idx):
                continue
            matrix = normalise(values, method).fillna(0.0).to_numpy(dtype=np.float32)

            def rank_draws(block: np.ndarray, matrix: np.ndarray = matrix) -> np.ndarray:
                # scores and ranks of a block of draws; numpy releases the GIL in both
                return _rank_block((matrix @ w32[block].T).T)

            blocks = [idx[s:s + 32] for s in range(0, len(idx), 32)]
            for block, block_ranks in zip(blocks, pool.map(rank_draws, blocks), strict=True):
                ranks[block] = block_ranks
        top_count = (ranks <= config.top).sum(axis=0)
        quant = _percentiles(ranks, (5.0, 50.0, 95.0), pool)

    # deprived: the k-th best indicator rank of an area within the worst p percent
    ind_ranks = values.rank(ascending=False, method="min").to_numpy(dtype=np.float32)
    sorted_ranks = np.sort(ind_ranks, axis=1)
    limits = (p_draw * n / 100.0).astype(np.float32)
    k_index = np.minimum(k_draw, m) - 1
    deprived_count = np.zeros(n, dtype=np.int64)
    for k in np.unique(k_index):
        sel = k_index == k
        col = sorted_ranks[:, k][None, :]
        hits = col <= limits[sel][:, None]
        hits &= k_draw[sel][:, None] <= m
        deprived_count += hits.sum(axis=0)

    areas = pd.DataFrame({
        "median_rank": quant[1], "rank_p5": quant[0], "rank_p95": quant[2],
        "share_top": top_count / d, "share_deprived": deprived_count / d,
    }, index=values.index)

    sample = np.arange(n) if n <= SENSITIVITY_SAMPLE else np.sort(
        rng.choice(n, SENSITIVITY_SAMPLE, replace=False))
    sub = ranks[:, sample].astype(np.float32)
    rows = [{"choice": "normalisation", "index": _first_order(sub, norm_index)}]
    for i, col in enumerate(cols):
        rows.append({"choice": f"weight:{col}",
                     "index": _first_order(sub, _quintiles(weights[:, i]))})
    sens = pd.DataFrame(rows).sort_values("index", ascending=False).reset_index(drop=True)
    # p and k do not move the composite rank; they move whether an area is deprived
    sub_dep = np.empty((d, len(sample)), dtype=np.float32)
    sub_sorted = sorted_ranks[sample]
    for i in range(d):
        sub_dep[i] = sub_sorted[:, k_index[i]] <= limits[i]
    rows = [{"choice": "p", "index": _first_order(sub_dep, _quintiles(p_draw)),
             "outcome": "deprived"},
            {"choice": "k", "index": _first_order(sub_dep, k_draw), "outcome": "deprived"}]
    sens = pd.concat([sens.assign(outcome="rank"), pd.DataFrame(rows)], ignore_index=True)
    draws = pd.DataFrame({"normalisation": np.asarray(config.normalisations)[norm_index],
                          "p": p_draw, "k": k_draw})
    for i, col in enumerate(cols):
        draws[f"w_{col}"] = weights[:, i]
    return UncertaintyResult(areas, sens, draws, imputed)
