"""Benchmark: what-if updates of a saved analysis for 20,000 areas x 30 indicators.

Builds a throw-away SQLite site with synthetic data, serves it with gunicorn (1 worker),
and times the full HTTP round trip of ``/analyses/<id>/results.json`` (server time plus
transfer over loopback) for changed thresholds, N, k and weights, like the page's script
sends them. The first request fills the in-memory table cache and is reported apart.
Target: p95 <= 300 ms. Prints JSON. Usage: python bench/whatif.py [--areas 20000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--areas", type=int, default=20_000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="opbouw-bench-")
    os.environ["OPBOUW_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "opbouw.web.settings"
    import django

    django.setup()
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from opbouw.web.accounts.models import Membership, Organisation, Role
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import Area, Dataset, IndicatorValue

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    org = Organisation.objects.create(name="Bench")
    user = get_user_model().objects.create_user("bench", password="bench-pass-1")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
    ds = Dataset.objects.create(organisation=org, name="synthetic")
    rng = np.random.default_rng(1)
    codes = [f"S{i:06d}" for i in range(args.areas)]
    Area.objects.bulk_create([Area(dataset=ds, code=c, name=f"Sector {c}",
                                   level="statistical_sector") for c in codes], batch_size=5000)
    keys = [f"ind{j:02d}" for j in range(args.indicators)]
    values = rng.gamma(2.0, 10.0, size=(args.areas, args.indicators))
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(dataset=ds, area_code=c, indicator=k, year=2024, value=float(values[i, j]))
         for i, c in enumerate(codes) for j, k in enumerate(keys)], batch_size=20000)
    setup_s = time.perf_counter() - t0
    atlas = Analysis.objects.create(organisation=org, dataset=ds, name="atlas", method="atlas",
                                    config={"indicators": keys, "level": "statistical_sector",
                                            "p": 20.0, "k": 4})
    comp = Analysis.objects.create(organisation=org, dataset=ds, name="composite",
                                   method="composite",
                                   config={"indicators": keys, "level": "statistical_sector",
                                           "n": 100})
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "opbouw.web.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env={**os.environ, "OPBOUW_ALLOWED_HOSTS": "127.0.0.1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/login/")
            break
        except OSError:
            time.sleep(0.1)

    def get(path: str) -> tuple[float, int]:
        req = urllib.request.Request(base + path, headers={"Cookie": cookie})
        start = time.perf_counter()
        with urllib.request.urlopen(req) as resp:
            body = resp.read()
        elapsed = time.perf_counter() - start
        assert resp.status == 200, resp.status
        return elapsed * 1000, len(body), body

    cold_ms, _, _ = get(f"/analyses/{atlas.pk}/results.json")
    timings: dict[str, list[float]] = {"atlas": [], "composite": []}
    sizes = []
    for i in range(args.requests):
        p, k = 10 + (i * 7) % 31, 2 + i % 7
        ms, size, body = get(f"/analyses/{atlas.pk}/results.json?p={p}&k={k}")
        timings["atlas"].append(ms)
        sizes.append(size)
        w = 0.5 + (i % 10) / 2
        ms, size, _ = get(f"/analyses/{comp.pk}/results.json?n={50 + i}&w_{keys[i % 30]}={w}")
        timings["composite"].append(ms)
    server.terminate()
    server.wait()

    def p95(xs: list[float]) -> float:
        return float(np.percentile(xs, 95))

    all_ms = timings["atlas"] + timings["composite"]
    print(json.dumps({
        "areas": args.areas, "indicators": args.indicators, "requests": len(all_ms),
        "setup_s": round(setup_s, 1), "first_request_ms (fills cache)": round(cold_ms, 1),
        "atlas_ms": {"p50": round(statistics.median(timings["atlas"]), 1),
                     "p95": round(p95(timings["atlas"]), 1)},
        "composite_ms": {"p50": round(statistics.median(timings["composite"]), 1),
                         "p95": round(p95(timings["composite"]), 1)},
        "p95_ms_all": round(p95(all_ms), 1), "target_ms": 300, "target_met": p95(all_ms) <= 300,
        "payload_bytes": int(statistics.median(sizes)),
        "payload_gzip_bytes": len(gzip.compress(body)),
        "measured": "HTTP round trip on loopback (server time + transfer), gunicorn, 1 worker",
    }, indent=2))


if __name__ == "__main__":
    main()
