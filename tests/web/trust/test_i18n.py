"""The trust app's own Dutch catalogue is complete and compiled; its pages speak Dutch."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

from django.urls import reverse

from tests.web.test_analyses import _msgid, _msgstr


def test_trust_catalogue_complete_and_compiled() -> None:
    import opbouw.web.trust

    locale = Path(opbouw.web.trust.__file__).parent / "locale" / "nl" / "LC_MESSAGES"
    entries = (locale / "django.po").read_text(encoding="utf-8").split("\n\n")[1:]
    empty = [e for e in entries if 'msgstr ""' in e.splitlines()[-1] and "msgstr[" not in e]
    assert not empty, empty[:3]
    with open(locale / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    singular = [e for e in entries if "msgid_plural" not in e and "msgid " in e]
    stale = [_msgid(e) for e in singular if catalog.gettext(_msgid(e)) != _msgstr(e)]
    assert not stale, stale[:3]


def test_pages_in_dutch(world: dict, login: Any) -> None:
    client = login("admin_e")
    assert "Register van persoonsgegevens" in client.get(reverse("trust:privacy")).content.decode()
    body = client.get(reverse("trust:audit")).content.decode()
    assert "Auditlogboek" in body and "Wanneer" in body and "Exporteren als CSV" in body
