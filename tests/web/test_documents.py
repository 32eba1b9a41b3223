"""Download buttons: the annex of an analysis and the profile of an area, as PDF, with
the same access rules as the pages."""

from __future__ import annotations

import subprocess
from typing import Any

from django.urls import reverse


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def test_analysis_page_offers_the_annex_as_a_job_and_it_downloads(world: dict[str, Any],
                                                                   login: Any) -> None:
    from opbouw.web.jobs.models import Job

    client = login("coord_e")
    a = world["a_east"]
    page = client.get(reverse("analysis_detail", args=[a.pk])).content.decode()
    assert "Bijlage gebiedsanalyse (PDF)" in page
    assert reverse("analysis_annex_start", args=[a.pk]) in page
    # before the job: no document yet, back to the page
    assert client.get(reverse("analysis_annex", args=[a.pk])).status_code == 302
    started = client.post(reverse("analysis_annex_start", args=[a.pk]))
    assert started.status_code == 302
    job = Job.objects.get(kind="annex", params__analysis=a.pk)
    assert started["Location"] == reverse("job_detail", args=[job.pk])
    # the immediate backend ran the job: done, with the download as its result
    status = client.get(reverse("job_status", args=[job.pk])).json()
    assert status["status"] == "done", status
    assert status["progress"] == 1.0 and status["url"] == reverse("analysis_annex", args=[a.pk])
    response = client.get(status["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _text(response.content)
    assert "Oost analyse" in text and "Instituut Oost" in text and "Sint-Niklaas" in text
    # asked again without a change: the finished job is reused
    again = client.post(reverse("analysis_annex_start", args=[a.pk]))
    assert again["Location"] == started["Location"]
    assert Job.objects.filter(kind="annex").count() == 1


def test_a_failing_annex_job_says_why(world: dict[str, Any], login: Any) -> None:
    from opbouw.web.jobs.models import Job

    client = login("coord_e")
    a = world["a_east"]
    a.config = {**a.config, "indicators": ["bestaat_niet"]}
    a.save()
    client.post(reverse("analysis_annex_start", args=[a.pk]))
    job = Job.objects.get(kind="annex", params__analysis=a.pk)
    assert job.status == "failed"
    assert job.error.startswith("De bijlage kon niet gemaakt worden")
    assert client.get(reverse("analysis_annex", args=[a.pk])).status_code == 302


def test_area_page_offers_the_profile_and_it_downloads(world: dict[str, Any],
                                                       login: Any) -> None:
    client = login("worker_e")
    ds = world["ds_east"]
    page = client.get(reverse("area_detail", args=[ds.pk, "45041"])).content.decode()
    assert "Wijkfiche (PDF)" in page
    response = client.get(reverse("area_profile_pdf", args=[ds.pk, "45041"]))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    assert "Wijkfiche Ronse" in _text(response.content)


def test_an_area_without_values_of_its_own_offers_no_profile(world: dict[str, Any],
                                                             login: Any) -> None:
    """A province page adds up its parts; a profile needs the area's own values: no
    button, and the address itself answers with a Dutch message on the area page."""
    from opbouw.web.areas.models import IndicatorValue

    client = login("worker_e")
    ds = world["ds_east"]
    assert not IndicatorValue.objects.filter(dataset=ds, area_code="40000").exists()
    page = client.get(reverse("area_detail", args=[ds.pk, "40000"])).content.decode()
    assert "Wijkfiche (PDF)" not in page
    response = client.get(reverse("area_profile_pdf", args=[ds.pk, "40000"]), follow=True)
    assert response.status_code == 200
    assert "geen wijkfiche" in response.content.decode()


def test_other_organisations_get_404(world: dict[str, Any], login: Any) -> None:
    from opbouw.web.jobs.models import Job

    client = login("coord_w")
    for name in ("analysis_annex", "analysis_annex_start"):
        method = client.post if name.endswith("start") else client.get
        assert method(reverse(name, args=[world["a_east"].pk])).status_code == 404
    assert not Job.objects.filter(kind="annex").exists()
    ds = world["ds_east"]
    assert client.get(reverse("area_profile_pdf", args=[ds.pk, "45041"])).status_code == 404
    own = world["ds_west"]
    assert client.get(reverse("area_profile_pdf", args=[own.pk, "99999"])).status_code == 404


def test_a_partner_makes_the_annex_of_a_shared_analysis(world: dict[str, Any],
                                                        login: Any) -> None:
    """Access as on the analysis page: the partner sees the shared analysis, so it may
    make its annex; the job is the partner's, so its page opens for them."""
    client = login("partner_p")
    a = world["a_shared"]
    started = client.post(reverse("analysis_annex_start", args=[a.pk]))
    assert started.status_code == 302
    assert client.get(started["Location"]).status_code == 200
    assert client.get(reverse("analysis_annex", args=[a.pk])).status_code == 200
    assert client.get(reverse("analysis_annex_start", args=[a.pk])).status_code == 405
