"""Signals and dossiers of two institutes, one dossier shared with the partner."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.web.test_browser import browser, page  # noqa: F401  (browser fixtures)


def make_signal(org: Any, **kw: Any) -> Any:
    from opbouw.web.signals.models import Signal

    fields = {"title": "Wachtlijst sociale huur", "description": "Lange wachttijd.",
              "right": "housing", "theme": "sociale huur", "area": "Sint-Niklaas",
              "group": "grote gezinnen", "people": 10, "noted_on": dt.date(2025, 2, 1)}
    fields.update(kw)
    return Signal.objects.create(organisation=org, **fields)


def build_practice(w: dict[str, Any]) -> dict[str, Any]:
    from opbouw.web.signals.models import Dossier, Request

    east, west, partner = w["orgs"]["east"], w["orgs"]["west"], w["orgs"]["partner"]
    out = {"sig_east": make_signal(east, title="Oost signaal"),
           "sig_west": make_signal(west, title="West signaal", area="Brugge")}
    for key, org, title in (("dos_east", east, "Oost dossier"), ("dos_west", west, "West dossier"),
                            ("dos_shared", east, "Gedeeld dossier")):
        d = Dossier.objects.create(organisation=org, title=title, problem="Probleem.")
        d.signals.add(out["sig_east"] if org == east else out["sig_west"])
        out[key] = d
        out["req_" + key[4:]] = Request.objects.create(
            dossier=d, asked_on=dt.date(2025, 3, 1), addressee="Gemeente", question="Vraag")
    out["dos_shared"].shared_with.add(partner)
    return out


@pytest.fixture
def practice(world: dict[str, Any]) -> dict[str, Any]:
    return {**world, **build_practice(world)}
