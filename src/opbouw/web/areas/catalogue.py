"""The indicator catalogue as the web app uses it: labels in the user's language and
which way is worse. The bundled TOML catalogue, extended per organisation by the
definitions it keeps in the workspace (:class:`IndicatorDefinition`)."""

from __future__ import annotations

import threading
from typing import Any

from django.utils.translation import get_language

from opbouw.model.indicators import Catalogue, load_catalogue

CATALOGUE = load_catalogue()
_BY_ORG: dict[int, tuple[Any, Catalogue]] = {}
_LOCK = threading.Lock()


def catalogue_for(organisation: Any = None) -> Catalogue:
    """The bundled catalogue plus ``organisation``'s own definitions (an Organisation, its
    pk, or None); rebuilt only when a definition changed (one small query per call)."""
    if organisation is None:
        return CATALOGUE
    from django.db.models import Count, Max

    from opbouw.web.areas.models import IndicatorDefinition

    pk = getattr(organisation, "pk", organisation)
    defs = IndicatorDefinition.objects.filter(organisation_id=pk)
    stamp = tuple(defs.aggregate(n=Count("id"), t=Max("updated_at")).values())
    with _LOCK:
        cached = _BY_ORG.get(pk)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    cat = CATALOGUE.with_indicators(d.as_indicator() for d in defs) if stamp[0] else CATALOGUE
    with _LOCK:
        _BY_ORG[pk] = (stamp, cat)
    return cat


def label(key: str, cat: Catalogue | None = None) -> str:
    cat = cat or CATALOGUE
    lang = (get_language() or "nl")[:2]
    return cat.get(key).label(lang) if key in cat else key


def direction(key: str, cat: Catalogue | None = None) -> int:
    """+1 when higher is worse; unknown indicators are taken as higher is worse."""
    cat = cat or CATALOGUE
    return cat.get(key).direction.sign if key in cat else 1


UNIT_SYMBOLS = {"percent": "%", "eur": "€", "per_km2": "/km²", "per_1000": "‰",
                "index": "index"}


def unit(key: str, cat: Catalogue | None = None) -> str:
    """The unit as a reader writes it next to a number (``%``, ``€``, ``/km²``); empty for
    counts, ratios and other units."""
    cat = cat or CATALOGUE
    return UNIT_SYMBOLS.get(cat.get(key).unit, "") if key in cat else ""


def analysable(keys: list[str], cat: Catalogue | None = None) -> list[str]:
    """Indicators fit to compare areas on (counts are inputs, not conditions)."""
    cat = cat or CATALOGUE
    return [k for k in keys if k not in cat or cat.get(k).unit != "count"]
