"""Template filters: area levels and numbers in the user's language.

One number format per language, the same as ``results.js`` writes: Dutch ``14 663,5``
(decimal comma, narrow no-break space between thousands), English ``14,663.5``; the
narrow no-break space and the ``num`` class (``white-space: nowrap``) keep a number on
one line.
"""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils.translation import get_language

from opbouw.model.areas import level_for

register = template.Library()

GROUP = {"nl": "\u202f", "en": ","}
DECIMAL = {"nl": ",", "en": "."}


def format_num(value: Any, decimals: int = 2, lang: str | None = None,
               trim: bool = True) -> str:
    """``value`` rounded to ``decimals`` in the language's format; ``–`` when missing.
    ``trim`` drops trailing zeros after the decimal mark (``12,50`` -> ``12,5``)."""
    if value is None or value == "":
        return "–"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x) or math.isinf(x):
        return "–"
    lang = (lang or get_language() or "nl")[:2]
    lang = lang if lang in GROUP else "nl"
    text = f"{abs(x):,.{max(decimals, 0)}f}"
    whole, _dot, frac = text.partition(".")
    if trim:
        frac = frac.rstrip("0")
    out = whole.replace(",", GROUP[lang]) + (DECIMAL[lang] + frac if frac else "")
    if x < 0 and out.strip("0,.\u202f"):
        out = "\u2212" + out
    return out


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
