"""The plan-and-progress document from the plan page and the yearly progress page, as HTML
and PDF, with the access of the plan page."""

from __future__ import annotations

import subprocess
from typing import Any

from django.urls import reverse


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def test_plan_and_year_pages_offer_the_document(plans: dict[str, Any], login: Any) -> None:
    client = login("worker_e")
    p = plans["p_east"]
    page = client.get(reverse("plan_detail", args=[p.pk])).content.decode()
    assert "Plan en voortgang (PDF)" in page and "Plan en voortgang (HTML)" in page
    assert reverse("plan_document", args=[p.pk, "pdf"]) + "?year=2022" in page
    year = client.get(reverse("year_detail", args=[p.pk, 2022])).content.decode()
    assert "Voortgang 2022 (PDF)" in year
    assert reverse("plan_document", args=[p.pk, "html"]) + "?year=2022" in year


def test_the_pdf_holds_goals_and_the_progress_of_the_year(plans: dict[str, Any],
                                                          login: Any) -> None:
    client = login("coord_e")
    p = plans["p_east"]
    response = client.get(reverse("plan_document", args=[p.pk, "pdf"]) + "?year=2022")
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    assert response["Content-Disposition"] == f'attachment; filename="plan-{p.pk}-2022.pdf"'
    text = _text(response.content)
    assert "Oost meerjarenplan" in text and "Instituut Oost" in text
    assert "Krachtige buurten en steden" in text and "Voortgang 2022" in text
    assert "Buurtcomité opstarten" in text and "40 %" in text


def test_the_html_is_the_same_twice_and_follows_the_language(plans: dict[str, Any],
                                                             login: Any) -> None:
    client = login("coord_e")
    url = reverse("plan_document", args=[plans["p_east"].pk, "html"])
    first, second = client.get(url).content, client.get(url).content
    assert first == second and b"Strategische acties" in first
    client.cookies["django_language"] = "en"
    assert b"Strategic actions" in client.get(url).content


def test_bad_years_and_formats_are_404(plans: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    pk = plans["p_east"].pk
    for url in (reverse("plan_document", args=[pk, "docx"]),
                reverse("plan_document", args=[pk, "html"]) + "?year=1999",
                reverse("plan_document", args=[pk, "html"]) + "?year=abc",
                reverse("plan_document", args=[pk, "html"]) + "?year=99999999999999999999"):
        assert client.get(url).status_code == 404, url
    other = login("coord_w")
    assert other.get(reverse("plan_document", args=[pk, "pdf"])).status_code == 404
