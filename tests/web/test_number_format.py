"""One number and date format per language everywhere (issue 10, point 6): the ``num``
and ``fixed`` filters, Django's own number formats, reports and the CLI's helper all write
Dutch ``15 226,58`` and English ``15,226.58``; templates use them rather than Django's
``floatformat`` (which does not group thousands); dates use the short formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

import opbouw.web

WEB = Path(opbouw.web.__file__).parent
EXPECTED = {"nl": "15\u202f226,58", "en": "15,226.58"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_helper_writes_the_same_number(lang: str) -> None:
    from opbouw.i18n import format_decimal, format_number
    from opbouw.reports.document import number
    from opbouw.web.areas.templatetags.opbouw_tags import format_num

    x = 15226.584
    with translation.override(lang):
        shown = {
            "num": Template("{% load opbouw_tags %}{{ x|num:2 }}").render(Context({"x": x})),
            "fixed": Template("{% load opbouw_tags %}{{ x|fixed:2 }}").render(Context({"x": x})),
            "django": Template('{{ x|floatformat:"2g" }}').render(Context({"x": x})),
            "format_num": format_num(x),
            "report": number(x, 2, lang),
            "cli": format_decimal(x, lang, 2),
            "rule": format_number(x, lang, 2),
        }
    assert set(shown.values()) == {EXPECTED[lang]}, shown


def test_fixed_keeps_its_decimals_and_num_trims() -> None:
    with translation.override("nl"):
        out = Template("{% load opbouw_tags %}{{ a|fixed:1 }} {{ a|num:1 }} {{ b|fixed:2 }}"
                       ).render(Context({"a": 4.0, "b": -1234.5}))
    assert out == "4,0 4 \u22121\u202f234,50"


def test_templates_use_the_one_number_and_date_format() -> None:
    found = []
    for path in WEB.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        text = text.replace('data-delta="{{ x.delta|floatformat:2 }}"', "")
        found += [f"{path.name}: {m}" for m in re.findall(
            r'\|floatformat[^ }]*|\|date:"(?!SHORT_DATE_FORMAT|SHORT_DATETIME_FORMAT|'
            r'DATE_FORMAT")[^"]*"', text)]
    assert found == []


@pytest.mark.parametrize(("lang", "day", "moment"), [
    ("nl", "1-12-2026", "1-12-2026 21:57"), ("en", "1 Dec 2026", "1 Dec 2026 21:57")])
def test_one_date_format_per_language(lang: str, day: str, moment: str) -> None:
    import datetime as dt

    when = dt.datetime(2026, 12, 1, 21, 57)
    with translation.override(lang):
        out = Template('{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"SHORT_DATETIME_FORMAT" }}'
                       ).render(Context({"d": when}))
    assert out == f"{day}|{moment}"
