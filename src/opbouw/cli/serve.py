"""``opbouw serve`` (the web application) and ``opbouw manage`` (Django's commands)."""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

import click

from opbouw.cli import cli
from opbouw.cli.output import console


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opbouw.web.settings")
    import django

    django.setup()


def setup_database(lang: str | None = None) -> None:
    """Django set up for a command that reads the web application's database: a clear
    message and exit code 1, not a traceback, when the database cannot be reached or has
    no (or not all) tables yet, e.g. a fresh OPBOUW_DATA_DIR where ``opbouw serve`` never
    ran."""
    from opbouw.errors import OpbouwError
    from opbouw.i18n import gettext

    setup_django()
    from django.db import connection

    from opbouw.web.trust.startup import unapplied, unreachable, where

    problem = unreachable()
    if problem:
        raise OpbouwError(problem)
    missing = unapplied()
    if missing:
        raise OpbouwError(gettext(
            "the database {db} has no tables or is not up to date ({n} migrations missing): "
            "start the web application once with 'opbouw serve', or run 'opbouw manage "
            "migrate', then try again", lang).format(db=where(connection.alias),
                                                     n=len(missing)))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--demo/--no-demo", default=True, show_default=True,
              help="Laad de demodata als de databank leeg is.")
def serve(host: str, port: int, demo: bool) -> None:
    """Start de webapplicatie (SQLite in ./.opbouw, of DATABASE_URL).

    Voor productie: gunicorn opbouw.web.wsgi (zie README).
    """
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from opbouw.web import demo as demo_site
    from opbouw.web.trust.startup import unreachable

    problem = unreachable()
    if problem:  # a clear message, not a traceback (issue 16)
        raise click.ClickException(problem)
    with console.status("Databank klaarmaken ..."):
        call_command("migrate", verbosity=0, interactive=False)
    if demo and not demo_site.has_demo():
        with console.status("Demodata laden ..."):
            info = demo_site.load(progress=lambda _msg: None)
        console.print(f"Demodata geladen: {info['areas']} gebieden, {info['values']} waarden.")
    console.print(f"[bold]opbouw draait op http://{host}:{port}/[/bold]  "
                  f"(databank: {settings.DATABASES['default']['NAME']})")
    if demo:
        console.print(f"Demo-login: [bold]coordinator[/bold] / [bold]{demo_site.DEMO_PASSWORD}"
                      "[/bold]  (ook: beheerder, opbouwwerker, partner, west)")
    console.print("Stoppen: Ctrl+C")
    worker = start_worker()
    stop_on_exit(worker)
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
    finally:
        stop_worker(worker)


WORKER_COMMAND = (sys.executable, "-m", "django", "db_worker", "--interval", "0.5",
                  "--no-reload", "--verbosity", "0")


def start_worker(command: Sequence[str] = WORKER_COMMAND) -> subprocess.Popen[bytes]:
    """The background worker (django-tasks' database worker) beside the web server, in a
    process group of its own, so that :func:`stop_worker` stops it and whatever it started.

    Production runs ``opbouw manage db_worker`` as its own process next to gunicorn.
    """
    return subprocess.Popen(list(command), start_new_session=os.name == "posix",
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "opbouw.web.settings"})


def stop_worker(worker: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """Stop the worker (and its process group): SIGTERM, then SIGKILL after ``timeout``
    seconds; nothing when it has already ended. Safe to call more than once."""
    if worker.poll() is not None:
        return
    _signal_group(worker, signal.SIGTERM)
    try:
        worker.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _signal_group(worker, getattr(signal, "SIGKILL", signal.SIGTERM))
        worker.wait(timeout=timeout)


def _signal_group(worker: subprocess.Popen[bytes], sig: int) -> None:
    try:
        if os.name == "posix":
            os.killpg(worker.pid, sig)
        else:  # pragma: no cover - no process groups
            worker.send_signal(sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop_on_exit(worker: subprocess.Popen[bytes]) -> None:
    """Stop the worker when ``opbouw serve`` ends: at exit, and on SIGTERM or SIGHUP,
    which would otherwise end the server without running its ``finally`` and leave the
    worker running (SIGINT, Ctrl+C, raises KeyboardInterrupt and so runs the ``finally``).
    """
    atexit.register(stop_worker, worker)

    def handler(signum: int, _frame: Any) -> None:
        stop_worker(worker)
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, handler)


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                               "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Django-beheeropdrachten, bv. ``opbouw manage createsuperuser``."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opbouw manage", *args])
