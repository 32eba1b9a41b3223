"""The area profile ("wijkfiche") of Ronse on the real demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from opbouw.data.dataset import Dataset
from opbouw.errors import ConfigError
from opbouw.model.indicators import Catalogue
from opbouw.reports.profile import ProfileConfig, build_profile

from .conftest import DAY, coloured_pixels, pdf_pages, pdf_text


def test_one_or_two_pages_with_a_locator_map(profile_pdf: Path) -> None:
    pages = pdf_pages(profile_pdf)
    assert 1 <= len(pages) <= 2
    assert max(coloured_pixels(p) for p in pages) > 300


def test_key_indicators_against_the_references(profile_pdf: Path, demo: Dataset) -> None:
    text = pdf_text(profile_pdf)
    assert "Wijkfiche Ronse" in text
    # the parent, the median of the reference set and the region as reference columns
    assert "Oost-Vlaanderen" in text and "Mediaan" in text and "Vlaams Gewest" in text
    assert "Netto belastbaar inkomen per" in text
    # the rank of Ronse among the Flemish municipalities
    assert "/308" in text
    assert "Ronse is achtergesteld" in text or "Ronse is niet achtergesteld" in text
    assert "Statbel" in text


def test_reference_set_can_be_the_working_area(demo: Dataset, catalogue: Catalogue) -> None:
    from opbouw.reports.scope import Scope

    config = ProfileConfig("45041", catalogue.preset("demo").indicators,
                           Scope("municipality", "40000", ("44021",)), day=DAY)
    html = build_profile(demo, catalogue, config).render_html()
    assert "Vergeleken met 64 gemeenten van Oost-Vlaanderen (zonder Gent)" in html
    assert "/64" in html
    assert 'alt="Kaart: Ronse gemarkeerd' in html


def test_unknown_area_is_a_config_error(demo: Dataset, catalogue: Catalogue) -> None:
    with pytest.raises(ConfigError, match="12345"):
        build_profile(demo, catalogue, ProfileConfig("12345", ("zero_income_share",
                                                               "income_per_inhabitant")))
