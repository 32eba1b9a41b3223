"""Background jobs through django-tasks' database backend and its worker, as in production."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from opbouw.web.jobs.models import Job
from opbouw.web.jobs.runner import JobError, start


def succeed(job: Job) -> None:
    job.report(0.5, "halfway")
    job.finish({"answer": 42}, "/done/")


def refuse(job: Job) -> None:
    raise JobError("Dit kan niet.")


def crash(job: Job) -> None:
    raise RuntimeError("/srv/secret/path exploded")


def _job(org: Any, title: str) -> Job:
    return Job.objects.create(organisation=org, kind="test", title=title)


def test_database_worker_runs_queued_jobs(live_world: dict[str, Any], settings: Any,
                                          caplog: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    org = live_world["orgs"]["east"]
    jobs = [start(_job(org, "goed"), succeed), start(_job(org, "nee"), refuse),
            start(_job(org, "stuk"), crash)]
    assert all(j.status == "queued" for j in jobs)  # nothing runs before the worker does
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    ok, no, broken = (Job.objects.get(pk=j.pk) for j in jobs)
    assert ok.status == "done" and ok.result == {"answer": 42} and ok.result_url == "/done/"
    assert no.status == "failed" and no.error == "Dit kan niet."
    assert broken.status == "failed" and "/srv/secret" not in broken.error
    assert "onverwachte fout" in broken.error
    assert "exploded" in caplog.text  # the traceback goes to the server log
