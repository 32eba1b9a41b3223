"""The area-analysis annex (PDF) of a saved analysis.

Generated in the request for now; the annex takes seconds (hot spots, Monte-Carlo,
WeasyPrint), so it is a candidate for the background task queue.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from opbouw.errors import OpbouwError
from opbouw.web.accounts.access import get_visible
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import CATALOGUE, analysable
from opbouw.web.areas.documents import _safe, pdf_response, report_dataset


@login_required
def analysis_annex_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from opbouw.reports.annex import AnnexConfig, build_annex
    from opbouw.reports.scope import Scope

    analysis = get_visible(Analysis.objects.select_related("dataset", "organisation"),
                           request.user, pk=pk)
    cfg = analysis.config
    lang = (get_language() or "nl")[:2]
    # the annex takes seconds: kept per dataset version, configuration and language
    cache = store.tables(analysis.dataset)["derived"]
    key = ("annex", analysis.pk, json.dumps(cfg, sort_keys=True, default=str), lang,
           analysis.name, analysis.organisation.name)
    if key in cache:
        return pdf_response(cache[key], f"gebiedsanalyse-{_safe(analysis.pk)}.pdf")
    keys = list(cfg.get("indicators") or analysable(store.indicators_in(analysis.dataset)))
    levels = store.levels_in(analysis.dataset)
    try:
        config = AnnexConfig(
            tuple(keys), Scope(cfg.get("level") or (levels[0] if levels else "municipality"),
                               cfg.get("within") or None, tuple(cfg.get("exclude") or ())),
            year=int(cfg["year"]) if cfg.get("year") else None, p=float(cfg.get("p", 20.0)),
            k=int(cfg.get("k", 4)), top=int(cfg.get("n", 20)),
            lang=lang, organisation=analysis.organisation.name,
            title=analysis.name)
        doc = build_annex(report_dataset(analysis.dataset), CATALOGUE, config)
    except (OpbouwError, ValueError, KeyError) as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    cache[key] = doc.pdf()
    return pdf_response(cache[key], f"gebiedsanalyse-{_safe(analysis.pk)}.pdf")
