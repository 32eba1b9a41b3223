"""Benchmark: a what-if change in the browser, from the changed input to the repainted map
and table (issue 10, point 17).

Builds a throw-away SQLite site with two datasets: the demo's 327 municipalities (real
boundaries and values) and a synthetic grid of 20,000 areas x 30 indicators (square
polygons). Serves it with gunicorn (1 worker) and drives Debian's Chromium with
Playwright: for an Atlas and a composite analysis of each, it changes p, k, N or a weight
in the what-if form and times, inside the page, from the input event to the animation
frame in which the new map colours and table rows are painted (``ms``), and to the frame
after it (``next_frame_ms``, an upper bound that includes that paint).
Targets: p95 <= 150 ms for 327 areas, <= 500 ms for 20,000 areas.

Usage: python bench/whatif.py [--areas 20000] [--trials 15] [--out bench/results-whatif.json]
Prints the results as JSON and writes them to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

TARGETS = {"demo": 150.0, "synthetic": 500.0}  # the synthetic target is for 20,000 areas
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")

MEASURE = """([name, value]) => new Promise((resolve) => {
  const form = document.getElementById("whatif");
  const before = form.dataset.updates || "0";
  const input = form.querySelector('[name="' + name + '"]');
  input.value = value;
  const t0 = performance.now();
  input.dispatchEvent(new Event("input", {bubbles: true}));
  (function wait() {
    if ((form.dataset.updates || "0") !== before) {
      requestAnimationFrame(() => resolve({ms: Number(form.dataset.ms),
                                           fetch: Number(form.dataset.fetchMs),
                                           next: performance.now() - t0}));
    } else { setTimeout(wait, 1); }
  })();
})"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def square(x: float, y: float, size: float) -> str:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def build(n_areas: int, n_indicators: int) -> dict[str, Any]:
    """The two datasets, their analyses and a logged-in session cookie."""
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from opbouw.data.demo import DEMO_PRESET, load_demo
    from opbouw.model.indicators import load_catalogue
    from opbouw.web.accounts.models import Membership, Organisation, Role
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas import store
    from opbouw.web.areas.models import Area, Dataset, IndicatorValue

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Bench")
    user = get_user_model().objects.create_user("bench", password="bench-pass-1")
    Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)

    demo = Dataset.objects.create(organisation=org, name="demo")
    store.store(demo, load_demo())
    keys = list(load_catalogue().preset(DEMO_PRESET).indicators)
    cfg = {"indicators": keys, "level": "municipality", "year": 2013, "p": 20.0, "k": 3,
           "n": 20}
    analyses = {"demo": {
        "atlas": Analysis.objects.create(organisation=org, dataset=demo, name="atlas",
                                         method="atlas", config=cfg),
        "composite": Analysis.objects.create(organisation=org, dataset=demo, name="composite",
                                             method="composite",
                                             config={**cfg, "normalise": "minmax"})}}

    synth = Dataset.objects.create(organisation=org, name="synthetic")
    rng = np.random.default_rng(1)
    side = int(np.ceil(np.sqrt(n_areas)))
    size = 2.0 / side
    codes = [f"S{i:06d}" for i in range(n_areas)]
    Area.objects.bulk_create(
        [Area(dataset=synth, code=c, name=f"Sector {c}", level="statistical_sector",
              geometry=square(3.0 + (i % side) * size, 50.5 + (i // side) * size * 0.65,
                              size * 0.97))
         for i, c in enumerate(codes)], batch_size=5000)
    ind = [f"ind{j:02d}" for j in range(n_indicators)]
    values = rng.gamma(2.0, 10.0, size=(n_areas, n_indicators))
    IndicatorValue.objects.bulk_create(
        [IndicatorValue(dataset=synth, area_code=c, indicator=k, year=2024,
                        value=float(values[i, j]))
         for i, c in enumerate(codes) for j, k in enumerate(ind)], batch_size=20000)
    base = {"indicators": ind, "level": "statistical_sector"}
    analyses["synthetic"] = {
        "atlas": Analysis.objects.create(organisation=org, dataset=synth, name="atlas",
                                         method="atlas", config={**base, "p": 20.0, "k": 4}),
        "composite": Analysis.objects.create(organisation=org, dataset=synth,
                                             name="composite", method="composite",
                                             config={**base, "n": 100})}
    client = Client()
    client.force_login(user)
    return {"analyses": analyses, "session": client.cookies["sessionid"].value,
            "areas": {"demo": Area.objects.filter(dataset=demo, level="municipality").count(),
                      "synthetic": n_areas},
            "weight_key": {"demo": keys[0], "synthetic": ind[0]}}


def changes(method: str, weight_key: str, trials: int) -> list[tuple[str, str]]:
    """What a planner would try: p and k for the Atlas, N and a weight for the index."""
    out = []
    for i in range(trials):
        if method == "atlas":
            out.append(("p", str(10 + (i * 7) % 31)) if i % 2 == 0 else ("k", str(1 + i % 4)))
        else:
            out.append(("n", str(15 + i)) if i % 2 == 0
                       else (f"w_{weight_key}", str(0.5 + (i % 6) / 2)))
    return out


def summary(xs: list[float]) -> dict[str, float]:
    import numpy as np

    return {"p50": round(statistics.median(xs), 1), "p95": round(float(np.percentile(xs, 95)), 1),
            "max": round(max(xs), 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--areas", type=int, default=20_000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--trials", type=int, default=15)
    parser.add_argument("--out", default=str(Path(__file__).with_name("results-whatif.json")))
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="opbouw-bench-")
    os.environ["OPBOUW_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "opbouw.web.settings"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    t0 = time.perf_counter()
    site = build(args.areas, args.indicators)
    setup_s = time.perf_counter() - t0

    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "opbouw.web.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"],
        env={**os.environ, "OPBOUW_ALLOWED_HOSTS": "127.0.0.1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/login/")
            break
        except OSError:
            time.sleep(0.1)
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("OPBOUW_CHROMIUM") or next(
        (p for p in CHROMIUM if Path(p).exists()), None) or shutil.which("chromium")
    results: dict[str, Any] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium)
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            context.add_cookies([{"name": "sessionid", "value": site["session"],
                                  "url": base}])
            page = context.new_page()
            page.set_default_timeout(300_000)  # the first page of 20,000 areas takes a while
            page.set_default_navigation_timeout(300_000)
            for size, analyses in site["analyses"].items():
                for method, analysis in analyses.items():
                    start = time.perf_counter()
                    page.goto(f"{base}/analyses/{analysis.pk}/")
                    page.wait_for_selector("#map[data-ready='1']", timeout=120_000)
                    load_s = time.perf_counter() - start
                    page.evaluate(MEASURE, ["p" if method == "atlas" else "n",
                                            "25" if method == "atlas" else "30"])  # warm-up
                    ms, nxt, fetched = [], [], []
                    for name, value in changes(method, site["weight_key"][size], args.trials):
                        got = page.evaluate(MEASURE, [name, value])
                        ms.append(got["ms"])
                        nxt.append(got["next"])
                        fetched.append(got["fetch"])
                    rows = page.locator("#results tbody tr").count()
                    results.setdefault(size, {"areas": site["areas"][size],
                                              "target_ms": TARGETS[size]})
                    results[size][method] = {"ms": summary(ms), "next_frame_ms": summary(nxt),
                                             "response_ms": summary(fetched),
                                             "page_load_s": round(load_s, 2),
                                             "table_rows": rows}
            browser.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    for size in results.values():
        worst = max(size[m]["ms"]["p95"] for m in ("atlas", "composite"))
        size["p95_ms"] = worst
        size["target_met"] = worst <= size["target_ms"]
    out = {"indicators_synthetic": args.indicators, "trials": args.trials,
           "setup_s": round(setup_s, 1), **results,
           "measured": ("in Chromium (Playwright, headless): from the input event of a "
                        "what-if change to the animation frame that paints the new map "
                        "colours and table (ms); response_ms: to the parsed JSON answer (server, "
                        "transfer, parse); next_frame_ms: to the frame after it. "
                        "gunicorn, 1 worker, SQLite, loopback."),
           "machine_cores": os.cpu_count()}
    text = json.dumps(out, indent=2)
    Path(args.out).write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
