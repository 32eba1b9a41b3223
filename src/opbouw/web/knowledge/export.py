"""An area's knowledge as data: map features, GeoJSON of places, the export bundle.

The pages, the export downloads and the JSON API use these functions, so what a user can
read is the same everywhere: only records ``visible`` to them.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from opbouw.analysis.places import density_grid
from opbouw.web.accounts.access import visible
from opbouw.web.areas.models import Area
from opbouw.web.knowledge.models import (
    AccessAudit,
    Answer,
    Asset,
    Note,
    Place,
    ProblemStatement,
    StatementItem,
)

HEAT_CELL_M = 200


def _point(geom: dict[str, Any] | None) -> tuple[float, float] | None:
    if not geom:
        return None
    if geom.get("type") == "Point":
        x, y = geom["coordinates"][:2]
        return float(x), float(y)
    from shapely.geometry import shape

    c = shape(geom).centroid
    return c.x, c.y


def place_dict(p: Place) -> dict[str, Any]:
    return {"id": p.pk, "name": p.name, "experience": p.experience, "meaning": p.meaning,
            "why": p.why, "group": p.group, "time": p.time, "via": p.via,
            "observed_on": p.observed_on.isoformat(), "blurred_m": p.blurred_m,
            "reviewed": p.reviewed, "organisation": p.organisation.name}


def asset_dict(a: Asset) -> dict[str, Any]:
    return {"id": a.pk, "kind": a.kind, "name": a.name, "role": a.role,
            "named_with_consent": a.named_with_consent, "description": a.description,
            "organisation": a.organisation.name}


def note_dict(n: Note) -> dict[str, Any]:
    return {"id": n.pk, "kind": n.kind, "title": n.title, "text": n.text, "needs": n.needs,
            "observed_on": n.observed_on.isoformat(), "source": n.source,
            "source_detail": n.source_detail, "organisation": n.organisation.name,
            "other_areas": [a.code for a in n.other_areas.all()]}


def answer_dict(a: Answer) -> dict[str, Any]:
    return {"id": a.pk, "question": a.question.number, "question_nl": a.question.text_nl,
            "question_en": a.question.text_en, "text": a.text, "evidence": a.evidence,
            "answered_by": a.answered_by.get_username() if a.answered_by else None,
            "updated_at": a.updated_at.isoformat(), "organisation": a.organisation.name}


def statement_dict(s: ProblemStatement) -> dict[str, Any]:
    versions = []
    for v in s.versions.all():
        versions.append({
            "number": v.number, "summary": v.summary, "change_note": v.change_note,
            "created_at": v.created_at.isoformat(),
            "items": [{"section": i.section, "text": i.text, "evidence": i.evidence}
                      for i in v.items.all()],
            "goals": [{"text": g.text, "tracks": g.tracks, "perspectives": g.perspectives,
                       "evidence": g.evidence} for g in v.goals.all()]})
    return {"id": s.pk, "title": s.title, "organisation": s.organisation.name,
            "versions": versions}


def audit_dict(a: AccessAudit) -> dict[str, Any]:
    return {"id": a.pk, "title": a.title, "audited_on": a.audited_on.isoformat(),
            "remarks": a.remarks, "organisation": a.organisation.name,
            "services": [{"service": s.service, "asset": s.asset_id, "scores": s.scores(),
                          "remarks": {b: getattr(s, f"{b}_note") for b in s.scores()}}
                         for s in a.services.all()]}


def _feature(geom: dict[str, Any] | None, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geom, "properties": props}


def _exported_place(p: Place) -> dict[str, Any]:
    """A place as it leaves the system: blurred to the export precision (a public
    contribution only ever had its blurred location; exports blur every place)."""
    from opbouw.web.trust.disclosure import blurred_for_export

    geometry, precision = blurred_for_export(p.geometry, p.blurred_m)
    return _feature(geometry, {**place_dict(p), "blurred_m": precision})


#: strengths that are people: their location is blurred in exports
PERSON_ASSETS = (Asset.Kind.TALENT, Asset.Kind.KEY_FIGURE)


def exported_asset_geometry(a: Asset) -> dict[str, Any] | None:
    """Facilities and spaces as drawn; the location of a person blurred for export."""
    if a.kind not in PERSON_ASSETS:
        return a.geometry
    from opbouw.web.trust.disclosure import blurred_for_export

    return blurred_for_export(a.geometry)[0]


def places_geojson(area: Area, user: Any) -> dict[str, Any]:
    """Places for export (downloads and API), blurred to the export precision."""
    qs = visible(Place.objects.filter(area=area), user).select_related("organisation")
    return {"type": "FeatureCollection", "features": [_exported_place(p) for p in qs]}


def assets_geojson(area: Area, user: Any) -> dict[str, Any]:
    qs = visible(Asset.objects.filter(area=area), user).select_related("organisation")
    return {"type": "FeatureCollection",
            "features": [_feature(exported_asset_geometry(a), asset_dict(a))
                         for a in qs if a.geometry]}


def map_features(area: Area, user: Any) -> dict[str, Any]:
    """What the area's knowledge map draws: places, strengths and the density of
    frequented and avoided places (square cells counted server-side)."""
    features = []
    points: dict[str, list[tuple[float, float]]] = {"frequented": [], "avoided": []}
    for p in visible(Place.objects.filter(area=area), user):
        features.append(_feature(p.geometry, {
            "layer": "place", "experience": p.experience, "label": str(p),
            "url": reverse("knowledge_place", args=[p.pk])}))
        pt = _point(p.geometry)
        if pt and p.experience in points:
            points[p.experience].append(pt)
    for a in visible(Asset.objects.filter(area=area), user):
        if a.geometry:
            features.append(_feature(a.geometry, {
                "layer": "asset", "kind": a.kind, "label": f"{a.get_kind_display()}: {a.name}",
                "url": reverse("knowledge_asset", args=[a.pk])}))
    features.extend(note_features(area, user))
    for experience, pts in points.items():
        for cell in density_grid(pts, HEAT_CELL_M):
            ring = [list(map(list, cell.ring))]
            features.append(_feature({"type": "Polygon", "coordinates": ring},
                                     {"layer": "heat", "experience": experience,
                                      "count": cell.count}))
    return {"type": "FeatureCollection", "features": features, "cell_m": HEAT_CELL_M}


def _anchor(geometry_text: str) -> dict[str, Any] | None:
    """A point inside an area's polygon, where the map pins what concerns the whole area."""
    import json

    if not geometry_text:
        return None
    from shapely.geometry import mapping, shape

    try:
        return dict(mapping(shape(json.loads(geometry_text)).representative_point()))
    except (ValueError, TypeError, AttributeError):
        return None


