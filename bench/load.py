"""Load test: 50 concurrent users against gunicorn and a throw-away PostgreSQL, ~60 s.

Starts PostgreSQL from Debian's packages the way scripts/test.sh does (a temporary cluster
listening only on a Unix socket), loads the demo data, starts gunicorn on 127.0.0.1 and
lets 50 threads (one logged-in user each) browse area pages, run what-if analyses
(``analyses/<id>/results.json`` with changed p, k, N and weights) and upload files (upload,
preview, confirm). Checks afterwards that every confirmed import is in the database and
nothing else changed. Prints JSON. Not part of the test suite.

Usage: python bench/load.py [--users 50] [--seconds 60] [--workers 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPLOAD = [ROOT / "tests" / "data" / "areas_ov.csv",
          ROOT / "tests" / "data" / "flemish_cp1252_wide.csv"]
PASSWORD = "load-test-pass-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_postgres(tmp: Path) -> tuple[str, callable]:
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
    root = os.getuid() == 0
    as_pg = ["runuser", "-u", "postgres", "--"] if root else []
    tmp.chmod(0o755)
    if root:
        shutil.chown(tmp, "postgres")
    port = free_port()
    subprocess.run([*as_pg, str(pgbin / "initdb"), "-D", str(tmp / "data"), "-U", "postgres",
                    "-A", "trust"], check=True, capture_output=True)
    subprocess.run([*as_pg, str(pgbin / "pg_ctl"), "-D", str(tmp / "data"), "-l",
                    str(tmp / "server.log"), "-w", "-o",
                    f"-k {tmp} -p {port} -c listen_addresses='' -c fsync=off "
                    "-c max_connections=200", "start"], check=True, capture_output=True)
    subprocess.run([*as_pg, str(pgbin / "createdb"), "-h", str(tmp), "-p", str(port), "-U",
                    "postgres", "opbouw"], check=True, capture_output=True)

    def stop() -> None:
        subprocess.run([*as_pg, str(pgbin / "pg_ctl"), "-D", str(tmp / "data"), "-m", "fast",
                        "-w", "stop"], capture_output=True)

    host = str(tmp).replace("/", "%2F")
    return f"postgres://postgres@{host}:{port}/opbouw", stop


def counts() -> dict[str, int]:
    from opbouw.web.accounts.models import Membership
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import Area, Dataset, ImportRecord, IndicatorValue

    return {m._meta.label: m.objects.count()
            for m in (Membership, Dataset, Area, IndicatorValue, ImportRecord, Analysis)}


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.confirmed = 0

    def add(self, kind: str, ms: float) -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(ms)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def user_loop(base: str, username: str, clock: dict, stats: Stats, areas: list[str],
              dataset: int, analyses: list[tuple[int, list[str]]], seed: int) -> None:
    import requests

    rng = random.Random(seed)
    s = requests.Session()

    def timed(kind: str, method: str, path: str, ok: tuple[int, ...] = (200,),
              timeout: float = 60, quiet: bool = False, **kw):
        start = time.perf_counter()
        try:
            r = s.request(method, base + path, timeout=timeout, allow_redirects=False, **kw)
        except requests.RequestException as exc:
            if not quiet:
                stats.error(f"{kind} {path}: {type(exc).__name__}: {str(exc)[:160]}")
            return None
        stats.add(kind, (time.perf_counter() - start) * 1000)
        if r.status_code not in ok:
            if not quiet:
                stats.error(f"{kind} {path}: HTTP {r.status_code}")
            return None
        return r

    def csrf(path: str, **kw) -> str | None:
        r = timed("page", "GET", path, **kw)
        if r is None:
            return None
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text)
        return m.group(1) if m else None

    # logging in is set-up, not load: a few at a time (password hashing is meant to be
    # slow), with a longer wait and a second try on a machine that is busy
    r = None
    with clock["logins"]:
        for attempt in range(LOGIN_ATTEMPTS):
            last = attempt == LOGIN_ATTEMPTS - 1
            token = csrf("/login/", timeout=180, quiet=not last)
            if token is None:
                continue
            r = timed("login", "POST", "/login/", ok=(302,), timeout=180, quiet=not last,
                      data={"username": username, "password": PASSWORD,
                            "csrfmiddlewaretoken": token})
            if r is not None:
                break
    clock["barrier"].wait()  # everyone logged in: the measured minute starts together
    if r is None:
        return
    while time.perf_counter() < clock["stop_at"]:
        roll = rng.random()
        if roll < 0.5:
            timed("area page", "GET", f"/datasets/{dataset}/areas/{rng.choice(areas)}/")
        elif roll < 0.9:
            a, indicators = rng.choice(analyses)
            query = {"p": rng.choice([10, 15, 20, 25, 30]), "k": rng.randint(1, 3),
                     "n": rng.randint(5, 40)}
            if indicators:
                query[f"w_{rng.choice(indicators)}"] = rng.choice([0.5, 1, 2])
            timed("what-if", "GET", f"/analyses/{a}/results.json", params=query)
        else:
            token = csrf("/imports/new/")
            if token is None:
                continue
            files = [("files", (p.name, p.read_bytes(), "text/csv")) for p in UPLOAD]
            r = timed("upload", "POST", "/imports/new/", ok=(302,), files=files, data={
                "csrfmiddlewaretoken": token, "name": f"load {username}",
                "organisation": str(ORG_ID)})
            if r is None:
                continue
            preview = r.headers["Location"]
            token = csrf(preview)
            if token is None:
                continue
            r = timed("upload", "POST", preview.rstrip("/") + "/confirm/", ok=(302,),
                      data={"csrfmiddlewaretoken": token})
            if r is not None and "/jobs/" in r.headers.get("Location", ""):
                with stats.lock:
                    stats.confirmed += 1


ORG_ID = 0
#: tries per user to log in before the measured period, and how many log in at once
LOGIN_ATTEMPTS = 3
LOGINS_AT_ONCE = 5


def main() -> None:
    global ORG_ID
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="opbouw-load-"))
    data_dir = Path(tempfile.mkdtemp(prefix="opbouw-load-data-"))
    url, stop_pg = start_postgres(tmp)
    server = worker = None
    try:
        os.environ.update({"OPBOUW_DATA_DIR": str(data_dir), "DATABASE_URL": url,
                           "DJANGO_SETTINGS_MODULE": "opbouw.web.settings"})
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        from opbouw.web import demo
        from opbouw.web.accounts.models import Membership, Role
        from opbouw.web.analyses.models import Analysis
        from opbouw.web.areas.models import Area, Dataset

        call_command("migrate", verbosity=0)
        demo.load(progress=lambda _m: None)
        dataset = Dataset.objects.get()
        ORG_ID = dataset.organisation_id
        User = get_user_model()
        probe = User(username="x")
        probe.set_password(PASSWORD)
        for i in range(args.users):
            user = User.objects.create(username=f"load{i:02d}", password=probe.password)
            Membership.objects.create(user=user, organisation=dataset.organisation,
                                      role=Role.COORDINATOR)
        areas = list(Area.objects.filter(dataset=dataset).values_list("code", flat=True))
        analyses = [(a.pk, a.config.get("indicators") or [])
                    for a in Analysis.objects.filter(dataset=dataset)]
        before = counts()
        from django.db import connections

        connections.close_all()

        port = free_port()
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "opbouw.web.wsgi",
             "--workers", str(args.workers), "--threads", str(args.threads),
             "--worker-class", "gthread", "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "--timeout", "120"],
            env={**os.environ, "OPBOUW_ALLOWED_HOSTS": "127.0.0.1"})
        # the background worker of production (imports run as jobs)
        worker = subprocess.Popen(
            [sys.executable, "-c", "from opbouw.cli import main; main()", "manage", "db_worker",
             "--interval", "0.2", "--no-startup-delay", "--no-reload"], env=os.environ.copy(),
            stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        import requests

        for _ in range(600):
            try:
                requests.get(base + "/login/", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.1)
        stats = Stats()
        clock: dict = {}

        def start_clock() -> None:
            clock["started"] = time.perf_counter()
            clock["stop_at"] = clock["started"] + args.seconds

        clock["barrier"] = threading.Barrier(args.users, action=start_clock)
        clock["logins"] = threading.Semaphore(LOGINS_AT_ONCE)
        threads = [threading.Thread(target=user_loop, args=(
            base, f"load{i:02d}", clock, stats, areas, dataset.pk, analyses, i))
            for i in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - clock["started"]
        server.terminate()
        server.wait(timeout=60)
        server = None
        from opbouw.web.jobs.models import Job

        waited = time.perf_counter()
        while Job.objects.exclude(status__in=["done", "failed"]).exists() and \
                time.perf_counter() - waited < 300:
            time.sleep(0.5)
        jobs_wait_s = time.perf_counter() - waited
        worker.terminate()
        worker.wait(timeout=60)
        worker = None
        failed_jobs = list(Job.objects.exclude(status="done").values_list("status", "error"))
        after = counts()
        expected = dict(before)
        per_import = {"areas.Dataset": 1, "areas.ImportRecord": 1}
        for label, n in per_import.items():
            expected[label] += n * stats.confirmed
        # areas and values per import: what the first confirmed import stored
        new = Dataset.objects.exclude(pk=dataset.pk).order_by("pk")
        if new.exists():
            first = new.first()
            expected["areas.Area"] += first.areas.count() * stats.confirmed
            expected["areas.IndicatorValue"] += first.values.count() * stats.confirmed

        def pct(xs: list[float], q: float) -> float:
            xs = sorted(xs)
            return round(xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))], 1)

        print(json.dumps({
            "users": args.users, "seconds": round(elapsed, 1),
            "note": "logins happen before the measured period; the machine's load average "
                    f"at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            "server": f"gunicorn gthread, {args.workers} workers x {args.threads} threads, "
                      "PostgreSQL (throw-away, Unix socket), loopback",
            "requests": sum(len(v) for v in stats.times.values()),
            "errors": len(stats.errors), "error_examples": stats.errors[:10],
            "latency_ms": {k: {"n": len(v), "p50": round(statistics.median(v), 1),
                               "p95": pct(v, 95)} for k, v in sorted(stats.times.items())},
            "imports_confirmed": stats.confirmed,
            "import_jobs_not_done": len(failed_jobs), "import_job_errors": failed_jobs[:5],
            "seconds_waited_for_import_jobs_after_the_run": round(jobs_wait_s, 1),
            "rows_before": before, "rows_after": after, "rows_expected_after": expected,
            "nothing_lost": after == expected and not failed_jobs,
        }, indent=2))
    finally:
        for proc in (server, worker):
            if proc is not None and proc.poll() is None:
                proc.kill()
        stop_pg()
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
