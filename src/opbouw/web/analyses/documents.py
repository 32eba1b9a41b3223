"""The area-analysis annex (PDF) of a saved analysis, made as a background job.

The annex takes seconds (hot spots, Monte-Carlo, WeasyPrint), so the button on the
analysis page starts a job (``opbouw.web.jobs``) whose page shows the progress and then
downloads the document. The job's key is the analysis, its configuration, the dataset's
version and the language: an unchanged request reuses the finished document. Access is
that of the analysis page: whoever sees the analysis may make and download its annex.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opbouw.errors import OpbouwError, error_message
from opbouw.web.accounts.access import get_visible, organisations
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import CATALOGUE, analysable
from opbouw.web.areas.documents import _safe, pdf_response, report_dataset
from opbouw.web.jobs.models import Job
from opbouw.web.jobs.runner import JobError, start

KIND = "annex"


def _codes(value: object) -> tuple[str, ...]:
    """One code or a list of codes, as an analysis configuration stores them."""
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if v)
    return (str(value),) if value else ()


def _lang() -> str:
    return (get_language() or "nl")[:2]


def annex_key(analysis: Analysis, lang: str) -> str:
    """What the annex depends on: the analysis and its configuration, the dataset's
    version, the language."""
    raw = json.dumps([analysis.pk, analysis.name, analysis.config, analysis.dataset_id,
                      analysis.dataset.version, analysis.organisation.name, lang],
                     sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def annex_file(job: Job) -> Path:
    return Path(settings.DATA_DIR) / "documents" / f"annex-{job.pk}.pdf"


def _finished(analysis: Analysis, lang: str) -> Job | None:
    """The latest finished annex job of this analysis as it is now, with its file."""
    for job in Job.objects.filter(kind=KIND, key=annex_key(analysis, lang),
                                  status=Job.Status.DONE).order_by("-created_at")[:5]:
        if annex_file(job).is_file():
            return job
    return None


def build(analysis: Analysis, lang: str, progress: object = None) -> bytes:
    """The annex of ``analysis`` as PDF bytes."""
    from opbouw.reports.annex import AnnexConfig, build_annex
    from opbouw.reports.scope import Scope

    report = progress if callable(progress) else (lambda _f, _s: None)
    cfg = analysis.config
    keys = list(cfg.get("indicators") or analysable(store.indicators_in(analysis.dataset)))
    levels = store.levels_in(analysis.dataset)
    config = AnnexConfig(
        tuple(keys), Scope(cfg.get("level") or (levels[0] if levels else "municipality"),
                           _codes(cfg.get("within")), _codes(cfg.get("exclude"))),
        year=int(cfg["year"]) if cfg.get("year") else None, p=float(cfg.get("p", 20.0)),
        k=int(cfg.get("k", 4)), top=int(cfg.get("n", 20)), lang=lang,
        organisation=analysis.organisation.name, title=analysis.name,
        day=analysis.updated_at.date())
    report(0.1, _("reading the data"))
    data = report_dataset(analysis.dataset)
    report(0.3, _("analysing: rankings, hot spots, robustness"))
    doc = build_annex(data, CATALOGUE, config)
    report(0.8, _("laying out the PDF"))
    return doc.pdf()


def run_annex(job: Job) -> None:
    """Background job: make the annex, store it next to the database, point to it."""
    analysis = Analysis.objects.select_related("dataset", "organisation").filter(
        pk=job.params.get("analysis")).first()
    if analysis is None:
        raise JobError(_("The analysis no longer exists."))
    try:
        pdf = build(analysis, job.params.get("lang", "nl"), job.report)
    except (OpbouwError, ValueError, KeyError) as exc:
        raise JobError(_("The annex could not be made: %(error)s") % {
            "error": error_message(exc, get_language())}) from exc
    path = annex_file(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    job.finish({"analysis": analysis.pk, "bytes": len(pdf)},
               url=reverse("analysis_annex", args=[analysis.pk]))


@login_required
@require_POST
def analysis_annex_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the annex job (or reuse the finished one) and show its progress."""
    analysis = get_visible(Analysis.objects.select_related("dataset", "organisation"),
                           request.user, pk=pk)
    lang = _lang()
    done = _finished(analysis, lang)
    if done is not None and done.organisation_id in set(
            organisations(request.user).values_list("pk", flat=True)):
        return redirect("job_detail", pk=done.pk)
    mine = organisations(request.user)
    org = mine.filter(pk=analysis.organisation_id).first() or mine.first()
    job = Job.objects.create(
        organisation=org, created_by=request.user, kind=KIND,
        title=_("Area-analysis annex of %(name)s") % {"name": analysis.name},
        key=annex_key(analysis, lang), params={"analysis": analysis.pk, "lang": lang})
    start(job, run_annex)
    return redirect("job_detail", pk=job.pk)


@login_required
def analysis_annex_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The finished annex of the analysis as it is now; without one, back to the page."""
    analysis = get_visible(Analysis.objects.select_related("dataset", "organisation"),
                           request.user, pk=pk)
    job = _finished(analysis, _lang())
    if job is None:
        messages.info(request, _("Make the annex first with the button under the results."))
        return redirect("analysis_detail", pk=analysis.pk)
    return pdf_response(annex_file(job).read_bytes(), f"gebiedsanalyse-{_safe(analysis.pk)}.pdf")
