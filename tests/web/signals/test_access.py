"""The access matrix of every signals page and endpoint, for every role."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.test_access import EAST, ROLES, _share

MANAGERS = {"admin_e", "coord_e", "coord_w"}
RECORDERS = {"admin_e", "coord_e", "worker_e", "coord_w"}


def _by_role(allowed: set[str], ok: int, owner: set[str], shared: bool = False) -> dict[str, int]:
    """``ok`` for allowed members of the owner, 403 for other members, 404 for outsiders;
    a partner of a shared object reads but may not act (403)."""
    out = {r: (ok if r in allowed & owner else 403 if r in owner else 404) for r in ROLES}
    if shared:
        out["partner_p"] = 403
    return out


def pages(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int]]]:
    all_ok = dict.fromkeys(ROLES, 200)
    rows = [
        ("signals", "get", reverse("signals:signal_list"), all_ok),
        ("overview", "get", reverse("signals:overview"), all_ok),
        ("overview csv", "get", reverse("signals:overview_csv"), all_ok),
        ("map", "get", reverse("signals:map"), all_ok),
        ("dossiers", "get", reverse("signals:dossier_list"), all_ok),
        ("signal new", "get", reverse("signals:signal_new"),
         {r: 200 if r in RECORDERS else 403 for r in ROLES}),
        ("dossier new", "get", reverse("signals:dossier_new"),
         {r: 200 if r in MANAGERS else 403 for r in ROLES}),
    ]
    for label, s, owner in (("east", w["sig_east"], EAST), ("west", w["sig_west"], {"coord_w"})):
        rows += [
            (f"signal {label}", "get", reverse("signals:signal_detail", args=[s.pk]),
             _by_role(set(ROLES), 200, owner)),
            (f"signal edit {label}", "get", reverse("signals:signal_edit", args=[s.pk]),
             _by_role(RECORDERS, 200, owner)),
            (f"status {label}", "post", reverse("signals:signal_status", args=[s.pk]),
             _by_role(MANAGERS, 302, owner)),
            (f"merge {label}", "post", reverse("signals:signal_merge", args=[s.pk]),
             _by_role(MANAGERS, 302, owner)),
        ]
    for label, d, owner, shared in (("east", w["dos_east"], EAST, False),
                                    ("west", w["dos_west"], {"coord_w"}, False),
                                    ("shared", w["dos_shared"], EAST, True)):
        read = _by_role(set(ROLES), 200, owner)
        if shared:
            read["partner_p"] = 200
        req = w["req_" + label]
        rows += [
            (f"dossier {label}", "get", reverse("signals:dossier_detail", args=[d.pk]), read),
            (f"export {label}", "get", reverse("signals:dossier_export", args=[d.pk]), read),
            (f"document {label}", "get",
             reverse("signals:dossier_document", args=[d.pk, "html"]), read),
            (f"dossier edit {label}", "get", reverse("signals:dossier_edit", args=[d.pk]),
             _by_role(MANAGERS, 200, owner, shared)),
            (f"request new {label}", "get", reverse("signals:request_new", args=[d.pk]),
             _by_role(MANAGERS, 200, owner, shared)),
            (f"request edit {label}", "get", reverse("signals:request_edit", args=[req.pk]),
             _by_role(MANAGERS, 200, owner, shared)),
            (f"dossier share {label}", "post", reverse("signals:dossier_share", args=[d.pk]),
             _share(owner, shared)),
            (f"delete dossier {label}", "post", reverse("signals:dossier_delete", args=[d.pk]),
             _by_role(MANAGERS, 302, owner, shared)),
        ]
    for label, s, owner in (("east", w["sig_east"], EAST), ("west", w["sig_west"], {"coord_w"})):
        rows.append((f"delete signal {label}", "post",
                     reverse("signals:signal_delete", args=[s.pk]),
                     _by_role(MANAGERS, 302, owner)))
    return rows


def _leaks(role: str) -> set[str]:
    if role == "coord_w":
        return {"Oost signaal", "Oost dossier", "Gedeeld dossier"}
    if role == "partner_p":
        # the shared dossier shows its signals: that is what was shared
        return {"West signaal", "West dossier", "Oost dossier"}
    return {"West signaal", "West dossier"}


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(practice: dict[str, Any], login: Any, role: str) -> None:
    client = login(role)
    rows = sorted(pages(practice), key=lambda r: r[0].startswith("delete"))
    failures = []
    for label, method, url, expected in rows:
        response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            failures.append(f"{label} {url}: {response.status_code}, expected {expected[role]}")
        if response.status_code == 200 and method == "get":
            body = response.content.decode()
            leaked = [o for o in _leaks(role) if o in body]
            if leaked:
                failures.append(f"{label}: shows {leaked}")
    assert not failures, "\n".join(failures)


def test_anonymous_users_are_sent_to_login(practice: dict[str, Any], client: Any) -> None:
    for _label, method, url, _expected in pages(practice):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(practice: dict[str, Any], client: Any, role: str) -> None:
    from opbouw.web.accounts.models import ApiToken

    _token, raw = ApiToken.issue(practice["users"][role], "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    seen = {"coord_w": {"West dossier"}, "partner_p": {"Gedeeld dossier"}}.get(
        role, {"Oost dossier", "Gedeeld dossier"})
    titles = {d["title"] for d in client.get("/api/signals/dossiers", **auth).json()}
    assert titles == seen
    for key in ("dos_east", "dos_west", "dos_shared"):
        d = practice[key]
        expected = 200 if d.title in seen else 404
        assert client.get(f"/api/signals/dossiers/{d.pk}", **auth).status_code == expected
    counts = client.get("/api/signals/counts?by=area", **auth).json()
    areas = {r["label"] for r in counts["rows"]}
    assert areas == {"coord_w": {"Brugge"}, "partner_p": set()}.get(role, {"Sint-Niklaas"})
    assert client.get("/api/signals/counts").status_code == 401


# --- every page and API endpoint of the app is in the matrices above ----------------------
#: the app whose URLs this file answers for (tests/web/test_access.py checks the union)
APP = "signals"


def test_every_url_of_the_app_is_in_its_matrix(practice: dict[str, Any], client: Any) -> None:
    from tests.web.test_access import RecordingClient, assert_app_covered

    recorder = RecordingClient(client)
    test_api_matrix(practice, recorder, "admin_e")
    assert_app_covered(APP, pages(practice), recorder.paths, {})


def test_api_errors_are_in_the_users_language(practice: dict[str, Any], client: Any) -> None:
    from opbouw.web.accounts.models import ApiToken

    _token, raw = ApiToken.issue(practice["users"]["coord_e"], "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    bad = client.get("/api/signals/counts?by=colour", **auth)
    assert bad.status_code == 400
    assert bad.json()["detail"] == "by: kies uit right, theme, area, period"
    bad = client.get("/api/signals/counts?period=week", **auth)
    assert bad.status_code == 400 and bad.json()["detail"].startswith("period: kies uit ")
    client.cookies["django_language"] = "en"
    english = client.get("/api/signals/counts?by=colour", **auth)
    assert english.json()["detail"] == "by: one of right, theme, area, period"
