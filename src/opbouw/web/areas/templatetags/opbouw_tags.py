"""Template filters: area levels in the user's language."""

from django import template
from django.utils.translation import get_language

from opbouw.model.areas import level_for

register = template.Library()


@register.filter
def level_label(key: str) -> str:
    """``municipality`` -> ``gemeente`` (or ``municipality`` in English)."""
    found = level_for(key) if key else None
    return found.label((get_language() or "nl")[:2]) if found else key
