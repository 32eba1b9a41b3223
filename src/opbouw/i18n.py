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
# ``msgfmt -o opbouw.mo opbouw.po``. Numbers follow one rule per language,
# :func:`format_number` (Dutch: decimal comma, narrow no-break space for thousands).
# Modules move to this one at a time; the old
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


SHORT_DATE_FORMAT = {"nl": "j-n-Y", "en": "j M Y"}
"""THE short date of each language, in Django's format letters: Dutch ``1-1-2021``, English
``1 Jan 2021``. ``opbouw.web.formats`` gives them to Django (the ``date`` filter's
``SHORT_DATE_FORMAT``); :func:`format_short_date` writes the same outside Django."""


def format_short_date(day: date, lang: str | None = None) -> str:
    """``day`` as the site writes a date in a table or a sentence: ``1-1-2021`` in Dutch,
    ``1 Jan 2021`` in English (:data:`SHORT_DATE_FORMAT`, which Django's ``date`` filter
    uses too).

    >>> format_short_date(date(2021, 1, 1)), format_short_date(date(2025, 12, 31), "en")
    ('1-1-2021', '31 Dec 2025')
    """
    if current_language(lang) == "en":
        months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                  "Dec")
        return f"{day.day} {months[day.month - 1]} {day.year}"
    return f"{day.day}-{day.month}-{day.year}"


def format_dates_in(text: str, lang: str | None = None) -> str:
    """Free text (a plan's "timing", as its authors typed it) with every day-first date
    (``01/1/2021``, ``1.1.2021``, ``1-01-2021``: day, month, four-digit year, as written in
    Belgium and the Netherlands) rewritten in the site's one date format
    (:func:`format_short_date`); other words and invalid dates stay as they are.

    >>> format_dates_in("van 01/1/2021 - 31/12/2025")
    'van 1-1-2021 - 31-12-2025'
    >>> format_dates_in("01/1/2021 – 31/12/2025", "en"), format_dates_in("2021-2025")
    ('1 Jan 2021 – 31 Dec 2025', '2021-2025')
    """
    import re

    def one(m: re.Match[str]) -> str:
        try:
            return format_short_date(date(int(m.group(4)), int(m.group(3)), int(m.group(1))),
                                     lang)
        except ValueError:
            return m.group(0)

    return re.sub(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b", one, text or "")


GROUP = {"nl": "\u202f", "en": ","}
"""The thousands separator per language: a narrow no-break space in Dutch, a comma in English."""
DECIMAL = {"nl": ",", "en": "."}
"""The decimal mark per language."""
MINUS = "\u2212"
"""The minus sign of a negative number (U+2212), in every language."""


def format_number(value: object, lang: str | None = None, decimals: int = 2,
                  trim: bool = True) -> str:
    r"""``value`` as opbouw shows every number: THE one number rule, per language.

    Dutch ``15\u202f226,58``: decimal comma, a narrow no-break space (U+202F) between
    thousands; English ``15,226.58``. Negative numbers take the minus sign U+2212; a missing
    value (None, "", NaN, infinite) is ``–``. Rounded half up to ``decimals``; ``trim`` drops
    trailing zeros after the decimal mark (``12,50`` -> ``12,5``). Babel (CLDR) formats the
    number; only the Dutch thousands separator differs from CLDR's ``.``: a narrow space
    cannot be mistaken for a decimal mark and keeps a number on one line.

    The same rule is used everywhere: the web's ``num`` filter and Django's number formats
    (``opbouw.web.formats``), reports, the CLI, and ``static/opbouw/numbers.js`` in the
    browser.

    >>> format_number(15226.584)
    '15\u202f226,58'
    >>> format_number(15226.5, "en", 2, trim=False)
    '15,226.50'
    >>> format_number(52.5, decimals=0), format_number(2.675)
    ('53', '2,68')
    >>> format_number(-0.5)
    '\u22120,5'
    """
    import decimal
    import math

    from babel.numbers import format_decimal as babel_format

    if value is None or value == "":
        return "–"
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x) or math.isinf(x):
        return "–"
    lang = current_language(lang)
    decimals = max(int(decimals), 0)
    pattern = "#,##0" + ("." + ("#" if trim else "0") * decimals if decimals else "")
    with decimal.localcontext() as ctx:
        ctx.rounding = decimal.ROUND_HALF_UP  # 52.5 % -> 53 %, as people round
        text = babel_format(decimal.Decimal(repr(abs(x))), format=pattern, locale="en",
                            decimal_quantization=True)
    whole, _dot, frac = text.partition(".")
    out = whole.replace(",", GROUP[lang]) + (DECIMAL[lang] + frac if frac else "")
    if x < 0 and out.strip("0" + GROUP[lang] + DECIMAL[lang]):
        out = MINUS + out
    return out


