"""Benchmark: spatial weights + LISA (999 permutations) on synthetic polygons.

Compares opbouw's path (``build_weights`` then the local Moran of ``local_concentration``)
with a direct esda call with its defaults in the same process:
``Queen.from_dataframe`` then ``Moran_Local(y, w)``. numba compiles esda's kernels on
first use; both paths are warmed up on a small grid first so compile time is not counted.
Prints JSON. Usage: python bench/spatial.py [--n 20000] [--permutations 999]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
import warnings

import geopandas as gpd
import numpy as np
import shapely


def polygons(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    """``n`` Voronoi cells of random points in a 100 km square (Lambert 2008 metres)."""
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 100_000, size=(n, 2))
    extent = shapely.box(0, 0, 100_000, 100_000)
    cells = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=extent)
    geoms = shapely.intersection(np.asarray(shapely.get_parts(cells)), extent)
    codes = [f"S{i:06d}" for i in range(len(geoms))]
    return gpd.GeoDataFrame(geometry=geoms, index=codes, crs=3812)


def values_for(frame: gpd.GeoDataFrame, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = frame.geometry.centroid
    return np.exp(-((c.x - 30_000) ** 2 + (c.y - 70_000) ** 2) / 2e8) * 5 + rng.normal(0, 1, len(c))


def main() -> None:
    import esda
    from libpysal import weights as lpw

    from opbouw.analysis.spatial import ConcentrationConfig, build_weights, local_concentration
    from opbouw.analysis.spatial.concentration import numba_available
    from opbouw.analysis.spatial.weights import clear_cache

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--permutations", type=int, default=999)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import pandas as pd

    small = polygons(400, 9)
    t0 = time.perf_counter()
    local_concentration(pd.Series(values_for(small), index=small.index),
                        build_weights(small, "queen", cache=False),
                        ConcentrationConfig(permutations=99))
    esda.Moran_Local(values_for(small), lpw.Queen.from_dataframe(small), permutations=99)
    warmup = time.perf_counter() - t0

    frame = polygons(args.n)
    y = values_for(frame)
    series = pd.Series(y, index=frame.index)

    t0 = time.perf_counter()
    w_direct = lpw.Queen.from_dataframe(frame)
    t_w_direct = time.perf_counter() - t0
    lisa = esda.Moran_Local(y, w_direct, permutations=args.permutations)
    t_direct = time.perf_counter() - t0

    clear_cache()
    config = ConcentrationConfig(permutations=args.permutations, seed=12345)
    t0 = time.perf_counter()
    weights = build_weights(frame, "queen")
    t_w_ours = time.perf_counter() - t0
    result = local_concentration(series, weights, config, gi_star=False)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    local_concentration(series, build_weights(frame, "queen"), config)
    t_both_cached = time.perf_counter() - t0

    same_i = bool(np.allclose(result.table["lisa_i"].to_numpy(), lisa.Is))
    print(json.dumps({
        "polygons": len(frame), "permutations": args.permutations,
        "numba": numba_available(), "cpus": __import__("os").cpu_count(),
        "python": platform.python_version(), "esda": esda.__version__,
        "warmup_compile_s": round(warmup, 2),
        "direct_esda": {"weights_s": round(t_w_direct, 2), "total_s": round(t_direct, 2),
                        "settings": "Queen.from_dataframe + Moran_Local defaults "
                                    "(n_jobs=1, keep_simulations=True)"},
        "opbouw": {"weights_s": round(t_w_ours, 2), "total_s": round(t_ours, 2),
                   "settings": "build_weights(queen) + local Moran, n_jobs=-1, "
                               "keep_simulations=False",
                   "lisa_and_gi_star_cached_weights_s": round(t_both_cached, 2)},
        "ratio_opbouw_to_direct": round(t_ours / t_direct, 3),
        "target_met": t_ours <= t_direct,
        "same_local_I_as_esda": same_i,
        "peak_rss_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2),
    }, indent=2))


if __name__ == "__main__":
    main()
