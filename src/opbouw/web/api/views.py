"""The JSON API (django-ninja, OpenAPI at /api/openapi.json): datasets, areas, indicators,
analyses and their results, with bearer tokens and the same permissions as the pages."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema, Swagger
from ninja.errors import HttpError
from ninja.security import HttpBearer

from opbouw.web.accounts.access import visible
from opbouw.web.accounts.models import ApiToken
from opbouw.web.analyses import engine
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import label
from opbouw.web.areas.models import Area, Dataset


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.select_related("user").filter(
            digest=ApiToken.hash(token), user__is_active=True).first()
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class SiteSwagger(Swagger):
    """The API documentation (Swagger UI, vendored by django-ninja, no CDN) inside the
    site's own layout: its header, a way back to the workspace, the title and description
    in the user's language. Swagger UI's own buttons have no translation."""

    template = "api/docs.html"


# title and description are lazy strings (typed as str for ninja): the schema is built per
# request, in the user's language
api = NinjaAPI(
    title=cast(str, gettext_lazy("opbouw API")), version="1", auth=TokenAuth(),
    urls_namespace="api", description=cast(str, gettext_lazy(
        "The data of opbouw for other programs: datasets, areas, indicators, analyses and "
        "their results, plans, knowledge and signals. Send an API key (page API) as "
        "Authorization: Bearer KEY; you see what you see in the workspace.")),
    docs=SiteSwagger(settings={"defaultModelsExpandDepth": 0}))
#: the groups of the API documentation (no "default"), in the user's language
DATASETS = [cast(str, gettext_lazy("Datasets"))]
ANALYSES = [cast(str, gettext_lazy("Analyses"))]

api.add_router("/knowledge/", "opbouw.web.knowledge.api.router")
api.add_router("/", "opbouw.web.planning.api.router")
api.add_router("/signals", "opbouw.web.signals.api.router")


class DatasetOut(Schema):
    id: int
    name: str
    organisation: str
    areas: int


class AreaOut(Schema):
    code: str
    name: str
    level: str
    parent: str
    population: float | None


class IndicatorOut(Schema):
    key: str
    label: str


class AnalysisOut(Schema):
    id: int
    name: str
    dataset: int
    organisation: str
    method: str
    config: dict


class ResultRow(Schema):
    code: str
    name: str
    score: float | None
    rank: int | None
    flag: bool


def _dataset(request: HttpRequest, pk: int) -> Dataset:
    found = visible(Dataset.objects, request.user).filter(pk=pk).first()
    if found is None:
        raise HttpError(404, "not found")
    return found


@api.get("/datasets", tags=DATASETS, response=list[DatasetOut])
def datasets(request: HttpRequest) -> list[dict]:
    return [{"id": d.pk, "name": d.name, "organisation": d.organisation.name,
             "areas": d.areas.count()}
            for d in visible(Dataset.objects.select_related("organisation"), request.user)]


@api.get("/datasets/{pk}/areas", tags=DATASETS, response=list[AreaOut])
def areas(request: HttpRequest, pk: int, level: str = "", q: str = "") -> list[dict]:
    qs = Area.objects.filter(dataset=_dataset(request, pk))
    if level:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(name__icontains=q)
    return [{"code": a.code, "name": a.name, "level": a.level, "parent": a.parent_code,
             "population": a.population} for a in qs]


@api.get("/datasets/{pk}/indicators", tags=DATASETS, response=list[IndicatorOut])
def indicators(request: HttpRequest, pk: int) -> list[dict]:
    return [{"key": k, "label": label(k)} for k in store.indicators_in(_dataset(request, pk))]


def _analysis(request: HttpRequest, pk: int) -> Analysis:
    found = visible(Analysis.objects.select_related("organisation", "dataset"),
                    request.user).filter(pk=pk).first()
    if found is None:
        raise HttpError(404, "not found")
    return found


def _out(a: Analysis) -> dict:
    return {"id": a.pk, "name": a.name, "dataset": a.dataset_id,
            "organisation": a.organisation.name, "method": a.method, "config": a.config}


@api.get("/analyses", tags=ANALYSES, response=list[AnalysisOut])
def analyses(request: HttpRequest) -> list[dict]:
    return [_out(a) for a in visible(Analysis.objects.select_related("organisation"),
                                     request.user)]


@api.get("/analyses/{pk}", tags=ANALYSES, response=AnalysisOut)
def analysis(request: HttpRequest, pk: int) -> dict:
    return _out(_analysis(request, pk))


@api.get("/analyses/{pk}/results", tags=ANALYSES, response=list[ResultRow])
def results(request: HttpRequest, pk: int) -> list[dict]:
    a = _analysis(request, pk)
    try:
        result = engine.compute(a.dataset, a.method, a.config)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    table = result["table"].sort_values("rank", na_position="last")
    return [{"code": str(c), "name": r.name, "score": engine.number(r.score),
             "rank": engine.integer(r.rank), "flag": bool(r.flag)}
            for c, r in zip(table.index, table.itertuples(index=False), strict=True)]
