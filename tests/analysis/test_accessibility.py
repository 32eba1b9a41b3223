"""The weakest of the 5 B's across services."""

from __future__ import annotations

from opbouw.analysis.accessibility import weakest_bs

KEYS = ["reachable", "available", "understandable", "affordable", "usable"]


def test_weakest_first_by_mean_and_unscored_last() -> None:
    services = [{"reachable": 4, "available": 2, "understandable": None, "affordable": 1,
                 "usable": None},
                {"reachable": 2, "available": 2, "understandable": None, "affordable": 3,
                 "usable": None}]
    out = weakest_bs(services, KEYS)
    assert [(b.key, b.mean, b.scored, b.lowest) for b in out] == [
        ("available", 2.0, 2, 2), ("affordable", 2.0, 2, 1), ("reachable", 3.0, 2, 2),
        ("understandable", None, 0, None), ("usable", None, 0, None)]


def test_no_services() -> None:
    assert [b.mean for b in weakest_bs([], KEYS)] == [None] * 5
