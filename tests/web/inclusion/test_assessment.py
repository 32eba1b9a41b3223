"""Filling in, the result of a round (agreement, heat map, weakest factors) and change
between rounds, through the pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse

from opbouw.web.inclusion.factors import load
from opbouw.web.inclusion.forms import field_name


def answers(base: int, overrides: dict[tuple[str, str], int | None] | None = None,
            **texts: str) -> dict[str, Any]:
    """Every factor and dimension at ``base``, with some cells changed."""
    data: dict[str, Any] = {}
    for key in load().factors:
        for dim in ("culture", "practice", "policy"):
            data[field_name(key, dim)] = str(base)
    for (key, dim), value in (overrides or {}).items():
        data[field_name(key, dim)] = "" if value is None else str(value)
    data.update(texts)
    return data


def disagreeing(page: str) -> set[str]:
    return set(re.findall(r'<tr data-factor="([^"]+)" class="disagree"', page))


def test_two_people_disagree_on_exactly_those_factors(rounds: dict[str, Any],
                                                      login: Any) -> None:
    a = rounds["as_east"]
    fill = reverse("inclusion:assessment_fill", args=[a.pk])
    assert login("coord_e").post(fill, answers(3)).status_code == 302
    other = answers(3, {("org.leadership", "policy"): 1, ("pub.network", "culture"): 1,
                        ("staff.vision", "practice"): 2, ("env.layout", "culture"): None})
    assert login("worker_e").post(fill, other).status_code == 302
    page = login("coord_e").get(reverse("inclusion:assessment_result", args=[a.pk]))
    body = page.content.decode()
    # 3 vs 1 is two steps apart; 3 vs 2 is close enough; "don't know" is no disagreement
    assert disagreeing(body) == {"org.leadership", "pub.network"}
    assert "2 deelnemers" in body and "Uiteenlopende visies op 2 factoren." in body
    row = body.split('<tr data-factor="org.leadership"')[1].split("</tr>")[0]
    assert re.search(r'data-dimension="policy" class="disagree">.*2,0.*1–3', row, re.S)
    # weakest first: leadership and network (mean 2.67 over six answers)
    weakest = re.findall(r'<li data-factor="([^"]+)"', body.split('id="weakest"')[1])
    assert weakest[:2] == ["org.leadership", "pub.network"]


def test_filling_in_again_replaces_my_answers(rounds: dict[str, Any], login: Any) -> None:
    from opbouw.web.inclusion.models import Answer, Response

    a = rounds["as_east"]
    fill = reverse("inclusion:assessment_fill", args=[a.pk])
    client = login("worker_e")
    client.post(fill, answers(2))
    client.post(fill, answers(4, **{field_name("org.offer", "actions"): "Aanbod herbekijken"}))
    assert Response.objects.filter(assessment=a).count() == 1
    assert set(Answer.objects.filter(response__assessment=a).values_list("culture", flat=True)
               ) == {4}
    form = client.get(fill).content.decode()
    assert "Aanbod herbekijken" in form


def test_actions_show_with_the_weakest_factors(rounds: dict[str, Any], login: Any) -> None:
    a = rounds["as_east"]
    fill = reverse("inclusion:assessment_fill", args=[a.pk])
    action = field_name("org.history", "actions")
    login("coord_e").post(fill, answers(3, {("org.history", d): 1 for d in
                                            ("culture", "practice", "policy")},
                                        **{action: "Historiek bespreken op de teamdag"}))
    login("worker_e").post(fill, answers(3, **{action: "Historiek bespreken op de teamdag"}))
    body = login("coord_e").get(reverse("inclusion:assessment_result", args=[a.pk])
                                ).content.decode()
    first = body.split('id="weakest"')[1].split("</li>")[0]
    assert 'data-factor="org.history"' in first
    # the same action from two people is shown once
    assert body.count("Historiek bespreken op de teamdag") == 1


def test_a_second_round_a_year_later_shows_the_change(rounds: dict[str, Any],
                                                      login: Any) -> None:
    from opbouw.web.inclusion.models import Assessment

    first = rounds["as_east"]
    client = login("coord_e")
    client.post(reverse("inclusion:assessment_fill", args=[first.pk]), answers(2))
    response = client.post(reverse("inclusion:assessment_new"), {
        "organisation": rounds["orgs"]["east"].pk, "name": "Oost ronde 2026",
        "held_on": "2026-03-01"})
    second = Assessment.objects.get(name="Oost ronde 2026")
    assert response.status_code == 302 and second.previous() == first
    client.post(reverse("inclusion:assessment_fill", args=[second.pk]),
                answers(2, {("staff.method", "policy"): 4, ("pub.roles", "culture"): 1}))
    body = client.get(reverse("inclusion:assessment_result", args=[second.pk])).content.decode()
    assert "vergeleken met «Oost ronde»" in body
    changed, cells = {}, 0
    for key in load().factors:
        row = body.split(f'<tr data-factor="{key}"')[1].split("</tr>")[0]
        for cell in row.split("<td ")[1:]:
            dim = re.search(r'data-dimension="(\w+)"', cell).group(1)
            delta = re.search(r'data-delta="([^"]+)"', cell).group(1)
            cells += 1
            if delta != "0,00":
                changed[(key, dim)] = delta
    assert changed == {("staff.method", "policy"): "2,00", ("pub.roles", "culture"): "-1,00"}
    assert cells == 24 * 3  # every answered cell carries its change
    # without comparison no change is shown
    plain = client.get(reverse("inclusion:assessment_result", args=[second.pk])
                       + "?compare=none").content.decode()
    assert "data-delta" not in plain


def test_the_heat_map_shows_domain_means(rounds: dict[str, Any], login: Any) -> None:
    a = rounds["as_east"]
    overrides = {(k, "culture"): 1 for k in load().factors if k.startswith("staff.")}
    login("coord_e").post(reverse("inclusion:assessment_fill", args=[a.pk]),
                          answers(4, overrides))
    body = login("coord_e").get(reverse("inclusion:assessment_result", args=[a.pk])
                                ).content.decode()
    heat = body.split('id="heatmap"')[1].split("</table>")[0]
    staff = heat.split("Medewerkers")[1].split("</tr>")[0]
    cells = re.findall(r'class="num heat (heat-\w+)">([^<]+)<', staff)
    assert cells == [("heat-0", "1,0"), ("heat-3", "4,0"), ("heat-3", "4,0")]


def test_personal_data_in_a_remark_needs_confirmation(rounds: dict[str, Any],
                                                      login: Any) -> None:
    from opbouw.web.inclusion.models import Response

    a = rounds["as_east"]
    fill = reverse("inclusion:assessment_fill", args=[a.pk])
    remark = {field_name("env.stakeholders", "remark"): "vraag het aan dhr. Peeters"}
    response = login("worker_e").post(fill, answers(3, **remark))
    assert response.status_code == 200 and "dhr. Peeters" in response.content.decode()
    assert not Response.objects.filter(assessment=a).exists()
    response = login("worker_e").post(fill, answers(3, confirm_privacy="on", **remark))
    assert response.status_code == 302


def test_bad_scores_are_refused(rounds: dict[str, Any], login: Any) -> None:
    a = rounds["as_east"]
    response = login("worker_e").post(reverse("inclusion:assessment_fill", args=[a.pk]),
                                      answers(3, **{field_name("org.offer", "policy"): "9"}))
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_a_closed_round_takes_no_answers(rounds: dict[str, Any], login: Any) -> None:
    a = rounds["as_east"]
    a.closed = True
    a.save()
    response = login("worker_e").post(reverse("inclusion:assessment_fill", args=[a.pk]),
                                      answers(3))
    assert response.status_code == 302 and not a.responses.exists()


def test_the_previous_round_is_found_by_date(rounds: dict[str, Any]) -> None:
    from opbouw.web.inclusion.models import Assessment

    east = rounds["orgs"]["east"]
    older = Assessment.objects.create(organisation=east, name="oud", held_on=dt.date(2020, 1, 1))
    assert rounds["as_east"].previous() == rounds["as_shared"]
    assert rounds["as_shared"].previous() == older and older.previous() is None
    assert rounds["as_west"].previous() is None
