"""Documents from a stored dataset: the area profile (PDF) of an area page, and the
conversion of a stored dataset into the tables the report builders take."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opbouw.data.dataset import Dataset as DataDataset
from opbouw.errors import OpbouwError
from opbouw.model.areas import AreaSet
from opbouw.web.accounts.access import get_visible
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import CATALOGUE, analysable
from opbouw.web.areas.models import Area, Dataset


def report_dataset(dataset: Dataset) -> DataDataset:
    """The stored areas (with polygons in a metric CRS when there are any) and values."""
    import geopandas as gpd
    import shapely

    data = store.tables(dataset)
    frame = data["areas"].copy()
    frame["parent"] = frame["parent"].replace("", pd.NA).astype("string")
    frame["name"] = frame["name"].astype("string")
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce")
    geoms = dict(Area.objects.filter(dataset=dataset).exclude(geometry="")
                 .values_list("code", "geometry"))
    if geoms:
        shapes = [shapely.from_geojson(geoms[c]) if c in geoms else None for c in frame.index]
        gdf = gpd.GeoDataFrame(frame, geometry=shapes, crs=4326)
        frame = gdf.to_crs(gdf.estimate_utm_crs())
    values = data["values"].copy()
    values["year"] = values["year"].astype("Int64")
    return DataDataset(AreaSet(frame), values)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def document_response(doc: Any, fmt: str, filename: str) -> HttpResponse:
    """A report document (``opbouw.reports.document.Document``) as an HTML or PDF download."""
    if fmt == "pdf":
        return pdf_response(doc.pdf(), f"{filename}.pdf")
    response = HttpResponse(doc.render_html(), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.html"'
    return response


@login_required
def area_profile_pdf(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    from opbouw.reports.profile import ProfileConfig, build_profile

    dataset = get_visible(Dataset.objects, request.user, pk=pk)
    if not Area.objects.filter(dataset=dataset, code=code).exists():
        raise Http404
    keys = analysable(store.indicators_in(dataset))
    lang = (get_language() or "nl")[:2]
    # kept per dataset version and language (a profile takes seconds to typeset)
    cache = store.tables(dataset)["derived"]
    key = ("profile", code, lang, dataset.organisation.name)
    if key not in cache:
        config = ProfileConfig(code, tuple(keys), lang=lang,
                               organisation=dataset.organisation.name)
        try:
            doc = build_profile(report_dataset(dataset), CATALOGUE, config)
        except (OpbouwError, ValueError, KeyError):
            # in the site's layout and language, back on the area page
            messages.error(request, _("No area profile can be made for this area: it has no "
                                      "values of its own for these indicators."))
            return redirect("area_detail", pk=dataset.pk, code=code)
        cache[key] = doc.pdf()
    return pdf_response(cache[key], f"wijkfiche-{_safe(code)}.pdf")


def _safe(text: Any) -> str:
    return "".join(ch for ch in str(text) if ch.isalnum() or ch in "-_") or "area"
