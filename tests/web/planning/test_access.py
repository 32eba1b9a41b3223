"""The access matrix of every planning page for every role: another organisation's plan
answers 404, partner-readers read shared plans and change nothing, community workers
record progress only on their own projects."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

ROLES = ["admin_e", "coord_e", "worker_e", "partner_p", "coord_w"]
EAST = {"admin_e", "coord_e", "worker_e"}
EDITORS = {"admin_e", "coord_e"}


def _read(owner: set[str], shared: bool) -> dict[str, int]:
    out = {r: 200 if r in owner else 404 for r in ROLES}
    if shared:
        out["partner_p"] = 200
    return out


def _write(owner: set[str], editors: set[str], shared: bool, ok: int = 302) -> dict[str, int]:
    out = {r: (ok if r in editors else 403 if r in owner else 404) for r in ROLES}
    if shared:
        out["partner_p"] = 403
    return out


def pages(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int], dict[str, str]]]:
    rows: list[tuple[str, str, str, dict[str, int], dict[str, str]]] = [
        ("plans", "get", reverse("plan_list"), dict.fromkeys(ROLES, 200), {}),
        ("plan new", "get", reverse("plan_new"),
         {"admin_e": 200, "coord_e": 200, "worker_e": 403, "partner_p": 403, "coord_w": 200},
         {}),
        ("example", "post", reverse("plan_example"),
         {"admin_e": 302, "coord_e": 302, "worker_e": 403, "partner_p": 403, "coord_w": 302},
         {}),
    ]
    for label, plan, owner, shared in (("east", w["p_east"], EAST, False),
                                       ("west", w["p_west"], {"coord_w"}, False),
                                       ("shared", w["p_shared"], EAST, True)):
        editors = owner & EDITORS if label != "west" else {"coord_w"}
        read = _read(owner, shared)
        write = _write(owner, editors, shared)
        form = _write(owner, editors, shared, ok=200)
        pk = plan.pk
        action = plan.actions.first()
        rows += [
            (f"detail {label}", "get", reverse("plan_detail", args=[pk]), read, {}),
            (f"matrix {label}", "get", reverse("plan_matrix", args=[pk]), read, {}),
            (f"matrix save {label}", "post", reverse("plan_matrix", args=[pk]), write, {}),
            (f"sd new {label}", "get", reverse("goal_new", args=[pk, "sd"]), form, {}),
            (f"od new {label}", "get", reverse("goal_new", args=[pk, "od"]), form, {}),
            (f"action new {label}", "get", reverse("action_new", args=[pk]), form, {}),
            (f"project new {label}", "get", reverse("project_new", args=[pk]), form, {}),
            (f"year {label}", "get", reverse("year_detail", args=[pk, 2022]), read, {}),
            (f"indicators {label}", "get", reverse("plan_indicators", args=[pk]), read, {}),
            (f"coverage {label}", "get", reverse("plan_coverage", args=[pk]), read, {}),
            (f"coverage need {label}", "get",
             reverse("plan_coverage", args=[pk]) + f"?analysis={w['need'].pk}", read, {}),
            (f"indicators save {label}", "post", reverse("plan_indicators", args=[pk]), form,
             {}),
            (f"export {label}", "get", reverse("plan_export", args=[pk]), read, {}),
            (f"export year {label}", "get", reverse("plan_export", args=[pk]) + "?year=2022",
             read, {}),
            (f"report {label}", "get", reverse("plan_report", args=[pk]), read, {}),
            (f"document {label}", "get", reverse("plan_document", args=[pk, "html"]), read,
             {}),
            (f"share {label}", "post", reverse("plan_share", args=[pk]), write, {}),
            (f"delete {label}", "post", reverse("plan_delete", args=[pk]), write, {}),
        ]
        if action is not None:
            rows += [
                (f"action {label}", "get", reverse("action_detail", args=[pk, action.pk]), read,
                 {}),
                (f"action save {label}", "post", reverse("action_detail", args=[pk, action.pk]),
                 _write(owner, editors, shared, ok=200), {"code": ""}),
            ]
    p, pr, o, m = w["p_east"], w["project"], w["objective"], w["measure"]
    other = w["other_project"]
    progress = {"status": "on_track", "percentage": "60"}
    worker_ok = {"admin_e": 302, "coord_e": 302, "worker_e": 302, "partner_p": 404,
                 "coord_w": 404}
    rows += [
        ("project", "get", reverse("project_detail", args=[p.pk, pr.pk]), _read(EAST, False),
         {}),
        ("project edit", "get", reverse("project_edit", args=[p.pk, pr.pk]),
         _write(EAST, EDITORS, False, ok=200), {}),
        ("objective new", "post", reverse("objective_new", args=[p.pk, pr.pk]),
         _write(EAST, EDITORS, False), {"year": "2022", "title": "x", "status": "on_track",
                                        "percentage": "0"}),
        ("measure new", "post", reverse("measure_new", args=[p.pk, pr.pk]),
         _write(EAST, EDITORS, False), {"kind": "how_well", "name": "x"}),
        # the worker works on this project: progress and measure values are theirs to record
        ("progress own", "post", reverse("objective_progress", args=[p.pk, o.pk]), worker_ok,
         progress),
        ("value own", "post", reverse("measure_value", args=[p.pk, m.pk]), worker_ok,
         {"period": "2022", "value": "3"}),
        ("edit other project", "get", reverse("project_edit", args=[p.pk, other.pk]),
         _write(EAST, EDITORS, False, ok=200), {}),
    ]
    return rows


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(plans: dict[str, Any], login: Any, role: str) -> None:
    client = login(role)
    rows = sorted(pages(plans), key=lambda r: r[0].startswith("delete"))
    failures = []
    for label, method, url, expected, data in rows:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        if response.status_code != expected[role]:
            failures.append(f"{label} {url}: {response.status_code}, expected {expected[role]}")
        if response.status_code == 200 and method == "get" and "html" in response.get(
                "Content-Type", ""):
            body = response.content.decode()
            others = {"coord_w": {"Oost meerjarenplan", "Gedeeld sectorplan"},
                      "partner_p": {"Oost meerjarenplan", "West meerjarenplan"}}.get(
                role, {"West meerjarenplan"})
            leaked = [o for o in others if o in body]
            if leaked:
                failures.append(f"{label}: shows {leaked}")
    assert not failures, "\n".join(failures)


def test_worker_cannot_record_progress_on_someone_elses_project(plans: dict[str, Any],
                                                               login: Any) -> None:
    from opbouw.web.planning import store

    other = plans["other_project"]
    objective = store.year_plan(plans["p_east"], 2022).objectives.create(project=other,
                                                                          title="y")
    client = login("worker_e")
    url = reverse("objective_progress", args=[plans["p_east"].pk, objective.pk])
    assert client.post(url, {"status": "achieved", "percentage": "100"}).status_code == 403
    objective.refresh_from_db()
    assert objective.percentage == 0


def test_anonymous_users_are_sent_to_login(plans: dict[str, Any], client: Any) -> None:
    for _label, method, url, _expected, _data in pages(plans):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(plans: dict[str, Any], client: Any, role: str) -> None:
    from opbouw.web.accounts.models import ApiToken

    _token, raw = ApiToken.issue(plans["users"][role], "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    expected = {"admin_e": {"Oost meerjarenplan", "Gedeeld sectorplan"},
                "coord_e": {"Oost meerjarenplan", "Gedeeld sectorplan"},
                "worker_e": {"Oost meerjarenplan", "Gedeeld sectorplan"},
                "partner_p": {"Gedeeld sectorplan"}, "coord_w": {"West meerjarenplan"}}[role]
    assert {p["name"] for p in client.get("/api/plans", **auth).json()} == expected
    for key in ("p_east", "p_west", "p_shared"):
        plan = plans[key]
        response = client.get(f"/api/plans/{plan.pk}", **auth)
        assert response.status_code == (200 if plan.name in expected else 404)
    if role == "coord_e":
        body = client.get(f"/api/plans/{plans['p_east'].pk}", **auth).json()
        assert [g["code"] for g in body["goals"]] == ["SD1", "SD2", "SD3", "SDI"]
        assert body["year"] == 2022
        stek = next(a for a in body["actions"] if a["code"] == "SA1")
        assert stek["contributions"] == [{"od": "OD1.1", "strength": "surely",
                                          "source": "beschrijving"}]
    assert client.get("/api/plans").status_code == 401


# --- every page and API endpoint of the app is in the matrices above ----------------------
#: the app whose URLs this file answers for (tests/web/test_access.py checks the union)
APP = "planning"


def test_every_url_of_the_app_is_in_its_matrix(plans: dict[str, Any], client: Any) -> None:
    from tests.web.test_access import RecordingClient, assert_app_covered

    recorder = RecordingClient(client)
    test_api_matrix(plans, recorder, "admin_e")
    assert_app_covered(APP, pages(plans), recorder.paths, {})
