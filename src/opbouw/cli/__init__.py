"""The ``opbouw`` command. Subcommands live in one module per group; domain errors are
turned into ``Error: ...`` with exit code 1 here, so no user ever sees a traceback."""

from __future__ import annotations

from typing import Any

import click

from opbouw import __version__
from opbouw.caches import use_numba_cache
from opbouw.errors import ImportValidationError, OpbouwError

use_numba_cache()  # before the subcommands import numba (via libpysal): kernels are kept


class OpbouwGroup(click.Group):
    """A group that translates domain errors at the edge."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ImportValidationError as exc:
            from opbouw.cli.output import print_problems

            print_problems(exc.problems)
            raise click.exceptions.Exit(1) from None
        except OpbouwError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=OpbouwGroup)
@click.version_option(__version__, prog_name="opbouw")
def cli() -> None:
    """opbouw: gebiedsanalyse voor samenlevingsopbouw (area analysis for community work).

    Dutch by default; set OPBOUW_LANG=en or pass --lang en for English messages.
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="opbouw")


__all__ = ["OpbouwGroup", "cli", "main"]

# the subcommands register themselves on ``cli``
from opbouw.cli import (  # noqa: E402, F401
    allocate,
    analyse,
    backup,
    catalogue,
    demo,
    hierarchy,
    plan,
    report,
    serve,
    spatial,
    typologies,
    validate,
)
