"""The ``opbouw`` command. Subcommands live in one module per group; domain errors are
turned into ``Error: ...`` with exit code 1 here, so no user ever sees a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from opbouw import __version__
from opbouw.caches import use_numba_cache
from opbouw.errors import ImportValidationError, OpbouwError, error_message
from opbouw.i18n import current_language

use_numba_cache()  # before the subcommands import numba (via libpysal): kernels are kept


def _translate_errors(ctx: click.Context, invoke: Callable[[click.Context], Any]) -> Any:
    """Run ``invoke``; a domain error becomes ``Error: ...`` in the command's language (its
    ``--lang``, else ``$OPBOUW_LANG``, else Dutch), import problems a list of problems."""
    try:
        return invoke(ctx)
    except ImportValidationError as exc:
        from opbouw.cli.output import print_problems

        print_problems(exc.problems)
        raise click.exceptions.Exit(1) from None
    except OpbouwError as exc:
        lang = ctx.params.get("lang") if isinstance(ctx.params.get("lang"), str) else None
        raise click.ClickException(error_message(exc, current_language(lang))) from None


class OpbouwCommand(click.Command):
    """A command that translates domain errors at the edge, in its own language."""

    def invoke(self, ctx: click.Context) -> Any:
        return _translate_errors(ctx, super().invoke)


class OpbouwGroup(click.Group):
    """A group that translates domain errors at the edge; its commands and subgroups do so
    too, each in the language it was asked for."""

    command_class = OpbouwCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        return _translate_errors(ctx, super().invoke)


@click.group(cls=OpbouwGroup)
@click.version_option(__version__, prog_name="opbouw")
def cli() -> None:
    """opbouw: gebiedsanalyse voor samenlevingsopbouw (area analysis for community work).

    Dutch by default; set OPBOUW_LANG=en or pass --lang en for English messages.
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="opbouw")


__all__ = ["OpbouwCommand", "OpbouwGroup", "cli", "main"]

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