def note_features(area: Area, user: Any) -> list[dict[str, Any]]:
    """Notes are about areas, not points: one marker per area, inside it, listing the notes
    about this area that the user may read (also those that "also concern" it)."""
    from django.db.models import Q

    notes = visible(Note.objects.filter(Q(area=area) | Q(other_areas=area)), user) \
        .distinct().order_by("-observed_on", "-pk")
    notes = list(notes)
    anchor = _anchor(area.geometry)
    if not notes or anchor is None:
        return []
    url = reverse("knowledge_note", args=[notes[0].pk]) if len(notes) == 1 else \
        reverse("knowledge_area", args=[area.dataset_id, area.code]) + "#notes"
    return [_feature(anchor, {"layer": "note", "count": len(notes), "url": url,
                              "label": "; ".join(n.title for n in notes[:5])
                              + (" …" if len(notes) > 5 else "")})]


def numbers_layer(area: Area, key: str | None = None) -> dict[str, Any]:
    """The objective layer on the same map: the areas of this area's level (its siblings
    when it has a parent) coloured by one indicator, as a percentile with 1 = worst, the
    direction rule of the catalogue (``opbouw.analysis.ranking.percentile_rank``)."""
    import json
    import math

    from opbouw.analysis.ranking import percentile_rank
    from opbouw.web.areas import store
    from opbouw.web.areas.catalogue import analysable, catalogue_for, direction, label, unit

    dataset = area.dataset
    cat = catalogue_for(dataset.organisation_id)
    keys = analysable(store.indicators_in(dataset), cat)
    table = store.wide(dataset, keys, None, area.level or None)
    areas = store.tables(dataset)["areas"]
    if area.parent_code:
        table = table.loc[table.index.isin(areas.index[areas["parent"] == area.parent_code])]
    shown = [k for k in keys if area.code in table.index and k in table.columns
             and table[k].notna().sum() >= 2 and not math.isnan(float(table.at[area.code, k]))]
    scope = "siblings"
    if not shown:
        # no numbers of its own (a province of a dataset with municipal values): the areas
        # below it that the area page lists, at the level with values
        found = store.sub_area_values(dataset, area.code, keys, None)
        if found is not None:
            table = found[2]
            shown = [k for k in keys if k in table.columns and table[k].notna().sum() >= 2]
            scope = "children"
    keys = shown
    out: dict[str, Any] = {"type": "FeatureCollection", "features": [],
                           "indicators": [{"key": k, "label": label(k, cat)} for k in keys],
                           "indicator": None, "label": "", "unit": "", "scope": scope}
    if not keys:
        return out
    key = key if key in keys else keys[0]
    col = table[[key]].dropna()
    pct = percentile_rank(col, {key: direction(key, cat)})[key]
    out.update(indicator=key, label=label(key, cat), unit=unit(key, cat))
    for a in Area.objects.filter(dataset=dataset, code__in=list(col.index)).exclude(
            geometry="").only("code", "name", "geometry"):
        p = float(pct[a.code])
        out["features"].append(_feature(json.loads(a.geometry), {
            "layer": "numbers", "code": a.code, "name": a.name or a.code,
            "value": float(col.at[a.code, key]),
            "percentile": None if math.isnan(p) else round(p, 3),
            "own": a.code == area.code}))
    return out


