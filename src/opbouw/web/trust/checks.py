"""System checks ``opbouw.E001`` (database unreachable) and ``opbouw.E002`` (migrations
missing), run by ``manage check --database default`` and by ``opbouw serve``."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register(checks.Tags.database)
def database_ready(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[Any]:
    from opbouw.web.trust import startup

    out: list[Any] = []
    for alias in databases or []:
        message = startup.unreachable(alias)
        if message:
            out.append(checks.Error(message, hint="DATABASE_URL", id="opbouw.E001"))
            continue
        names = [] if _migrating() else startup.unapplied(alias)
        if names:
            out.append(checks.Error(startup.unapplied_message(names),
                                    hint="opbouw manage migrate", id="opbouw.E002"))
    return out


def _migrating() -> bool:
    """``migrate`` runs the database checks before it applies what E002 would report."""
    import sys

    frame = sys._getframe()
    while frame is not None:
        owner = frame.f_locals.get("self")
        if type(owner).__module__ == "django.core.management.commands.migrate":
            return True
        frame = frame.f_back
    return False
