"""Small counts are hidden; zero and large counts are kept."""

from __future__ import annotations

import pytest

from opbouw.analysis.disclosure import MIN_COUNT, suppress, suppress_value


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (1, None), (4, None), (5, 5),
                                                 (120, 120)])
def test_suppress_value(count: int, expected: int | None) -> None:
    assert MIN_COUNT == 5
    assert suppress_value(count) == expected


def test_threshold_is_an_argument() -> None:
    assert suppress({"a": 9, "b": 10}, 10) == {"a": None, "b": 10}
    assert list(suppress({"z": 1, "a": 7})) == ["z", "a"]