def bundle(area: Area, user: Any) -> dict[str, Any]:
    """Everything the user may read about the area's knowledge, as one document."""
    def v(model: Any) -> Any:
        return visible(model.objects.filter(area=area), user).select_related("organisation")

    return {
        "area": {"dataset": area.dataset_id, "code": area.code, "name": area.name,
                 "level": area.level},
        "notes": [note_dict(n) for n in v(Note).prefetch_related("other_areas")],
        "assets": [dict(asset_dict(a), geometry=exported_asset_geometry(a)) for a in v(Asset)],
        "places": places_geojson(area, user),
        "answers": [answer_dict(a) for a in v(Answer).select_related("question", "answered_by")],
        "problem_statements": [statement_dict(s) for s in v(ProblemStatement)],
        "audits": [audit_dict(a) for a in v(AccessAudit).prefetch_related("services")],
    }


def cited_by(obj: Any, user: Any) -> list[dict[str, Any]]:
    """Statements and answers that cite ``obj`` (the reverse of the evidence trail)."""
    key = obj.evidence_key
    out = []
    for a in visible(Answer.objects.filter(area=obj.area), user).select_related("question"):
        if key in a.evidence:
            out.append({"label": f"{a.question.number}. {a.text[:80]}",
                        "url": reverse("knowledge_answer", args=[a.pk])})
    for s in visible(ProblemStatement.objects.filter(area=obj.area), user):
        current = s.current
        if current is None:
            continue
        cited = any(key in i.evidence for i in StatementItem.objects.filter(version=current)) \
            or any(key in g.evidence for g in current.goals.all())
        if cited:
            out.append({"label": s.title, "url": reverse("knowledge_statement", args=[s.pk])})
    return out
