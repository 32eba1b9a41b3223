"""The access matrix of every page of the map of social inclusion."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.signals.test_access import MANAGERS, RECORDERS, _by_role
from tests.web.test_access import EAST, ROLES, _share


def pages(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int]]]:
    rows = [
        ("rounds", "get", reverse("inclusion:assessment_list"), dict.fromkeys(ROLES, 200)),
        ("new round", "get", reverse("inclusion:assessment_new"),
         {r: 200 if r in MANAGERS else 403 for r in ROLES}),
    ]
    for label, a, owner, shared in (("east", w["as_east"], EAST, False),
                                    ("west", w["as_west"], {"coord_w"}, False),
                                    ("shared", w["as_shared"], EAST, True)):
        read = _by_role(set(ROLES), 200, owner)
        if shared:
            read["partner_p"] = 200
        rows += [
            (f"result {label}", "get", reverse("inclusion:assessment_result", args=[a.pk]), read),
            (f"fill {label}", "get", reverse("inclusion:assessment_fill", args=[a.pk]),
             _by_role(RECORDERS, 200, owner, shared)),
            (f"share {label}", "post", reverse("inclusion:assessment_share", args=[a.pk]),
             _share(owner, shared)),
            (f"delete {label}", "post", reverse("inclusion:assessment_delete", args=[a.pk]),
             _by_role(MANAGERS, 302, owner, shared)),
        ]
    return rows


def _leaks(role: str) -> set[str]:
    if role == "coord_w":
        return {"Oost ronde", "Gedeelde ronde"}
    if role == "partner_p":
        return {"West ronde", "Oost ronde"}
    return {"West ronde"}


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(rounds: dict[str, Any], login: Any, role: str) -> None:
    client = login(role)
    failures = []
    for label, method, url, expected in sorted(pages(rounds),
                                               key=lambda r: r[0].startswith("delete")):
        response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            failures.append(f"{label} {url}: {response.status_code}, expected {expected[role]}")
        if response.status_code == 200 and method == "get":
            leaked = [o for o in _leaks(role) if o in response.content.decode()]
            if leaked:
                failures.append(f"{label}: shows {leaked}")
    assert not failures, "\n".join(failures)


def test_anonymous_users_are_sent_to_login(rounds: dict[str, Any], client: Any) -> None:
    for _label, method, url, _expected in pages(rounds):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


# --- every page of the app is in the matrix above (it has no API endpoints) ---------------
#: the app whose URLs this file answers for (tests/web/test_access.py checks the union)
APP = "inclusion"


def test_every_url_of_the_app_is_in_its_matrix(rounds: dict[str, Any]) -> None:
    from tests.web.test_access import assert_app_covered

    assert_app_covered(APP, pages(rounds), [], {})
