"""Number inputs a Dutch user can type in (issue 10, point 6; tester: "2,5" became 25):
every decimal input of the site is a text input with ``inputmode="decimal"``
(``DecimalInput``), not ``<input type="number">``, which Chromium reads in the browser's
locale and which dropped the comma of "2,5" under an English browser. Its value is written
in the user's language (``2,5`` / ``2.5``, integers without decimals) and read back with
one rule, :func:`opbouw.i18n.parse_number` (a comma or a dot is the decimal mark)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation


def _inputs(page: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(
        r'<input[^>]*name="([^"]+)"[^>]*>', page)}


@pytest.mark.parametrize(("value", "lang", "shown"), [
    (20.0, "nl", "20"), (1.0, "nl", "1"), (0.05, "nl", "0,05"), (0.05, "en", "0.05"),
    (14.05, "nl", "14,05"), (2.5, "en", "2.5"), (1234.5, "nl", "1234,5"), (0, "nl", "0"),
    (-1.0, "nl", "-1"), (None, "nl", ""), (float("nan"), "nl", ""), ("abc", "nl", "abc")])
def test_number_input_value(value: Any, lang: str, shown: str) -> None:
    from opbouw.web.areas.templatetags.opbouw_tags import number_input_value

    assert number_input_value(value, lang) == shown


@pytest.mark.parametrize(("typed", "expected"), [
    ("2,5", 2.5), ("2.5", 2.5), (" 2,5 ", 2.5), ("-1", -1.0), ("\u22121,5", -1.5),
    ("+3", 3.0), (",5", 0.5), ("5,", 5.0), ("15\u202f226,58", 15226.58),
    ("1 000", 1000.0), ("0", 0.0)])
def test_parse_number_takes_a_comma_or_a_dot(typed: str, expected: float) -> None:
    from opbouw.i18n import parse_number

    assert parse_number(typed) == expected


@pytest.mark.parametrize("typed", ["abc", "1.234,5", "1,234,567", "1.2.3", "1e3", "nan",
                                   "inf", "", " ", "-", ",", "2,5 kg", "1 ,5"])
def test_parse_number_refuses_ambiguous_or_other_text(typed: str) -> None:
    from opbouw.i18n import parse_number

    with pytest.raises(ValueError):
        parse_number(typed)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("typed", ["2,5", "2.5", " 2,5 "])
def test_decimal_field_reads_comma_and_dot_in_both_languages(lang: str, typed: str) -> None:
    from django import forms

    from opbouw.web.analyses.forms import FiniteFloatField

    class F(forms.Form):
        w = FiniteFloatField(min_value=-10, max_value=10)

    with translation.override(lang):
        form = F({"w": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["w"] == 2.5
        negative = F({"w": "-1"})
        assert negative.is_valid() and negative.cleaned_data["w"] == -1.0


def test_decimal_field_refuses_text_in_dutch_and_writes_values_back() -> None:
    from django import forms

    from opbouw.web.analyses.forms import FiniteFloatField

    class F(forms.Form):
        w = FiniteFloatField(required=False, min_value=0.1)

    with translation.override("nl"):
        bad = F({"w": "abc"})
        assert not bad.is_valid()
        assert bad.errors["w"] == ["Voer een getal in."]
        assert not F({"w": "1.234,5"}).is_valid()
        assert F({"w": "0,05"}).errors["w"] == ["Zorg ervoor dat deze waarde minstens "
                                                "0,1 is."]
        tag = str(F(initial={"w": 2.5})["w"])
        assert 'type="text"' in tag and 'inputmode="decimal"' in tag and 'value="2,5"' in tag
        assert 'step=' not in tag and 'type="number"' not in tag
        assert 'value="abc"' in str(bad["w"])  # shown back as typed
        empty = F({"w": "  "})
        assert empty.is_valid() and empty.cleaned_data["w"] is None
    with translation.override("en"):
        assert 'value="2.5"' in str(F(initial={"w": 2.5})["w"])
        assert F({"w": "x"}).errors["w"] == ["Enter a number."]


def test_what_if_weights_and_p_in_the_users_language(world: dict[str, Any],
                                                     login: Any) -> None:
    a = world["a_shared"]
    a.config = {**a.config, "weights": {"unemployment_pressure": 1.0}}
    a.save()
    client = login("coord_e")
    page = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
    weights = [v for k, v in _inputs(page).items() if k.startswith("w_")]
    assert weights and all('value="1"' in w and 'inputmode="decimal"' in w
                           and 'type="number"' not in w for w in weights)
    assert 'value="1.0"' not in page and 'value="20.0"' not in page
    key = next(k for k in _inputs(page) if k.startswith("w_"))
    assert client.post(reverse("analysis_save", args=[a.pk]),
                       {key: "2,5"}).status_code == 302
    a.refresh_from_db()
    assert a.config["weights"][key[2:]] == 2.5
    page = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
    assert 'value="2,5"' in _inputs(page)[key]
    client.cookies["django_language"] = "en"
    page = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
    assert 'value="2.5"' in _inputs(page)[key]


@pytest.mark.parametrize(("kind", "field", "value"), [
    ("hotspots", "alpha", "0,05"), ("allocation", "step", "0,05"),
    ("allocation", "budget", "10"), ("hidden", "p", "20")])
def test_study_forms_show_readable_numbers(world: dict[str, Any], login: Any, kind: str,
                                           field: str, value: str) -> None:
    page = login("coord_e").get(reverse("study_new", args=[world["ds_east"].pk, kind]))
    assert page.status_code == 200
    tag = _inputs(page.content.decode())[field]
    assert 'type="text"' in tag and 'inputmode="decimal"' in tag and f'value="{value}"' in tag
