"""The user's language for messages outside Django (CLI, importers, reports).

Dutch is the default; ``OPBOUW_LANG=en`` or an explicit ``lang`` switches to English.
The web application uses Django's own i18n; this module only serves the layers below it,
which must not import Django.
"""

from __future__ import annotations

import os

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
