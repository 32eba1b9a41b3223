"""Number inputs a Dutch user can read and the browser accepts (issue 10, point 6): an
``<input type="number">`` carries its value with a dot (the browser shows it in its own
locale) but integers without ``.0``, and a step that suits the number; every such input
of the analyses and studies is written the same way (``DecimalInput``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse


def _inputs(page: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(
        r'<input[^>]*name="([^"]+)"[^>]*>', page)}


@pytest.mark.parametrize(("value", "shown"), [
    (20.0, "20"), (1.0, "1"), (0.05, "0.05"), (14.05, "14.05"), (0, "0"), (None, ""),
    (float("nan"), ""), ("abc", "abc")])
def test_number_input_value(value: Any, shown: str) -> None:
    from opbouw.web.areas.templatetags.opbouw_tags import number_input_value

    assert number_input_value(value) == shown


def test_what_if_weights_and_p_without_dot_zero(world: dict[str, Any], login: Any) -> None:
    a = world["a_shared"]
    a.config = {**a.config, "weights": {"unemployment_pressure": 1.0}}
    a.save()
    page = login("coord_e").get(reverse("analysis_detail", args=[a.pk])).content.decode()
    weights = [v for k, v in _inputs(page).items() if k.startswith("w_")]
    assert weights and all('value="1"' in w and 'type="number"' in w for w in weights)
    assert 'value="1.0"' not in page and 'value="20.0"' not in page


@pytest.mark.parametrize(("kind", "field", "value", "step"), [
    ("hotspots", "alpha", "0.05", "0.001"), ("allocation", "step", "0.05", "0.001"),
    ("allocation", "budget", "10", "0.01"), ("hidden", "p", "20", "0.1")])
def test_study_forms_show_readable_numbers(world: dict[str, Any], login: Any, kind: str,
                                           field: str, value: str, step: str) -> None:
    page = login("coord_e").get(reverse("study_new", args=[world["ds_east"].pk, kind]))
    assert page.status_code == 200
    tag = _inputs(page.content.decode())[field]
    assert 'type="number"' in tag and f'value="{value}"' in tag and f'step="{step}"' in tag

