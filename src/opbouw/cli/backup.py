"""``opbouw backup FILE`` and ``opbouw restore FILE``: the whole database as one JSON file.

Django's ``dumpdata`` of every app, read in one consistent snapshot, and ``loaddata`` after
emptying the database, in one transaction: a restore that fails leaves the database as it
was. The same file restores on SQLite and PostgreSQL; primary keys are kept, so a backup of
the restored database is identical to the original file.
"""

from __future__ import annotations

import gzip
import io
import shutil
import tempfile
from pathlib import Path

import click

from opbouw.cli import cli
from opbouw.cli.output import console


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {m._meta.label: m._base_manager.count() for m in apps.get_models()
            if not m._meta.proxy and m._meta.managed}


def dump(out: io.TextIOBase) -> None:
    """Every row of every app into ``out``, from one snapshot of the database."""
    from django.core.management import call_command
    from django.db import connection, transaction

    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:  # one snapshot of every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command("dumpdata", all=True, indent=1, stdout=out, verbosity=0)


def load(path: Path) -> None:
    """Replace every row by those of the backup at ``path``, all or nothing."""
    from django.core.management import call_command
    from django.db import transaction

    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "opbouw-backup.json"
        with path.open("rb") as raw:
            opener = gzip.open(path, "rb") if raw.read(2) == b"\x1f\x8b" else path.open("rb")
        with opener as source, fixture.open("wb") as target:
            shutil.copyfileobj(source, target)
        from auditlog.context import disable_auditlog

        # restoring is not a change: no audit entries (also not for many-to-many rows)
        with transaction.atomic(), disable_auditlog():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
    from opbouw.web.areas import store

    store._CACHE.clear()


def _table(counts: dict[str, int]) -> None:
    shown = {k: v for k, v in counts.items() if v}
    width = max((len(k) for k in shown), default=10)
    for label, n in sorted(shown.items()):
        console.print(f"  {label:<{width}}  {n:>9,}".replace(",", "."))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Schrijf de hele databank naar FILE (JSON; .gz wordt gecomprimeerd).

    Write the whole database to FILE (JSON; compressed when FILE ends in .gz).
    """
    from opbouw.cli.serve import setup_database

    if not file.parent.exists():
        raise click.ClickException(f"De map {file.parent} bestaat niet / folder does not exist.")
    setup_database()
    tmp = file.with_name(file.name + ".part")
    opener = gzip.open(tmp, "wt", encoding="utf-8") if file.suffix == ".gz" else \
        tmp.open("w", encoding="utf-8")
    with opener as out:
        dump(out)
    tmp.replace(file)  # never a half-written backup under the real name
    counts = _counts()
    rows = f"{sum(counts.values()):,}".replace(",", ".")
    console.print(f"Back-up geschreven naar {file}: {rows} rijen.")
    _table(counts)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Niet bevestigen / do not ask for confirmation.")
def restore(file: Path, yes: bool) -> None:
    """Vervang de hele databank door de back-up FILE (alles of niets).

    Replace the whole database by the backup FILE (all or nothing).
    """
    from opbouw.cli.serve import setup_django

    setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.core.serializers.base import DeserializationError

    from opbouw.web.trust.startup import unreachable

    problem = unreachable()
    if problem:
        raise click.ClickException(problem)
    if not yes:
        click.confirm("Dit vervangt ALLE gegevens in de databank. Doorgaan? / This replaces "
                      "ALL data. Continue?", abort=True)
    call_command("migrate", verbosity=0, interactive=False)
    try:
        load(file)
    except (DeserializationError, CommandError, ValueError, UnicodeDecodeError, OSError) as exc:
        first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
        raise click.ClickException(
            f"{file} is geen bruikbare back-up; er is niets veranderd. / not a usable "
            f"backup; nothing was changed. ({first})") from None
    counts = _counts()
    console.print(f"Teruggezet uit {file}: {sum(counts.values()):,} rijen.".replace(",", "."))
    _table(counts)
