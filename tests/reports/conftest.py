"""Reports built once per test session from the real demo data, and helpers that read
PDFs the way a reader would: pages as PNG (pdftoppm) and text (pdftotext)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from opbouw.data.dataset import Dataset
from opbouw.data.demo import CREDITS, DEMO_PRESET, load_demo
from opbouw.model.indicators import Catalogue
from opbouw.reports.annex import AnnexConfig, build_annex
from opbouw.reports.profile import ProfileConfig, build_profile
from opbouw.reports.scope import Scope

DAY = date(2026, 3, 5)
EAST_FLANDERS = Scope("municipality", "40000", ("44021",))


def pdf_pages(pdf: Path, resolution: int = 40) -> list[np.ndarray]:
    """Every page as an RGB array."""
    from PIL import Image

    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(prefix)],
                   check=True)
    files = sorted(pdf.parent.glob(prefix.name + "-*.png"))
    return [np.asarray(Image.open(f).convert("RGB")) for f in files]


def pdf_text(pdf: Path) -> str:
    """The selectable text of a PDF."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def coloured_pixels(page: np.ndarray) -> int:
    """Pixels that are clearly coloured (not white, black or grey)."""
    rgb = page.astype(int)
    spread = rgb.max(axis=2) - rgb.min(axis=2)
    return int((spread > 40).sum())


@pytest.fixture(scope="session")
def demo(catalogue: Catalogue) -> Dataset:
    return load_demo(catalogue)


@pytest.fixture(scope="session")
def annex_config(catalogue: Catalogue) -> AnnexConfig:
    return AnnexConfig(catalogue.preset(DEMO_PRESET).indicators, EAST_FLANDERS,
                       preset=DEMO_PRESET, organisation="Samenlevingsopbouw Testregio",
                       day=DAY, credits=CREDITS, draws=200)


@pytest.fixture(scope="session")
def annex_pdf(demo: Dataset, catalogue: Catalogue, annex_config: AnnexConfig,
              tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("annex") / "annex.pdf"
    return build_annex(demo, catalogue, annex_config).write(out)


@pytest.fixture(scope="session")
def profile_pdf(demo: Dataset, catalogue: Catalogue,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("profile") / "ronse.pdf"
    config = ProfileConfig("45041", catalogue.preset(DEMO_PRESET).indicators, day=DAY,
                           organisation="Samenlevingsopbouw Testregio", credits=CREDITS)
    return build_profile(demo, catalogue, config).write(out)
