"""Apparent contact details in free text, and the confirm-to-keep form check."""

from __future__ import annotations

import pytest
from django import forms

from opbouw.web.accounts.privacy import ContactDetailsCheck, contact_details


@pytest.mark.parametrize("text,kinds", [
    ("mail jan.peeters@voorbeeld.be", ["email"]),
    ("jan (at) voorbeeld.be", ["email"]),
    ("gsm 0470 12 34 56", ["phone"]),
    ("tel. 09/123.45.67", ["phone"]),
    ("+32 9 123 45 67", ["phone"]),
    ("0032470123456", ["phone"]),
    ("bel 0470/12.34.56 of x@y.be", ["phone", "email"]),
])
def test_it_finds_contact_details(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in contact_details(text)] == kinds


@pytest.mark.parametrize("text", [
    "In 2019 woonden er 12.345 mensen in 9000 Gent.", "periode 2005-2013",
    "score 3,5 op 5", "budget 1.234.567 euro", "", "blok C, 3de verdieping"])
def test_it_leaves_ordinary_text_alone(text: str) -> None:
    assert contact_details(text) == []


class _Form(ContactDetailsCheck, forms.Form):
    privacy_fields = ("text",)
    text = forms.CharField()


def test_the_form_warns_until_confirmed() -> None:
    form = _Form({"text": "bel 0470 12 34 56"})
    assert not form.is_valid()
    assert "0470 12 34 56" in str(form.non_field_errors())
    assert _Form({"text": "bel 0470 12 34 56", "confirm_contact_details": "on"}).is_valid()
    assert _Form({"text": "geen gegevens"}).is_valid()
