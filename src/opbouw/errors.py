"""Domain exceptions, raised by the library and translated at each edge.

The tree::

    OpbouwError
    ├── ImportValidationError   one or more problems in input files (all collected)
    ├── ConfigError             a configuration (TOML, options) that cannot be used
    ├── UnknownMethodError      a method name that is not in the registry
    └── InsufficientDataError   too few areas or values for the asked computation

The CLI turns these into ``click.ClickException`` (exit code 1); nothing below the
edge prints or exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from opbouw.data.problems import Problem


class OpbouwError(Exception):
    """Base of every error opbouw raises on purpose."""


class ImportValidationError(OpbouwError):
    """Input files have problems; nothing was imported.

    Holds *all* problems found, so a user fixes them in one pass.
    """

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input")


class ConfigError(OpbouwError, ValueError):
    """A configuration value that cannot be used; the message says which and why.

    Also a ``ValueError``, so code written against the plain exception keeps working."""


class UnknownMethodError(ConfigError):
    """A method name that is not registered; the message lists the valid ones."""

    def __init__(self, name: str, valid: Sequence[str]):
        self.name = name
        self.valid = sorted(valid)
        super().__init__(f"unknown method {name!r}; choose one of: {', '.join(self.valid)}")


class InsufficientDataError(OpbouwError, ValueError):
    """Too few areas or values to compute what was asked."""
