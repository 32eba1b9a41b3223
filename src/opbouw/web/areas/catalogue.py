"""The indicator catalogue as the web app uses it: labels in the user's language and
which way is worse. One catalogue per process (the bundled TOML files)."""

from __future__ import annotations

from django.utils.translation import get_language

from opbouw.model.indicators import load_catalogue

CATALOGUE = load_catalogue()


def label(key: str) -> str:
    lang = (get_language() or "nl")[:2]
    return CATALOGUE.get(key).label(lang) if key in CATALOGUE else key


def direction(key: str) -> int:
    """+1 when higher is worse; unknown indicators are taken as higher is worse."""
    return CATALOGUE.get(key).direction.sign if key in CATALOGUE else 1


def analysable(keys: list[str]) -> list[str]:
    """Indicators fit to compare areas on (counts are inputs, not conditions)."""
    return [k for k in keys if k not in CATALOGUE or CATALOGUE.get(k).unit != "count"]
