"""``opbouw serve`` stops its background worker however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and signals")

SLEEPER = (sys.executable, "-c", "import time; time.sleep(120)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (ended, not yet reaped by its parent, here init) counts as ended
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return state != "Z"


def _wait_gone(pid: int, seconds: float = 15) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_stop_worker_ends_the_worker_and_may_be_called_twice() -> None:
    from opbouw.cli.serve import start_worker, stop_worker

    worker = start_worker(SLEEPER)
    assert worker.poll() is None
    stop_worker(worker)
    assert worker.poll() is not None
    stop_worker(worker)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_serve_stops_its_worker(tmp_path: Path, sig: int) -> None:
    """The server's process, as ``serve`` sets it up, is signalled; its worker must end."""
    pid_file = tmp_path / "worker.pid"
    script = textwrap.dedent(f"""
        import sys, time
        from opbouw.cli.serve import start_worker, stop_on_exit, stop_worker
        worker = start_worker({SLEEPER!r})
        stop_on_exit(worker)
        open({str(pid_file)!r}, "w").write(str(worker.pid))
        try:
            time.sleep(120)  # the web server
        finally:
            stop_worker(worker)
    """)
    server = subprocess.Popen([sys.executable, "-c", script],
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        end = time.monotonic() + 30
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < end and server.poll() is None
            time.sleep(0.1)
        worker_pid = int(pid_file.read_text())
        assert _alive(worker_pid)
        server.send_signal(sig)
        server.wait(timeout=20)
        assert _wait_gone(worker_pid), "the worker outlived opbouw serve"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
