"""An import killed halfway (SIGKILL, no chance to clean up) leaves the database as before."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import DATA

SETUP = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "opbouw.web.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
import shutil, sys
from pathlib import Path
from opbouw.web.accounts.models import Organisation
from opbouw.web.jobs.models import Job
org = Organisation.objects.create(name="Instituut")
folder = Path(sys.argv[1])
folder.mkdir()
for name in sys.argv[2:]:
    shutil.copy(name, folder)
Job.objects.create(organisation=org, kind="import", title="Half",
                   params={"folder": str(folder), "name": "Half",
                           "files": [Path(n).name for n in sys.argv[2:]], "rows": 0})
"""

# the background job of the web app's import (run_import); every batch of values announces
# itself and waits, so the parent can kill it in the middle
IMPORT = """
import os, sys, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "opbouw.web.settings"
django.setup()
from opbouw.web.areas import store
from opbouw.web.areas.imports import run_import
from opbouw.web.areas.models import IndicatorValue
from opbouw.web.jobs.models import Job

store.BATCH = 4  # 18 values: five batches
from django.db.models import QuerySet
original = QuerySet.bulk_create
def slow(self, objs, batch_size=None, **kw):
    if self.model is not IndicatorValue:
        return original(self, objs, batch_size=batch_size, **kw)
    for i in range(0, len(objs), batch_size):
        original(self, objs[i:i + batch_size], **kw)
        print("BATCH", i // batch_size, flush=True)
        time.sleep(0.3)
    return objs
QuerySet.bulk_create = slow
run_import(Job.objects.get())
print("DONE", flush=True)
"""


def _snapshot(db: Path) -> tuple[dict[str, int], str]:
    """Row counts per table and a hash of every row; the job's own row is left out (its
    progress is written outside the import's transaction, on purpose)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'jobs_job' ORDER BY name")]
        counts, digest = {}, hashlib.sha256()
        for t in tables:
            rows = con.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()
            counts[t] = len(rows)
            digest.update(repr((t, rows)).encode())
        return counts, digest.hexdigest()
    finally:
        con.close()


def test_import_killed_halfway_leaves_the_database_unchanged(tmp_path: Path) -> None:
    env = {**os.environ, "OPBOUW_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    files = [str(DATA / "areas_ov.csv"), str(DATA / "flemish_cp1252_wide.csv")]
    subprocess.run([sys.executable, "-c", SETUP, str(tmp_path / "upload"), *files], env=env,
                   check=True, timeout=300)
    db = tmp_path / "opbouw.sqlite3"
    before = _snapshot(db)
    proc = subprocess.Popen([sys.executable, "-c", IMPORT], env=env,
                            stdout=subprocess.PIPE, text=True)
    batches = 0
    deadline = time.monotonic() + 240
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("BATCH"):
            batches += 1
            if batches == 3:  # areas and three batches of values are written
                proc.send_signal(signal.SIGKILL)
                break
        assert time.monotonic() < deadline and not line.startswith("DONE"), line
    proc.wait(timeout=60)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert batches == 3
    after = _snapshot(db)
    assert after == before
    assert after[0]["areas_indicatorvalue"] == 0 and after[0]["areas_dataset"] == 0
