"""Assessment rounds of two institutes, one shared with the partner."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.test_browser import browser, page  # noqa: F401  (browser fixtures)


def build_rounds(w: dict[str, Any]) -> dict[str, Any]:
    from opbouw.web.inclusion.models import Assessment

    east, west = w["orgs"]["east"], w["orgs"]["west"]
    out = {}
    for key, org, name, year in (("as_east", east, "Oost ronde", 2025),
                                 ("as_west", west, "West ronde", 2025),
                                 ("as_shared", east, "Gedeelde ronde", 2024)):
        out[key] = Assessment.objects.create(organisation=org, name=name,
                                             held_on=dt.date(year, 3, 1),
                                             factor_set="seed002-2024")
    out["as_shared"].shared_with.add(w["orgs"]["partner"])
    return out


@pytest.fixture
def rounds(world: dict[str, Any]) -> dict[str, Any]:
    return {**world, **build_rounds(world)}
