"""Refuse to start when the database cannot be reached or is not migrated.

A clear message in Dutch and English instead of a traceback on the first request.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import Error as DatabaseError


def where(alias: str) -> str:
    """The database without its password, to say which one failed."""
    s = connections[alias].settings_dict
    if "sqlite" in s["ENGINE"]:
        return f"SQLite {s['NAME']}"
    engine = s["ENGINE"].rsplit(".", 1)[-1]
    return f"{engine} {s.get('HOST') or 'localhost'}:{s.get('PORT') or ''}/{s['NAME']}"


def unreachable(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """None when the database answers, else a bilingual message."""
    conn = connections[alias]
    try:
        conn.ensure_connection()
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return (f"De databank is niet bereikbaar ({where(alias)}): {first}. Controleer "
                "DATABASE_URL en of de databankserver draait.\n"
                f"The database cannot be reached ({where(alias)}). Check DATABASE_URL and "
                "that the database server is running.")
    return None


def unapplied(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations on disk that the database has not applied."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]


def unapplied_message(names: list[str]) -> str:
    shown = ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")
    return (f"De databank is niet bijgewerkt: {len(names)} migratie(s) ontbreken ({shown}). "
            "Voer 'opbouw manage migrate' uit.\n"
            f"The database is not up to date: {len(names)} migration(s) missing. "
            "Run 'opbouw manage migrate'.")


def problems(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    message = unreachable(alias)
    if message:
        return [message]
    names = unapplied(alias)
    return [unapplied_message(names)] if names else []


def refuse_unless_ready() -> None:
    """For the WSGI entry point: stop the process with the message (gunicorn shows it)."""
    found = problems()
    if found:
        raise SystemExit("\n".join(found))
