"""Benchmark of the analysis engine; prints JSON.

For synthetic tables of 20,000 and 250,000 areas x 30 indicators: the time of all
methods (atlas, top-n, score, svi, composite) plus a 1,000-draw Monte-Carlo, peak memory,
and in the same run a straightforward pandas loop implementation of the same work as the
ratio to beat. The loop baseline runs a reduced number of draws and is scaled linearly
(stated in the output), because 1,000 loop draws over 250,000 areas take too long to wait for.

Usage: python bench/analysis.py [--sizes 20000,250000] [--draws 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

from opbouw.analysis.methods import METHODS, run_method
from opbouw.analysis.uncertainty import UncertaintyConfig, monte_carlo

M = 30


def synthetic(n: int, seed: int = 0) -> tuple[pd.DataFrame, dict[str, int]]:
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 1))
    data = latent + rng.normal(size=(n, M))
    data[rng.random((n, M)) < 0.01] = np.nan
    cols = [f"ind{j:02d}" for j in range(M)]
    table = pd.DataFrame(data, columns=cols, index=[f"A{i:07d}" for i in range(n)])
    directions = {c: (1 if j % 3 else -1) for j, c in enumerate(cols)}
    return table, directions


def engine(table: pd.DataFrame, directions: dict[str, int], draws: int) -> dict[str, float]:
    times = {}
    for name in METHODS:
        t0 = time.perf_counter()
        run_method(name, table, directions)
        times[name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    monte_carlo(table, directions, UncertaintyConfig(draws=draws))
    times["monte_carlo"] = time.perf_counter() - t0
    return times


def loop_baseline(table: pd.DataFrame, directions: dict[str, int], draws: int) -> float:
    """The straightforward way: per indicator and per draw with pandas, no vectorising."""
    t0 = time.perf_counter()
    n = len(table)
    # atlas / score: flag per indicator, count per area in a Python loop over indicators
    counts = pd.Series(0, index=table.index)
    for col, sign in directions.items():
        r = (table[col] * sign).rank(ascending=False, method="min")
        counts += (r <= 0.2 * r.notna().sum()).astype(int)
    # top-n: count top-20 appearances
    top = pd.Series(0, index=table.index)
    for col, sign in directions.items():
        top += ((table[col] * sign).rank(ascending=False, method="min") <= 20).astype(int)
    # svi: percentile rank per variable, sum, rank again
    total = pd.Series(0.0, index=table.index)
    for col, sign in directions.items():
        r = (table[col] * sign).rank(method="min")
        total += ((r - 1) / (r.notna().sum() - 1)).round(4).fillna(0)
    total.rank(method="min")
    # composite + Monte-Carlo: per draw normalise, weight and rank with pandas
    rng = np.random.default_rng(0)
    filled = table.fillna(table.median())
    ranks = []
    for _ in range(draws):
        w = rng.dirichlet(np.ones(len(directions)) * 20)
        method = rng.integers(0, 3)
        score = pd.Series(0.0, index=table.index)
        for (col, sign), wi in zip(directions.items(), w, strict=True):
            x = filled[col] * sign
            if method == 0:
                x = (x - x.min()) / (x.max() - x.min())
            elif method == 1:
                x = (x - x.mean()) / x.std()
            else:
                x = x.rank(pct=True)
            score += wi * x
        ranks.append(score.rank(ascending=False))
    if ranks:
        frame = pd.concat(ranks, axis=1)
        frame.quantile([0.05, 0.5, 0.95], axis=1)
        assert n == len(frame)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20000,250000")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--loop-draws", type=int, default=20)
    args = parser.parse_args()
    results = []
    for n in [int(s) for s in args.sizes.split(",")]:
        table, directions = synthetic(n)
        engine(table.head(2000), directions, 20)  # warm-up (numba JIT of mapclassify)
        times = engine(table, directions, args.draws)
        total = sum(times.values())
        loop_small = loop_baseline(table, directions, args.loop_draws)
        loop_zero = loop_baseline(table, directions, 0)
        per_draw = (loop_small - loop_zero) / args.loop_draws
        loop_total = loop_zero + per_draw * args.draws
        results.append({
            "areas": n, "indicators": M, "draws": args.draws,
            "seconds": {k: round(v, 3) for k, v in times.items()},
            "total_seconds": round(total, 3),
            "loop_seconds_estimated": round(loop_total, 2),
            "loop_measured_draws": args.loop_draws,
            "speedup_vs_loop": round(loop_total / total, 1),
            "peak_rss_mib_so_far": round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        })
        print(json.dumps(results[-1]), file=sys.stderr)
    print(json.dumps({"benchmark": "analysis", "results": results}, indent=2))


if __name__ == "__main__":
    main()
