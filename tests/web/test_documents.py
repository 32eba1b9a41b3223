"""Download buttons: the annex of an analysis and the profile of an area, as PDF, with
the same access rules as the pages."""

from __future__ import annotations

import subprocess
from typing import Any

from django.urls import reverse


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def test_analysis_page_offers_the_annex_and_it_downloads(world: dict[str, Any],
                                                         login: Any) -> None:
    client = login("coord_e")
    a = world["a_east"]
    page = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
    assert "Bijlage gebiedsanalyse (PDF)" in page
    response = client.get(reverse("analysis_annex", args=[a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _text(response.content)
    assert "Oost analyse" in text and "Instituut Oost" in text and "Sint-Niklaas" in text


def test_area_page_offers_the_profile_and_it_downloads(world: dict[str, Any],
                                                       login: Any) -> None:
    client = login("worker_e")
    ds = world["ds_east"]
    page = client.get(reverse("area_detail", args=[ds.pk, "45041"])).content.decode()
    assert "Wijkfiche (PDF)" in page
    response = client.get(reverse("area_profile_pdf", args=[ds.pk, "45041"]))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    assert "Wijkfiche Ronse" in _text(response.content)


def test_other_organisations_get_404(world: dict[str, Any], login: Any) -> None:
    client = login("coord_w")
    assert client.get(reverse("analysis_annex", args=[world["a_east"].pk])).status_code == 404
    ds = world["ds_east"]
    assert client.get(reverse("area_profile_pdf", args=[ds.pk, "45041"])).status_code == 404
    own = world["ds_west"]
    assert client.get(reverse("area_profile_pdf", args=[own.pk, "99999"])).status_code == 404
