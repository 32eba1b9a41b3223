"""Shared fixtures: test data paths, the catalogue, numeric tolerances."""

from __future__ import annotations

from pathlib import Path

import pytest

from opbouw.model.indicators import Catalogue, load_catalogue

DATA = Path(__file__).parent / "data"
RTOL = 1e-12
ATOL = 1e-9


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(autouse=True)
def dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPBOUW_LANG", raising=False)
