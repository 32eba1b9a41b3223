"""The user's language for messages outside Django (CLI, importers, reports).

Dutch is the default; ``OPBOUW_LANG=en`` or an explicit ``lang`` switches to English.
The web application uses Django's own i18n; this module only serves the layers below it,
which must not import Django.
"""

from __future__ import annotations

import gettext as gettext_module
import os
from datetime import date
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def current_language(lang: str | None = None) -> str:
    """Return ``lang`` if given and supported, else ``$OPBOUW_LANG``, else Dutch."""
    for candidate in (lang, os.environ.get("OPBOUW_LANG")):
        if candidate:
            short = candidate.lower()[:2]
            if short in LANGUAGES:
                return short
    return DEFAULT_LANGUAGE


# --- one catalogue system (issue 17, item 4) -------------------------------------------
# Messages outside Django use gettext with the same .po tooling as the web app: English
# msgids in the code, Dutch in src/opbouw/locale/nl/LC_MESSAGES/opbouw.po, compiled with
# ``msgfmt -o opbouw.mo opbouw.po``. Numbers are formatted by Babel for the language
# (nl_BE: decimal comma, dot for thousands). Modules move to this one at a time; the old
# ``lang == "nl"`` switches remain where a module has not moved yet.

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "opbouw"
BABEL_LOCALES = {"nl": "nl_BE", "en": "en"}


@cache
def translations(lang: str | None = None) -> gettext_module.NullTranslations:
    """The catalogue of ``lang`` (English, the msgids themselves, needs none)."""
    return gettext_module.translation(DOMAIN, LOCALE_DIR, languages=[current_language(lang)],
                                      fallback=True)


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` (an English msgid) in the user's language."""
    return translations(current_language(lang)).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The singular or plural msgid of a count ``n`` in the user's language (the catalogue's
    ``Plural-Forms`` decide which)."""
    return translations(current_language(lang)).ngettext(singular, plural, n)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    """``message`` in the user's language where the same English word needs another
    translation in ``context`` (``msgctxt`` in the catalogue)."""
    return translations(current_language(lang)).pgettext(context, message)


def format_date(day: date, lang: str | None = None) -> str:
    """``5 maart 2026`` or ``5 March 2026``: day, Babel's month name of the language, year."""
    from babel.dates import format_date as babel_format

    return babel_format(day, format="d MMMM y", locale=BABEL_LOCALES[current_language(lang)])


def format_decimal(value: float, lang: str | None = None, decimals: int = 1) -> str:
    """``value`` with ``decimals`` decimals in the user's language: ``1.234,5`` in Dutch."""
    from babel.numbers import format_decimal as babel_format

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return babel_format(value, format=pattern, locale=BABEL_LOCALES[current_language(lang)],
                        decimal_quantization=True)
