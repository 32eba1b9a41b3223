"""Terrain knowledge in the JSON API: the same functions and permissions as the pages.

Places and strengths are GeoJSON; a public contribution has only its blurred location.
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router
from ninja.errors import HttpError

from opbouw.web.accounts.access import visible
from opbouw.web.areas.models import Area, Dataset
from opbouw.web.knowledge import export
from opbouw.web.knowledge.models import AccessAudit, Answer, Note, ProblemStatement

# the group in the API documentation, in the user's language (the schema is built per
# request)
router = Router(tags=[cast(str, gettext_lazy("Knowledge"))])


def _area(request: HttpRequest, dataset: int, code: str) -> Area:
    ds = visible(Dataset.objects, request.user).filter(pk=dataset).first()
    area = Area.objects.filter(dataset=ds, code=code).select_related("dataset").first() \
        if ds else None
    if area is None:
        raise HttpError(404, "not found")
    return area


def _rows(model: Any, area: Area, request: HttpRequest) -> Any:
    return visible(model.objects.filter(area=area), request.user).select_related("organisation")


@router.get("/{dataset}/{code}/notes", response=list[dict[str, Any]])
def notes(request: HttpRequest, dataset: int, code: str) -> list[dict[str, Any]]:
    area = _area(request, dataset, code)
    return [export.note_dict(n) for n in _rows(Note, area, request).prefetch_related("other_areas")]


@router.get("/{dataset}/{code}/assets", response=dict[str, Any])
def assets(request: HttpRequest, dataset: int, code: str) -> dict[str, Any]:
    return export.assets_geojson(_area(request, dataset, code), request.user)


@router.get("/{dataset}/{code}/places", response=dict[str, Any])
def places(request: HttpRequest, dataset: int, code: str) -> dict[str, Any]:
    return export.places_geojson(_area(request, dataset, code), request.user)


@router.get("/{dataset}/{code}/answers", response=list[dict[str, Any]])
def answers(request: HttpRequest, dataset: int, code: str) -> list[dict[str, Any]]:
    area = _area(request, dataset, code)
    return [export.answer_dict(a)
            for a in _rows(Answer, area, request).select_related("question", "answered_by")]


@router.get("/{dataset}/{code}/statements", response=list[dict[str, Any]])
def statements(request: HttpRequest, dataset: int, code: str) -> list[dict[str, Any]]:
    area = _area(request, dataset, code)
    return [export.statement_dict(s) for s in _rows(ProblemStatement, area, request)]


@router.get("/{dataset}/{code}/audits", response=list[dict[str, Any]])
def audits(request: HttpRequest, dataset: int, code: str) -> list[dict[str, Any]]:
    area = _area(request, dataset, code)
    return [export.audit_dict(a)
            for a in _rows(AccessAudit, area, request).prefetch_related("services")]


@router.get("/{dataset}/{code}/export", response=dict[str, Any])
def bundle(request: HttpRequest, dataset: int, code: str) -> dict[str, Any]:
    return export.bundle(_area(request, dataset, code), request.user)
