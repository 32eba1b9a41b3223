"""The access matrix of every knowledge page and API endpoint, for every role.

Another organisation's worker gets 404; the partner-reader reads only what was shared with
it and writes nothing; the public form works without an account only where it is open.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.knowledge.conftest import CODE

ROLES = ["admin_e", "coord_e", "worker_e", "partner_p", "coord_w"]
EAST = {"admin_e", "coord_e", "worker_e"}
LABELS = ("Notitie", "Kracht", "Plaats", "Antwoord", "Probleemstelling", "Audit", "Nood")
KINDS = ("note", "asset", "place", "answer", "statement", "audit")
SEES = {  # which record sets each role may read
    "admin_e": {"east", "shared", "private"}, "coord_e": {"east", "shared", "private"},
    "worker_e": {"east", "shared", "private"}, "partner_p": {"shared"}, "coord_w": {"west"},
}
TAGS = {"east": "Oost", "west": "West", "shared": "Gedeeld", "private": "Intern"}


def _indicator(ds: Any) -> str:
    from opbouw.web.areas import store

    return store.indicators_in(ds)[0]


def pages(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int]]]:
    rows: list[tuple[str, str, str, dict[str, int]]] = []
    datasets = (("east", w["ds_east"], EAST, False), ("west", w["ds_west"], {"coord_w"}, False),
                ("shared", w["ds_shared"], EAST, True))
    for label, ds, owner, shared in datasets:
        read = {r: 200 if r in owner or (shared and r == "partner_p") else 404 for r in ROLES}
        write = {r: 200 if r in owner else 403 if read[r] == 200 else 404 for r in ROLES}
        manage = {r: 200 if r in owner and r != "worker_e" else 403 if read[r] == 200 else 404
                  for r in ROLES}
        args = [ds.pk, CODE]
        rows += [
            (f"area {label}", "get", reverse("knowledge_area", args=args), read),
            (f"map {label}", "get", reverse("knowledge_map", args=args), read),
            (f"numbers {label}", "get", reverse("knowledge_numbers", args=args), read),
            (f"export json {label}", "get",
             reverse("knowledge_export", args=[*args, "json"]), read),
            (f"export geojson {label}", "get",
             reverse("knowledge_export", args=[*args, "geojson"]), read),
            (f"questions {label}", "get", reverse("knowledge_questions", args=args), read),
            (f"indicator {label}", "get",
             reverse("knowledge_indicator", args=[*args, _indicator(ds)]), read),
            (f"answer {label}", "get",
             reverse("knowledge_answer_question", args=[*args, 3]), write),
            (f"statement new {label}", "get", reverse("knowledge_statement_new", args=args), write),
            (f"audit new {label}", "get", reverse("knowledge_audit_new", args=args), write),
            (f"public settings {label}", "get", reverse("knowledge_public_settings", args=args),
             manage),
        ] + [(f"new {kind} {label}", "get", reverse("knowledge_new", args=[*args, kind]), write)
             for kind in ("note", "asset", "place")]
    for group, records in w["records"].items():
        owner = {"coord_w"} if group == "west" else EAST
        for kind, obj in records.items():
            read = {r: 200 if group in SEES[r] else 404 for r in ROLES}
            edit = {r: 200 if r in owner else 403 if read[r] == 200 else 404 for r in ROLES}
            post = {r: 302 if r in owner and r != "worker_e" else 403 if read[r] == 200
                    else 404 for r in ROLES}
            rows += [
                (f"{kind} {group}", "get", reverse(f"knowledge_{kind}", args=[obj.pk]), read),
                (f"{kind} edit {group}", "get", reverse(f"knowledge_{kind}_edit", args=[obj.pk]),
                 edit),
                (f"{kind} share {group}", "post",
                 reverse(f"knowledge_{kind}_share", args=[obj.pk]), post),
                (f"zdelete {kind} {group}", "post",
                 reverse(f"knowledge_{kind}_delete", args=[obj.pk]), post),
            ]
            if kind == "place":
                review = {r: 302 if r in owner else 403 if read[r] == 200 else 404
                          for r in ROLES}
                rows.append((f"place review {group}", "post",
                             reverse("knowledge_place_review", args=[obj.pk]), review))
    return rows


def _forbidden(role: str) -> list[str]:
    hidden = [g for g in TAGS if g not in SEES[role]]
    return [f"{label} {TAGS[g]}" for g in hidden for label in LABELS]


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(kworld: dict[str, Any], login: Any, role: str) -> None:
    client = login(role)
    rows = sorted(pages(kworld), key=lambda r: r[0].startswith("zdelete"))
    failures = []
    for label, method, url, expected in rows:
        response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            failures.append(f"{label} {url}: {response.status_code}, expected {expected[role]}")
        if response.status_code == 200 and method == "get":
            body = response.content.decode()
            leaked = [t for t in _forbidden(role) if t in body]
            if leaked:
                failures.append(f"{label}: shows {leaked}")
    assert not failures, "\n".join(failures)


def test_anonymous_users_are_sent_to_login(kworld: dict[str, Any], client: Any) -> None:
    for _label, method, url, _expected in pages(kworld):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_public_form_only_where_open(kworld: dict[str, Any], client: Any) -> None:
    assert client.get(reverse("knowledge_public", args=[kworld["open_form"].token])
                      ).status_code == 200
    assert client.get(reverse("knowledge_public", args=[kworld["closed_form"].token])
                      ).status_code == 404
    assert client.get(reverse("knowledge_public", args=["no-such-token"])).status_code == 404
    closed = client.post(reverse("knowledge_public", args=[kworld["closed_form"].token]),
                         {"geometry": "51.16, 4.14", "experience": "avoided",
                          "meaning": "x", "consent": "on"})
    assert closed.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(kworld: dict[str, Any], client: Any, role: str) -> None:
    from opbouw.web.accounts.models import ApiToken

    _token, raw = ApiToken.issue(kworld["users"][role], "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    for key, groups in (("ds_east", {"east"}), ("ds_west", {"west"}),
                        ("ds_shared", {"shared", "private"})):
        ds = kworld[key]
        readable = groups & SEES[role]
        for part in ("notes", "assets", "places", "answers", "statements", "audits", "export"):
            response = client.get(f"/api/knowledge/{ds.pk}/{CODE}/{part}", **auth)
            assert response.status_code == (200 if readable else 404), (key, part)
            if not readable:
                continue
            body = response.content.decode()
            for group in groups:
                tag = TAGS[group]
                shown = tag in body
                assert shown == (group in readable), (role, key, part, tag)


def test_api_needs_a_token(kworld: dict[str, Any], client: Any) -> None:
    ds = kworld["ds_east"]
    assert client.get(f"/api/knowledge/{ds.pk}/{CODE}/notes").status_code == 401
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert "/api/knowledge/{dataset}/{code}/places" in paths


# --- every page and API endpoint of the app is in the matrices above ----------------------
#: the app whose URLs this file answers for (tests/web/test_access.py checks the union)
APP = "knowledge"
#: pages outside the matrix above: public, without an account, whatever the role
NOT_IN_MATRIX = {"knowledge_public": "test_public_form_only_where_open",
                 "knowledge_public_thanks": "test_every_url_of_the_app_is_in_its_matrix"}


def test_every_url_of_the_app_is_in_its_matrix(kworld: dict[str, Any], client: Any) -> None:
    from tests.web.test_access import RecordingClient, assert_app_covered

    recorder = RecordingClient(client)
    test_api_matrix(kworld, recorder, "admin_e")
    assert_app_covered(APP, pages(kworld), recorder.paths, NOT_IN_MATRIX)
    # the thanks page of the public form: only where the form is open
    for form, expected in (("open_form", 200), ("closed_form", 404)):
        url = reverse("knowledge_public_thanks", args=[kworld[form].token])
        assert client.get(url).status_code == expected, form
