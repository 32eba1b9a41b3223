"""The policy-dossier document from the dossier page, as HTML and PDF, with the access of
the dossier page."""

from __future__ import annotations

import subprocess
from typing import Any

from django.urls import reverse


def test_dossier_page_offers_the_document_and_it_downloads(practice: dict[str, Any],
                                                           login: Any) -> None:
    d = practice["dos_east"]
    d.problem = "Grote gezinnen vinden geen betaalbare huurwoning."
    d.quotes = "We wachten al vier jaar."
    d.save()
    client = login("worker_e")
    page = client.get(reverse("signals:dossier_detail", args=[d.pk])).content.decode()
    assert "Dossier als document (PDF)" in page
    assert reverse("signals:dossier_document", args=[d.pk, "html"]) in page
    response = client.get(reverse("signals:dossier_document", args=[d.pk, "pdf"]))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=response.content,
                                   capture_output=True, check=True).stdout.decode().split())
    assert "Grote gezinnen vinden geen betaalbare huurwoning." in text
    assert "Oost dossier" in text and "Oost signaal" in text and "wonen" in text
    assert "We wachten al vier jaar." in text and "Gemeente" in text


def test_the_same_dossier_gives_the_same_html(practice: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    url = reverse("signals:dossier_document", args=[practice["dos_east"].pk, "html"])
    first = client.get(url)
    assert first["Content-Type"].startswith("text/html")
    assert first.content == client.get(url).content


def test_others_get_404_and_the_partner_reads_the_shared_one(practice: dict[str, Any],
                                                             login: Any) -> None:
    west = login("coord_w")
    for key in ("dos_east", "dos_shared"):
        url = reverse("signals:dossier_document", args=[practice[key].pk, "html"])
        assert west.get(url).status_code == 404
    partner = login("partner_p")
    shared = reverse("signals:dossier_document", args=[practice["dos_shared"].pk, "html"])
    assert partner.get(shared).status_code == 200
    bad = reverse("signals:dossier_document", args=[practice["dos_shared"].pk, "odt"])
    assert partner.get(bad).status_code == 404


def test_dossier_page_links_each_document_once(practice: dict[str, Any], login: Any) -> None:
    """One link per format: the page used to offer the same HTML document twice (the old
    export beside the document download)."""
    d = practice["dos_east"]
    page = login("worker_e").get(reverse("signals:dossier_detail", args=[d.pk])).content.decode()
    html = reverse("signals:dossier_document", args=[d.pk, "html"])
    pdf = reverse("signals:dossier_document", args=[d.pk, "pdf"])
    assert page.count(f'href="{html}"') == 1 and page.count(f'href="{pdf}"') == 1
    assert reverse("signals:dossier_export", args=[d.pk]) not in page
    assert page.count("(HTML)") == 1
