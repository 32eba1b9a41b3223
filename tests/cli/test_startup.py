"""The app refuses to start, with a clear Dutch and English message and no traceback,
when the database is unreachable or not migrated (``opbouw serve``, the system check, the
WSGI entry point of gunicorn)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

UNREACHABLE = "postgres://opbouw@127.0.0.1:1/opbouw"


def _run(args: list[str], tmp_path: Path, database_url: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPBOUW_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)


def _opbouw(*args: str) -> list[str]:
    return [sys.executable, "-c", "from opbouw.cli import main; main()", *args]


def test_serve_refuses_an_unreachable_database(tmp_path: Path) -> None:
    out = _run(_opbouw("serve", "--port", "8999"), tmp_path, UNREACHABLE)
    assert out.returncode == 1
    assert "De databank is niet bereikbaar" in out.stderr
    assert "The database cannot be reached" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


@pytest.mark.parametrize("url,expected", [(UNREACHABLE, "opbouw.E001"),
                                          (None, "opbouw.E002")])
def test_system_check(tmp_path: Path, url: str | None, expected: str) -> None:
    # no URL: a fresh SQLite file in the data folder, never migrated
    out = _run(_opbouw("manage", "check", "--database", "default"), tmp_path, url)
    assert out.returncode == 1
    assert expected in out.stderr
    assert "opbouw manage migrate" in out.stderr or "DATABASE_URL" in out.stderr


def test_wsgi_refuses_a_database_without_migrations(tmp_path: Path) -> None:
    out = _run([sys.executable, "-c", "import opbouw.web.wsgi"], tmp_path, None)
    assert out.returncode == 1
    assert "migratie(s) ontbreken" in out.stderr and "migration(s) missing" in out.stderr
    assert "Traceback" not in out.stderr


def test_check_passes_after_migrate(tmp_path: Path) -> None:
    assert _run(_opbouw("manage", "migrate", "-v", "0"), tmp_path, None).returncode == 0
    out = _run(_opbouw("manage", "check", "--database", "default"), tmp_path, None)
    assert out.returncode == 0, out.stderr
    assert _run([sys.executable, "-c", "import opbouw.web.wsgi"], tmp_path, None).returncode == 0