def format_decimal(value: float, lang: str | None = None, decimals: int = 1) -> str:
    """``value`` with exactly ``decimals`` decimals: ``1\u202f234,5`` in Dutch
    (:func:`format_number`'s rule)."""
    return format_number(value, lang, decimals, trim=False)


_SPACES = " \u00a0\u202f\u2009"
"""Spaces a typed number may hold between digit groups (``15 226,58`` as the site writes
it): a plain, a no-break, a narrow no-break and a thin space."""


def parse_number(text: object) -> float:
    r"""A number typed by a user, read the same way in every language: THE one parse rule,
    mirrored by ``opbouwNumber.parse`` in ``static/opbouw/numbers.js``.

    * Spaces around the number are ignored; spaces between digits (also the narrow
      no-break space the site writes between thousands) group digits: ``15 226,58``.
    * One comma **or** one dot is the decimal mark, in Dutch and in English alike:
      ``2,5`` and ``2.5`` are both 2.5 (a Dutch browser with an English keyboard, or the
      other way round, must not turn a weight of 2,5 into 25). So ``1,234`` is 1.234,
      never one thousand: the numbers typed on this site are weights, percentages and
      thresholds, where decimals are common and thousands rare.
    * A number with more than one mark (``1.234,5``, ``1,234,567``, ``1.2.3``) is refused
      as ambiguous rather than guessed; so are exponents (``1e3``), ``nan`` and ``inf``.
    * A leading ``-``, ``+`` or ``−`` (U+2212, as the site writes negatives) sets the sign;
      ``,5`` and ``5,`` are 0.5 and 5.

    Raises :class:`ValueError` when ``text`` is not such a number.

    >>> parse_number("2,5"), parse_number(" 2.5 "), parse_number("\u22121"), parse_number(7)
    (2.5, 2.5, -1.0, 7.0)
    >>> parse_number("15\u202f226,58")
    15226.58
    """
    import math
    import re

    if isinstance(text, int | float) and not isinstance(text, bool):
        x = float(text)
        if not math.isfinite(x):
            raise ValueError(text)
        return x
    s = str(text).strip(_SPACES + "\t\n")
    s = re.sub(rf"(?<=\d)[{_SPACES}](?=\d)", "", s)
    m = re.fullmatch(r"([-+\u2212]?)(\d*)(?:[.,](\d*))?", s)
    if not m or not (m.group(2) or m.group(3)):
        raise ValueError(text)
    sign = "-" if m.group(1) in ("-", "\u2212") else ""
    return float(f"{sign}{m.group(2) or '0'}.{m.group(3) or '0'}")


def format_input(value: object, lang: str | None = None) -> str:
    """``value`` as a number input holds it, in the user's language: ``2,5`` in Dutch,
    ``2.5`` in English; integers without decimals (``20``), other numbers as short as they
    round-trip (``0,05``), no thousands separator (``1234,5``); empty when missing.
    :func:`parse_number` reads it back."""
    import math

    if value is None or value == "":
        return ""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(x):
        return ""
    text = str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)
    if "e" in text:  # 1e-07: write it out
        text = format(x, "f").rstrip("0").rstrip(".")
    return text.replace(".", DECIMAL[current_language(lang)])


def column_decimals(values: object, cap: int = 2) -> int:
    """The number of decimals ONE table column shows: as many as its values need once
    rounded to ``cap`` decimals, the same for every value of the column, so that ``66,010``
    stands under ``66,795`` rather than ``66,01`` (mirrored by ``opbouwNumber.decimals``
    in ``numbers.js``). Missing values count for nothing.

    >>> column_decimals([66.01, 66.795], 3), column_decimals([1, 2.5]), column_decimals([3, None])
    (3, 1, 0)
    >>> column_decimals([17404.2, 17854.48])
    2
    """
    import math

    need = 0
    for v in values:  # type: ignore[attr-defined]
        try:
            x = float(v)
        except (TypeError, ValueError):
            continue
        if not math.isfinite(x):
            continue
        for d in range(need, cap + 1):
            # float noise only: a tolerance that grows with |x| hid 17 854,48's decimals
            if abs(round(x, d) - round(x, cap)) < 10 ** -(cap + 3) + 1e-12 * abs(x):
                need = d
                break
        if need == cap:
            break
    return need
