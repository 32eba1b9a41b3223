"""Benchmark: preview of a large but legitimate import (about 20 MB, 500,000 values).

Writes an areas file of 20,000 codes and a long indicator table (code;indicator;jaar;waarde,
Flemish Excel dialect) of 500,000 values, then times the web app's preview step
(:func:`opbouw.web.areas.imports.check_upload`: every file validated, the previews built,
the result kept) in a fresh process and reports its peak memory. A second call reads the
kept result. Targets: first preview within 10 s and under 1 GiB. Prints JSON.
Usage: python bench/imports.py [--values 500000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "opbouw.web.settings"
django.setup()
from opbouw.web.areas.imports import check_upload
folder = Path(sys.argv[1])
t0 = time.perf_counter()
first = check_upload(folder)
t1 = time.perf_counter()
check_upload(folder)
t2 = time.perf_counter()
errors = [p for p in first["problems"] if p["severity"] == "error"]
print(json.dumps({"first_s": round(t1 - t0, 2), "kept_s": round(t2 - t1, 3),
                  "rows": first["rows"], "errors": len(errors),
                  "peak_rss_mib": round(
                      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def write_files(folder: Path, n_values: int) -> int:
    n_areas = 20_000
    indicators = [f"ind_{i:02d}" for i in range(5)]
    years = range(2021, 2021 + max(1, n_values // (n_areas * len(indicators))))
    with open(folder / "gebieden.csv", "w", encoding="utf-8-sig") as out:
        out.write("code;naam;niveau\n")
        for a in range(n_areas):
            out.write(f"{10000 + a};Gebied {a};municipality\n")
    count = 0
    with open(folder / "indicatoren.csv", "w", encoding="utf-8-sig") as out:
        out.write("code;indicator;jaar;waarde\n")
        for year in years:
            for ind in indicators:
                for a in range(n_areas):
                    out.write(f"{10000 + a};{ind};{year};{(a * 7 + year) % 1000 / 10:.1f}"
                              .replace(".", ",") + "\n")
                    count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--values", type=int, default=500_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="opbouw-bench-import-"))
    folder = tmp / "upload"
    folder.mkdir()
    values = write_files(folder, args.values)
    size = sum(p.stat().st_size for p in folder.iterdir())
    env = {**os.environ, "OPBOUW_DATA_DIR": str(tmp / "data")}
    env.pop("DATABASE_URL", None)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder)], env=env, check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result.update({"values": values, "megabytes": round(size / 2**20, 1),
                   "process_s": round(time.perf_counter() - start, 2),
                   "target_s": 10, "target_mib": 1024,
                   "children_peak_rss_mib": round(
                       resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)})
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
