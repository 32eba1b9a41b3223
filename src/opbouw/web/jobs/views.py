"""A job's page (progress bar, then its result) and its JSON for polling."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from opbouw.web.accounts.access import organisations
from opbouw.web.jobs.models import Job


def _job(request: HttpRequest, pk: int) -> Job:
    # a job is seen by members of its organisation only (it may hold file names)
    job = Job.objects.filter(pk=pk, organisation__in=organisations(request.user)).first()
    if job is None:
        raise Http404
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/job_detail.html", {"job": _job(request, pk)})


@login_required
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _job(request, pk)
    return JsonResponse({"status": job.status, "label": job.get_status_display(),
                         "progress": round(job.progress, 3), "step": job.step,
                         "error": job.error, "url": job.result_url})
