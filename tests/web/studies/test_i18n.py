"""The studies' Dutch catalogue: every message translated, the .mo compiled from the .po."""

from __future__ import annotations

import gettext
from pathlib import Path

from tests.web.test_analyses import _msgid, _msgstr


def test_studies_catalogue_complete_and_compiled() -> None:
    import opbouw.web.studies

    locale = Path(opbouw.web.studies.__file__).parent / "locale" / "nl" / "LC_MESSAGES"
    po = (locale / "django.po").read_text(encoding="utf-8")
    entries = [e for e in po.split("\n\n")[1:] if "msgid " in e]
    empty = [e for e in entries if e.splitlines()[-1] == 'msgstr ""']
    assert not empty, empty[:3]
    with open(locale / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    stale = [_msgid(e) for e in entries if catalog.gettext(_msgid(e)) != _msgstr(e)]
    assert not stale, f"django.mo is older than django.po (run msgfmt): {stale[:3]}"


def test_every_label_of_a_result_is_translated() -> None:
    from django.utils import translation

    from opbouw.web.studies.labels import LABELS, VALUES

    def text(v: object, lang: str) -> str:
        with translation.override(lang):
            return str(v)

    same = {k for k, v in LABELS.items() if text(v, "nl") == text(v, "en")}
    # the same word in both languages, or a symbol
    assert same <= {"code", "type", "indicator", "score", "status", "moran_i", "moran_p",
                    "lisa_p", "gi_z", "gi_p", "top"}, same
    assert text(VALUES["hotspot"]["ns"], "nl") == "niet significant"
