"""Benchmark: the area-analysis annex for all Flemish municipalities of the demo data (PDF)
and one area profile (PDF), each timed cold (first in the process: imports and numba's
compilation of mapclassify and esda kernels included) and warm (the same again, as in a
long-running web worker). Wall-clock and CPU seconds; the machine is shared, so CPU
seconds are the steadier figure. Targets: annex 15 s, profile 2 s.

Also the plan-and-progress document of the seed-004 example plan. Prints JSON (no
machine paths: the PDFs go to --out-dir).

Usage: python bench/reports.py [--draws 500] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any


def timed(func: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return result, round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=500)
    parser.add_argument("--out-dir", type=Path, default=Path(tempfile.mkdtemp()))
    args = parser.parse_args()
    from opbouw.data.demo import CREDITS, DEMO_PRESET, load_demo
    from opbouw.model.indicators import load_catalogue
    from opbouw.reports.annex import AnnexConfig, build_annex
    from opbouw.reports.profile import ProfileConfig, build_profile
    from opbouw.reports.scope import Scope

    catalogue = load_catalogue()
    dataset, load_wall, load_cpu = timed(lambda: load_demo(catalogue))
    keys = catalogue.preset(DEMO_PRESET).indicators
    annex = AnnexConfig(keys, Scope("municipality", "02000"), preset=DEMO_PRESET,
                        draws=args.draws, organisation="bench", day=date(2026, 3, 5),
                        credits=CREDITS)
    profile = ProfileConfig("45041", keys, day=date(2026, 3, 5), credits=CREDITS)
    out: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                       "load": os.getloadavg()},
                           "load_demo": {"wall_s": load_wall, "cpu_s": load_cpu}}
    for run in ("cold", "warm"):
        pdf = args.out_dir / f"annex-{run}.pdf"
        doc, b_wall, b_cpu = timed(lambda: build_annex(dataset, catalogue, annex))
        _, w_wall, w_cpu = timed(lambda doc=doc, pdf=pdf: doc.write(pdf))
        out[f"annex_{run}"] = {"areas": 308, "build_wall_s": b_wall, "build_cpu_s": b_cpu,
                               "pdf_wall_s": w_wall, "pdf_cpu_s": w_cpu,
                               "total_wall_s": round(b_wall + w_wall, 2),
                               "total_cpu_s": round(b_cpu + w_cpu, 2),
                               "bytes": pdf.stat().st_size, "target_s": 15}
    # after the annex: imports and compiled kernels are warm
    for run in ("first", "again"):
        pdf = args.out_dir / f"profile-{run}.pdf"
        doc, b_wall, b_cpu = timed(lambda: build_profile(dataset, catalogue, profile))
        _, w_wall, w_cpu = timed(lambda doc=doc, pdf=pdf: doc.write(pdf))
        out[f"profile_{run}"] = {"build_wall_s": b_wall, "build_cpu_s": b_cpu,
                                 "pdf_wall_s": w_wall, "pdf_cpu_s": w_cpu,
                                 "total_wall_s": round(b_wall + w_wall, 2),
                                 "total_cpu_s": round(b_cpu + w_cpu, 2), "target_s": 2}
    # the plan-and-progress document of the seed-004 example plan (no maps: tables only)
    from opbouw.data.plans import load_example
    from opbouw.reports.plan import PlanReportConfig, build_plan_report

    plan = load_example()
    for run in ("first", "again"):
        pdf = args.out_dir / f"plan-{run}.pdf"
        doc, b_wall, b_cpu = timed(lambda: build_plan_report(plan, PlanReportConfig()))
        _, w_wall, w_cpu = timed(lambda doc=doc, pdf=pdf: doc.write(pdf))
        out[f"plan_{run}"] = {"build_wall_s": b_wall, "build_cpu_s": b_cpu,
                              "pdf_wall_s": w_wall, "pdf_cpu_s": w_cpu,
                              "total_wall_s": round(b_wall + w_wall, 2),
                              "total_cpu_s": round(b_cpu + w_cpu, 2)}
    out["machine"]["load_after"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
