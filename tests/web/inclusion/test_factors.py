"""The factor list is the seed-002 list, transcribed faithfully, in Dutch and English."""

from __future__ import annotations

import re

from opbouw.web.inclusion.factors import load
from tests.conftest import DATA

# the section "WERKZAME FACTOREN PER DOMEIN" of seed 002 (De kaart van sociale inclusie,
# Resokit), copied verbatim from shared/seeds/002_f259a74c4df43150.txt
SECTION = DATA / "inclusion" / "seed002_werkzame_factoren.txt"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_four_domains_with_5_8_4_7_factors() -> None:
    fs = load()
    assert [(d.key, len(d.factors)) for d in fs.domains] == [
        ("environment", 5), ("organisation", 8), ("staff", 4), ("public", 7)]
    assert len(fs.factors) == 24
    assert all(f.nl and f.en and f.nl != f.en for f in fs.factors.values())
    assert "Resokit" in fs.source and fs.version


def test_dutch_text_is_the_seed_text() -> None:
    section = _norm(SECTION.read_text(encoding="utf-8"))
    assert section.count("⬛") == 24
    for f in load().factors.values():
        assert _norm(f.nl) in section, f.nl


def test_english_labels_follow_the_language() -> None:
    from django.utils import translation

    f = load().factors["pub.network"]
    with translation.override("en"):
        assert f.label == "the vitality of their network"
    with translation.override("nl"):
        assert f.label == "de vitaliteit van hun netwerk"
