"""Dates one way per language (tester: a plan's timing read "01/1/2021"): the short date
of :data:`opbouw.i18n.SHORT_DATE_FORMAT` (Dutch ``1-1-2021``, English ``1 Jan 2021``) is
Django's ``SHORT_DATE_FORMAT`` and the reports' date; day-first dates in a plan's timing
text are written that way; date inputs hold ISO values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from opbouw.i18n import format_dates_in, format_short_date


def _shown(body: str) -> str:
    """The page without its form fields: an edit form keeps the timing as typed."""
    return re.sub(r"<input[^>]*>|<textarea.*?</textarea>", "", body, flags=re.S)


@pytest.mark.parametrize(("day", "nl", "en"), [
    (dt.date(2021, 1, 1), "1-1-2021", "1 Jan 2021"),
    (dt.date(2025, 12, 31), "31-12-2025", "31 Dec 2025"),
    (dt.date(2022, 6, 9), "9-6-2022", "9 Jun 2022")])
def test_one_short_date_per_language_in_django_and_outside(day: dt.date, nl: str,
                                                           en: str) -> None:
    from django.template.defaultfilters import date as date_filter

    assert format_short_date(day, "nl") == nl and format_short_date(day, "en") == en
    for lang, expected in (("nl", nl), ("en", en)):
        with translation.override(lang):
            assert date_filter(day, "SHORT_DATE_FORMAT") == expected


@pytest.mark.parametrize(("text", "nl", "en"), [
    ("01/1/2021 – 31/12/2025", "1-1-2021 – 31-12-2025", "1 Jan 2021 – 31 Dec 2025"),
    ("van 01/01/2021 - 31/12/2025", "van 1-1-2021 - 31-12-2025",
     "van 1 Jan 2021 - 31 Dec 2025"),
    ("1.4.2020 tot 31-12-2022", "1-4-2020 tot 31-12-2022", "1 Apr 2020 tot 31 Dec 2022"),
    ("2021-2025", "2021-2025", "2021-2025"), ("31/02/2021", "31/02/2021", "31/02/2021"),
    ("April 2020 – December 2022", "April 2020 – December 2022",
     "April 2020 – December 2022"), ("", "", "")])
def test_dates_in_timing_text(text: str, nl: str, en: str) -> None:
    assert format_dates_in(text, "nl") == nl
    assert format_dates_in(text, "en") == en


def test_plan_pages_write_the_timing_dates_one_way(plans: dict[str, Any], login: Any) -> None:
    p = plans["p_east"]
    action = p.actions.get(code="SA10")
    assert action.timing == "01/1/2021 – 31/12/2025"  # as the plan's authors wrote it
    client = login("coord_e")
    for url in (reverse("plan_detail", args=[p.pk]),
                reverse("action_detail", args=[p.pk, action.pk])):
        body = client.get(url).content.decode()
        assert "1-1-2021 – 31-12-2025" in body, url
        assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", _shown(body)), url
    client.cookies["django_language"] = "en"
    body = client.get(reverse("action_detail", args=[p.pk, action.pk])).content.decode()
    assert "1 Jan 2021 – 31 Dec 2025" in body
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", _shown(body))


def test_plan_document_writes_dates_one_way(plans: dict[str, Any], login: Any) -> None:
    from opbouw.web.planning.models import TimelineEntry

    p, objective = plans["p_east"], plans["objective"]
    TimelineEntry.objects.create(objective=objective, date=dt.date(2022, 6, 9),
                                 kind="activity", text="Eerste bijeenkomst")
    response = login("coord_e").get(reverse("plan_document", args=[p.pk, "html"])
                                    + "?year=2022")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming \
        else response.content.decode()
    assert "1-1-2021 – 31-12-2025" in body
    assert "9-6-2022: Eerste bijeenkomst" in body
    assert "2022-06-09" not in body and not re.search(r"\d{1,2}/\d{1,2}/\d{4}", body)


def test_date_inputs_hold_iso_values(plans: dict[str, Any], login: Any) -> None:
    from opbouw.web.planning.forms import ProgressForm

    with translation.override("nl"):
        tag = str(ProgressForm(initial={"date": dt.date(2022, 6, 9)})["date"])
        assert 'type="date"' in tag and 'value="2022-06-09"' in tag, tag
        form = ProgressForm({"status": ProgressForm.base_fields["status"].choices[0][0],
                             "percentage": "10", "date": "2022-06-09"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["date"] == dt.date(2022, 6, 9)
    p, project = plans["p_east"], plans["project"]
    body = login("coord_e").get(reverse("project_detail", args=[p.pk, project.pk])) \
        .content.decode()
    dates = re.findall(r'<input[^>]*type="date"[^>]*>', body)
    assert dates
    for tag in dates:
        value = re.search(r'value="([^"]*)"', tag)
        assert value is None or re.fullmatch(r"(\d{4}-\d{2}-\d{2})?", value.group(1)), tag
