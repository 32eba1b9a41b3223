"""Benchmark: spatial weights + LISA (999 permutations) on synthetic polygons.

Compares opbouw's path (``build_weights`` then the local Moran of ``local_concentration``)
with a direct esda call with its defaults in the same process:
``Queen.from_dataframe`` then ``Moran_Local(y, w)``. numba compiles esda's kernels on
first use; both paths are warmed up on a small grid first so compile time is not counted.
Prints JSON. Usage: python bench/spatial.py [--n 20000] [--permutations 999]

``--cold`` instead measures what a user waits for from a cold start: the CLI
``opbouw hotspots`` on the 2,730 wijken of the shared GeoPackage (layer ``ggw72024``,
9,999 permutations, LISA and Gi*) in a new process, first with an empty numba cache and
then with the cache filled by that run, next to the direct esda call (Moran_Local and
G_Local, the same settings) in a new process, which compiles esda's kernels every time.
The cold-start figures are stored under ``cold_start_cli_wijken`` in
``bench/results-spatial.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import time
import warnings
from pathlib import Path

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


GPKG = next((parent / "shared" / "data" / "flanders-areas" / "flanders_areas_31370.gpkg"
             for parent in Path(__file__).resolve().parents
             if (parent / "shared" / "data" / "flanders-areas").is_dir()),
            Path("flanders_areas_31370.gpkg"))
"""The shared GeoPackage (found above the repository), or a path given as last argument."""

DIRECT = """
import time, warnings
t0 = time.perf_counter()
warnings.simplefilter("ignore")
import numpy as np, pyogrio, esda
from libpysal import weights as lpw
frame = pyogrio.read_dataframe({gpkg!r}, layer="ggw72024").set_index("geoitem")
y = np.random.default_rng(1).normal(10, 2, len(frame))
w = lpw.Queen.from_dataframe(frame, use_index=True, silence_warnings=True)
esda.Moran_Local(y, w, transformation="r", permutations=9999, n_jobs=1,
                 keep_simulations=False, seed=12345)
w.transform = "O"
esda.G_Local(y, w, transform="B", star=True, permutations=9999, n_jobs=1,
             keep_simulations=False, seed=12345)
print(time.perf_counter() - t0)
"""


def _timed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    import os
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:] or done.stdout[-2000:])
    return {"wall_s": round(wall, 2),
            "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2)}


def cold(gpkg: Path) -> None:
    """Cold-start times of the CLI on the wijken and of the direct esda call."""
    import os
    import sys
    import tempfile

    import pyogrio

    folder = Path(tempfile.mkdtemp(prefix="opbouw-bench-"))
    codes = pyogrio.read_dataframe(gpkg, layer="ggw72024", read_geometry=False)["geoitem"]
    rng = np.random.default_rng(1)
    (folder / "wijken.csv").write_text("code;x\n" + "".join(
        f"{c};{v:.3f}\n".replace(".", ",") for c, v in zip(codes, rng.normal(10, 2, len(codes)),
                                                            strict=True)), "utf-8")
    cli = [sys.executable, "-c", "from opbouw.cli import main; main()", "hotspots", str(gpkg),
           str(folder / "wijken.csv"), "--layer", "ggw72024", "--id", "geoitem", "--indicator",
           "x", "--out", str(folder / "out.csv")]
    env = {"NUMBA_CACHE_DIR": str(folder / "numba")}
    first = _timed(cli, env)
    again = _timed(cli, env)
    direct = _timed([sys.executable, "-c", DIRECT.format(gpkg=str(gpkg))], env)
    report = {
        "areas": len(codes), "permutations": 9999, "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cli_cold_empty_numba_cache": first, "cli_cold_process_filled_cache": again,
        "direct_esda_cold_process": direct,
        "target_10s_met": again["wall_s"] <= 10,
        "note": "wall time depends on the machine's load; cpu_s is the process's own time",
    }
    print(json.dumps(report, indent=2))
    results = Path(__file__).with_name("results-spatial.json")
    stored = json.loads(results.read_text()) if results.exists() else {}
    stored["cold_start_cli_wijken"] = report
    results.write_text(json.dumps(stored, indent=2) + "\n")


def main() -> None:
    if "--cold" in __import__("sys").argv:
        cold(Path(__import__("sys").argv[-1]) if __import__("sys").argv[-1].endswith(".gpkg")
             else GPKG)
        return
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
