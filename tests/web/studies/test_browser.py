"""A hot-spot study in the browser: started from the dataset, its job's progress shown
while the worker has not run, then the result page with a coloured map."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from tests.web.test_browser import browser, log_in, page  # noqa: F401 - fixtures

CLUSTER_COLOURS = {"#d7191c", "#fdae61", "#abd9e9", "#2c7bb6", "#eeeeee"}


def test_hotspot_job_progress_and_coloured_map(live_server: Any, live_world: dict,
                                               page: Any, settings: Any) -> None:  # noqa: F811
    from opbouw.web.jobs.models import Job
    from opbouw.web.studies.models import Study

    # the production backend: the job waits in the database until the worker runs it
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    base = live_server.url
    page.set_default_timeout(120_000)  # the test machine may be busy
    ds = live_world["ds_east"]
    log_in(page, base, "coord_e")
    page.goto(f"{base}/datasets/{ds.pk}/")
    page.click("#studies-link")
    page.click("#kind-hotspots")
    page.wait_for_selector("#study-form")
    assert page.inner_text("#study-help")
    page.select_option("select[name=indicator]", "unemployment_pressure")
    page.select_option("select[name=weights]", "knn:4")
    page.fill("input[name=permutations]", "199")
    page.click("#start-study")
    page.wait_for_selector("#job-progress")
    job = Job.objects.get(kind="study:hotspots")
    assert job.status == "queued"
    assert page.get_attribute("#job", "data-status") == "queued"
    assert page.inner_text("#job-step").strip()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    job.refresh_from_db()
    assert job.status == "done", job.error
    study = Study.objects.get(job=job)
    # the page polls the job and moves on to the result by itself
    page.wait_for_url(f"{base}/studies/{study.pk}/")
    page.wait_for_selector("#map[data-ready='1']")
    fills = page.eval_on_selector_all(
        "#map path.leaflet-interactive", "els => els.map(e => e.getAttribute('fill'))")
    assert len(fills) == len(study.result["classes"]) == 6
    expected = {study.result["legend"][c][1] for c in study.result["classes"].values()}
    assert set(fills) == expected and set(fills) <= CLUSTER_COLOURS
    assert "LISA-cluster" in page.inner_text("#results")
    assert page.inner_text("#legend").startswith("LISA-cluster")
