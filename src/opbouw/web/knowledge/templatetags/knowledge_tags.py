"""The knowledge box on the area page: counts and the link to the knowledge tab."""

from __future__ import annotations

from typing import Any

from django import template

from opbouw.web.accounts.access import visible

register = template.Library()


@register.inclusion_tag("knowledge/area_box.html", takes_context=True)
def knowledge_box(context: Any) -> dict[str, Any]:
    from opbouw.web.knowledge.models import Answer, Asset, Note, Place, Question
    from opbouw.web.knowledge.views import writer_organisation

    request, area = context.get("request"), context.get("area")
    if request is None or area is None or not request.user.is_authenticated:
        return {}
    user = request.user
    org = writer_organisation(user, area.dataset) or area.dataset.organisation
    answered = visible(Answer.objects.filter(area=area), user).values(
        "question__number").distinct().count()
    return {"knowledge": {
        "dataset": area.dataset_id, "code": area.code,
        "notes": visible(Note.objects.filter(area=area), user).count(),
        "places": visible(Place.objects.filter(area=area), user).count(),
        "assets": visible(Asset.objects.filter(area=area), user).count(),
        "done": answered, "total": Question.for_organisation(org).count()}}
