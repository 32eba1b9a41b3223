"""The personal-data detector: names after titles, phone numbers, e-mail addresses."""

from __future__ import annotations

import pytest

from opbouw.web.signals.privacy import find_personal_data, scan

FOUND = [
    ("mevrouw Janssens belde gisteren", "name", "mevrouw Janssens"),
    ("Volgens dhr. Peeters is de lift kapot", "name", "dhr. Peeters"),
    ("Mevr. van den Broeck woont er", "name", "Mevr. van den Broeck"),
    ("meneer El Amrani vroeg hulp", "name", "meneer El Amrani"),
    ("familie Claes heeft geen verwarming", "name", "familie Claes"),
    ("bel 0470 12 34 56 na vijf uur", "phone", "0470 12 34 56"),
    ("tel. 09/123.45.67", "phone", "09/123.45.67"),
    ("via +32 9 123 45 67", "phone", "+32 9 123 45 67"),
    ("gsm 0032470123456", "phone", "0032470123456"),
    ("mail naar jan.peeters@voorbeeld.be", "email", "jan.peeters@voorbeeld.be"),
]

CLEAN = [
    "meneer de burgemeester beloofde een antwoord",
    "sinds 2024-01-15 wachten 120 gezinnen",
    "een huurwaarborg van 3.500 euro",
    "postcode 9100 Sint-Niklaas, wijk Clement",
    "alleenstaande moeders met een leefloon",
    "de mevrouw van het onthaal",
]


@pytest.mark.parametrize(("text", "kind", "match"), FOUND)
def test_it_finds_personal_data(text: str, kind: str, match: str) -> None:
    found = find_personal_data(text)
    assert [(f.kind, f.text) for f in found] == [(kind, match)]


@pytest.mark.parametrize("text", CLEAN)
def test_it_leaves_situations_alone(text: str) -> None:
    assert find_personal_data(text) == []


def test_scan_names_the_field() -> None:
    found = scan({"title": "ok", "evidence": "mail a@b.be of bel 0470 12 34 56"})
    assert [(name, f.kind) for name, f in found] == [("evidence", "email"),
                                                     ("evidence", "phone")]
