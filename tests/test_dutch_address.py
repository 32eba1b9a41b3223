"""The Dutch texts address the user in one way, "u" (never "je", "jij", "jouw",
"jullie"), and spell "hotspot" and "coldspot" as one word: every msgstr of every Dutch
catalogue, the templates and the demo data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parents[1] / "src" / "opbouw"

CATALOGUES = sorted(SRC.glob("**/locale/nl/LC_MESSAGES/*.po"))

#: the familiar forms of address; word boundaries keep "jeugd", "jezus" or "jeep" out
FAMILIAR = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf|jouwe)\b", re.IGNORECASE)
#: "hot spot", "hot-spot", "cold spot", "cold-spot" (Dutch writes one word)
SPLIT_SPOT = re.compile(r"\b(hot|cold)[ \-]spots?\b", re.IGNORECASE)


def _msgstrs(path: Path) -> list[tuple[str, str]]:
    with path.open("rb") as f:
        catalogue = read_po(f, locale="nl")
    found = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found.extend((str(message.id if isinstance(message.id, str) else message.id[0]), s)
                     for s in strings if s)
    return found


def _dutch_sources() -> list[Path]:
    """Templates and demo data with Dutch text written in them. Not the
    inclusion factors (``inclusion/data/factors_seed002.toml``): they quote a published
    instrument word for word (``tests/web/inclusion/test_factors.py``)."""
    paths = sorted(SRC.glob("web/**/templates/**/*.html")) + sorted(SRC.glob("**/*demo*.py"))
    return [p for p in paths if p.is_file()]


def test_the_walk_finds_the_catalogues() -> None:
    assert len(CATALOGUES) >= 10
    assert any(p.name == "opbouw.po" for p in CATALOGUES)


def test_the_checks_catch_what_they_should() -> None:
    assert FAMILIAR.search("Hier kun je het zien")
    assert FAMILIAR.search("Jouw gegevens")
    assert not FAMILIAR.search("jeugdwerk en jeugdhulp")
    assert not FAMILIAR.search("u kunt uw gegevens zien")
    assert SPLIT_SPOT.search("een hot spot") and SPLIT_SPOT.search("cold-spots")
    assert not SPLIT_SPOT.search("hotspots en coldspots")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_dutch_catalogue_says_u_and_hotspot(path: Path) -> None:
    wrong = [f"{msgid!r}: {text!r}" for msgid, text in _msgstrs(path)
             if FAMILIAR.search(text) or SPLIT_SPOT.search(text)]
    assert wrong == []


#: the English source strings of templates (their Dutch is in the catalogues)
ENGLISH = re.compile(r"{%\s*(?:translate|trans)\s+(\"[^\"]*\"|'[^']*')[^%]*%}"
                     r"|{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S)


def test_templates_and_demo_data_say_u_and_hotspot() -> None:
    wrong = []
    for path in _dutch_sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = ENGLISH.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        for number, line in enumerate(text.splitlines(), 1):
            if FAMILIAR.search(line) or SPLIT_SPOT.search(line):
                wrong.append(f"{path.relative_to(SRC)}:{number}: {line.strip()[:120]}")
    assert wrong == []
