"""Rows of the access matrix (tests/web/test_access.py) for the studies: a study is seen
by whoever sees its dataset, started by those who may analyse, and 404 for the rest."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

ROLES = ["admin_e", "coord_e", "worker_e", "partner_p", "coord_w"]
EAST = {"admin_e", "coord_e", "worker_e"}
RESULT = {"level": "municipality", "columns": ["code", "name", "value"],
          "rows": [["46021", "Sint-Niklaas", 1.0]], "classes": {"46021": 0},
          "legend": [["cluster_HH", "#d7191c"]], "legend_title": "lisa_cluster",
          "summary": {"nl": ["Een zin."], "en": ["A sentence."]}, "meta": []}


def _seen(owner: set[str], partner: int | None = None) -> dict[str, int]:
    out = {r: (200 if r in owner else 404) for r in ROLES}
    if partner is not None:
        out["partner_p"] = partner
    return out


def pages(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int]]]:
    from opbouw.web.studies.models import Study

    rows = []
    for label, ds, org, owner, shared in (
            ("east", w["ds_east"], w["orgs"]["east"], EAST, False),
            ("west", w["ds_west"], w["orgs"]["west"], {"coord_w"}, False),
            ("shared", w["ds_shared"], w["orgs"]["east"], EAST, True)):
        study = Study.objects.create(organisation=org, dataset=ds, kind="hotspots",
                                     options={}, version=ds.version, key=f"k-{label}",
                                     result=RESULT)
        rows += [
            (f"studies {label}", "get", reverse("study_index", args=[ds.pk]),
             _seen(owner, 200 if shared else None)),
            (f"study form {label}", "get", reverse("study_new", args=[ds.pk, "hotspots"]),
             _seen(owner, 403 if shared else None)),
            (f"study form unknown kind {label}", "get",
             reverse("study_new", args=[ds.pk, "bestaat-niet"]), dict.fromkeys(ROLES, 404)),
            (f"study {label}", "get", reverse("study_detail", args=[study.pk]),
             _seen(owner, 200 if shared else None)),
            (f"study export {label}", "get", reverse("study_export", args=[study.pk, "csv"]),
             _seen(owner, 200 if shared else None)),
        ]
    return rows
