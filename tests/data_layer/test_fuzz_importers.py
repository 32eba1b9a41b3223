"""Fuzzing the importers: random bytes and CSV-like text through the readers give problem
lines (domain errors), never any other exception."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opbouw.data.dataset import FileSpec, import_files, validate_files
from opbouw.errors import ImportValidationError
from opbouw.model.indicators import load_catalogue

CATALOGUE = load_catalogue()
CASES = {"n": 0}


@pytest.fixture(scope="module", autouse=True)
def report_cases() -> Iterator[None]:
    """Print how many files were fuzzed (``pytest -s`` shows it)."""
    yield
    print(f"\nimporter fuzz cases run: {CASES['n']}")

cell = st.one_of(st.sampled_from(["", "46021", "Antwerpen", "1,5", "1.5", "-3", "NaN", "inf",
                                  "1e308", "=1+1", "\"", "municipality", "unemployment_pressure",
                                  "2013", "\x00", "é", ";;", "\r"]),
                 st.text(max_size=12))
header = st.lists(st.sampled_from(["code", "name", "level", "parent", "population", "indicator",
                                   "year", "value", "unemployment_pressure", "residents",
                                   "population_density", "x"]), min_size=1, max_size=6)


@st.composite
def csvish(draw: st.DrawFn) -> bytes:
    sep = draw(st.sampled_from([";", ",", "\t", "|"]))
    cols = draw(header)
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(cols) + 2), max_size=8))
    text = "\n".join(sep.join(r) for r in [cols, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


def _check(data: bytes, suffix: str) -> None:
    CASES["n"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        problems = validate_files([FileSpec(path)], CATALOGUE)
        assert all(p.render("nl") and p.render("en") for p in problems)
        try:
            import_files([FileSpec(path)], CATALOGUE)
        except ImportValidationError as exc:
            assert exc.problems


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(csvish(), st.sampled_from([".csv", ".txt", ".tsv"]))
def test_csvish_text(data: bytes, suffix: str) -> None:
    _check(data, suffix)


@SETTINGS
@given(st.binary(max_size=2048), st.sampled_from([".csv", ".xlsx", ".geojson", ".gpkg"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _check(data, suffix)
