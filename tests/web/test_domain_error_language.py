"""A domain error of the analysis reaches a web user in the page's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from opbouw.web.analyses import engine


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "geen gebieden op niveau 'planet'"), ("en", "no areas at level 'planet'")])
def test_an_analysis_error_is_in_the_users_language(world: dict[str, Any], lang: str,
                                                    expected: str) -> None:
    dataset = world["ds_east"]
    config = {**engine.default_config(dataset), "level": "planet"}
    with translation.override(lang), pytest.raises(ValueError, match=expected):
        engine.compute(dataset, "atlas", config)
