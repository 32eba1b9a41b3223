"""Start background work and run it with progress and a failure the user can read.

``start(job, fn)`` enqueues ``fn(job)`` through django-tasks; the one task below looks the
function up by its dotted path, so any app adds background work with a plain function.
An exception the function raises on purpose (:class:`JobError`, domain errors) becomes
the job's message; anything else is logged with its traceback on the server and the user
reads a general Dutch/English sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from opbouw.errors import OpbouwError, error_message
from opbouw.web.jobs.models import Job

log = logging.getLogger("opbouw.jobs")


class JobError(Exception):
    """A failure to show to the user as it is (already in their language)."""


def start(job: Job, function: Callable[[Job], None]) -> Job:
    """Enqueue ``function(job)``; with the immediate backend it has run when this returns."""
    path = f"{function.__module__}.{function.__qualname__}"
    language = translation.get_language() or "nl"
    run_job.enqueue(job.pk, path, language)
    job.refresh_from_db()
    return job


@task()
def run_job(job_id: int, path: str, language: str) -> None:
    from auditlog.context import auditlog_value

    job = Job.objects.get(pk=job_id)
    # what the job changes is audited as done by the person who started it, not "system";
    # a job run inside a request (tests) gives the request its own audit context back
    outer = auditlog_value.get(None)
    try:
        _run(job, path, language)
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def _run(job: Job, path: str, language: str) -> None:
    from auditlog.context import set_actor

    job_id = job.pk
    with translation.override(language), set_actor(job.created_by):
        job.report(0.0, _("started"))
        try:
            import_string(path)(job)
        except (JobError, OpbouwError) as exc:
            job.fail(error_message(exc, language))
        except Exception:  # noqa: BLE001 - logged for the server, a sentence for the user
            log.exception("job %s (%s) failed", job_id, path)
            job.fail(_("The job stopped because of an unexpected error. It has been logged; "
                       "please tell your administrator."))
