"""Forms with an organisation: a user of one organisation finds it chosen (no empty
"---------" line); with several, the user chooses. Sharing never offers the owner."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse


def _select(body: str, name: str) -> str:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', body, re.S)
    assert found, name
    return found.group(1)


def test_new_signal_preselects_the_only_organisation(world: dict, login: Any) -> None:
    east = world["orgs"]["east"]
    body = login("coord_e").get(reverse("signals:signal_new")).content.decode()
    options = _select(body, "organisation")
    assert "---------" not in options
    assert re.findall(r'<option value="(\d+)"', options) == [str(east.pk)]
    assert f'<option value="{east.pk}" selected>' in options


def test_new_self_assessment_preselects_the_only_organisation(world: dict, login: Any) -> None:
    east = world["orgs"]["east"]
    body = login("admin_e").get(reverse("inclusion:assessment_new")).content.decode()
    options = _select(body, "organisation")
    assert "---------" not in options
    assert f'<option value="{east.pk}" selected>' in options


def test_several_organisations_are_not_preselected(world: dict, login: Any) -> None:
    from opbouw.web.accounts.models import Membership, Role

    Membership.objects.create(user=world["users"]["admin_e"], organisation=world["orgs"]["west"],
                              role=Role.ADMIN)
    body = login("admin_e").get(reverse("inclusion:assessment_new")).content.decode()
    options = _select(body, "organisation")
    assert " selected>" not in options


def test_new_analysis_does_not_offer_sharing_with_the_own_organisation(
        world: dict, login: Any) -> None:
    east, partner = world["orgs"]["east"], world["orgs"]["partner"]
    body = login("coord_e").get(reverse("analysis_new")).content.decode()
    shared = re.findall(r'name="shared_with" value="(\d+)"', body)
    assert str(partner.pk) in shared
    assert str(east.pk) not in shared


def test_sharing_with_the_owner_is_left_out(world: dict, login: Any) -> None:
    from opbouw.web.analyses.forms import AnalysisForm

    east = world["orgs"]["east"]
    form = AnalysisForm(world["users"]["coord_e"], "nl", [])
    assert east not in form.fields["shared_with"].queryset
    assert form.fields["organisation"].initial == east.pk
