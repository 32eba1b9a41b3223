"""Template filters: area levels and numbers in the user's language.

One number format per language (:func:`opbouw.i18n.format_number`), the same as
``numbers.js`` writes in the browser: Dutch ``14 663,5`` (decimal comma, narrow no-break
space between thousands), English ``14,663.5``; the narrow no-break space and the ``num``
class (``white-space: nowrap``) keep a number on one line. Use ``{{ x|num:2 }}`` rather
than Django's ``floatformat``, which does not group thousands.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from django import template
from django.utils.translation import get_language

from opbouw.i18n import format_dates_in, format_number
from opbouw.model.areas import level_for

register = template.Library()


def format_num(value: Any, decimals: int = 2, lang: str | None = None,
               trim: bool = True) -> str:
    """``value`` rounded to ``decimals`` in the user's language: the one number rule of
    :func:`opbouw.i18n.format_number` (Dutch ``14\u202f663,5``, English ``14,663.5``);
    ``–`` when missing. ``trim`` drops trailing zeros after the decimal mark."""
    return format_number(value, (lang or get_language() or "nl")[:2], decimals, trim)


@register.filter
def num(value: Any, decimals: int = 2) -> str:
    """``{{ x|num }}`` (2 decimals at most) or ``{{ x|num:0 }}``."""
    return format_num(value, int(decimals))


@register.filter
def level_label(key: str) -> str:
    """``municipality`` -> ``gemeente`` (or ``municipality`` in English)."""
    found = level_for(key) if key else None
    return found.label((get_language() or "nl")[:2]) if found else key


@register.filter
def get(mapping: Any, key: Any) -> Any:
    """``{{ names|get:code }}``: a dictionary look-up in a template."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def fixed(value: Any, decimals: int = 2) -> str:
    """``{{ x|fixed:1 }}``: like ``num`` with exactly ``decimals`` decimals (``4,0``), in
    place of Django's ``floatformat``, which does not group thousands."""
    return format_num(value, int(decimals), trim=False)


@register.filter
def rank(value: Any) -> str:
    """``{{ r.rank|rank }}``: :func:`rank_text`."""
    return rank_text(value)


def rank_text(value: Any) -> str:
    """A rank as a whole number, "–" when missing (None, NaN or pandas' ``<NA>``, which
    must never reach a page or an export)."""
    try:
        import pandas as pd

        if value is None or pd.isna(value):
            return "–"
        return str(int(value))
    except (TypeError, ValueError):
        return "–"


def number_input_value(value: Any, lang: str | None = None) -> str:
    """The ``value`` of a decimal-number input (a text input with ``inputmode="decimal"``,
    see ``DecimalInput``) in the user's language: ``2,5`` in Dutch, ``2.5`` in English,
    integers without decimals (``20``, not ``20,0``); empty when missing. The one rule is
    :func:`opbouw.i18n.format_input`."""
    from opbouw.i18n import format_input

    return format_input(value, (lang or get_language() or "nl")[:2])


@register.filter
def input_number(value: Any) -> str:
    """``<input inputmode="decimal" value="{{ w|input_number }}">``: see
    :func:`number_input_value`."""
    return number_input_value(value)


@register.filter
def dates_in(text: Any) -> str:
    """``{{ action.timing|dates_in }}``: free text whose day-first dates (``01/1/2021``) are
    written in the site's one date format (``1-1-2021`` / ``1 Jan 2021``):
    :func:`opbouw.i18n.format_dates_in`."""
    return format_dates_in(str(text or ""), (get_language() or "nl")[:2])


HYPHENATE_FROM = 10
"""Words of at least this many letters get soft hyphens (:func:`hyphenate`)."""


@functools.cache
def _hyphenator(lang: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang={"nl": "nl_NL", "en": "en_US"}.get(lang, "nl_NL"))


@register.filter
def hyphenate(text: Any) -> str:
    """``{{ o.title|hyphenate }}``: long words with soft hyphens (U+00AD) between their
    syllables, in the user's language (pyphen, the dictionaries WeasyPrint uses), so that a
    narrow table header wraps between words or at a syllable with a hyphen, never in the
    middle of a syllable. Chromium's ``hyphens: auto`` has no Dutch dictionary on Linux."""
    hy = _hyphenator((get_language() or "nl")[:2])
    return re.sub(rf"\w{{{HYPHENATE_FROM},}}",
                  lambda m: hy.inserted(m.group(0), hyphen="\u00ad"), str(text or ""))
