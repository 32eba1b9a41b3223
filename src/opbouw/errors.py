"""Domain exceptions, raised by the library and translated at each edge.

The tree::

    OpbouwError
    ├── ImportValidationError   one or more problems in input files (all collected)
    ├── ConfigError             a configuration (TOML, options) that cannot be used
    ├── UnknownMethodError      a method name that is not in the registry
    └── InsufficientDataError   too few areas or values for the asked computation

The CLI turns these into ``click.ClickException`` (exit code 1); nothing below the
edge prints or exits.

A message is an English msgid of the catalogue of :mod:`opbouw.i18n` with ``{name}``
placeholders, and its parameters: ``ConfigError("columns not in the table: {columns}",
columns=...)``. ``str(error)`` is the English sentence (logs, tests); an edge shows
``error.message(lang)``, the sentence in the user's language, as
:meth:`opbouw.data.problems.Problem.message` does for import problems. A parameter that is
itself an ``OpbouwError`` (a cause wrapped with context) is translated as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from opbouw.i18n import gettext

if TYPE_CHECKING:  # pragma: no cover
    from opbouw.data.problems import Problem


class OpbouwError(Exception):
    """Base of every error opbouw raises on purpose: an English msgid and its parameters."""

    def __init__(self, message: str = "", /, **params: Any) -> None:
        self.msgid = message
        self.params = params
        super().__init__(message.format(**params) if params else message)

    def message(self, lang: str | None = None) -> str:
        """The message in the user's language (Dutch by default)."""
        text = gettext(self.msgid, lang)
        if not self.params:
            return text
        return text.format(**{k: error_message(v, lang) if isinstance(v, OpbouwError)
                              else gettext(v, lang) if isinstance(v, Msgid) else v
                              for k, v in self.params.items()})


class Msgid(str):
    """A parameter that is itself an English msgid (``"a year"``): an edge shows it
    translated, with the message it is part of."""

    __slots__ = ()


def error_message(exc: BaseException, lang: str | None = None) -> str:
    """What to show a user of ``exc``: translated when opbouw raised it, else its text."""
    return exc.message(lang) if isinstance(exc, OpbouwError) else str(exc)


class ImportValidationError(OpbouwError):
    """Input files have problems; nothing was imported.

    Holds *all* problems found, so a user fixes them in one pass.
    """

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("{n} problem(s) in the input", n=len(self.problems))


class ConfigError(OpbouwError, ValueError):
    """A configuration value that cannot be used; the message says which and why.

    Also a ``ValueError``, so code written against the plain exception keeps working."""


class UnknownMethodError(ConfigError):
    """A method name that is not registered; the message lists the valid ones."""

    def __init__(self, name: str, valid: Sequence[str]):
        self.name = name
        self.valid = sorted(valid)
        super().__init__("unknown method '{name}'; choose one of: {valid}", name=name,
                         valid=", ".join(self.valid))


class InsufficientDataError(OpbouwError, ValueError):
    """Too few areas or values to compute what was asked."""
