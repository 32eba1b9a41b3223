"""Knowledge pages and models: recording, evidence trail, versions, 5B, public form, export."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from tests.web.knowledge.conftest import CODE

GEOM = json.dumps({"type": "Point", "coordinates": [4.1437, 51.1650]})


def test_the_fifteen_questions_ship_in_dutch_and_english(db: Any) -> None:
    from opbouw.web.knowledge.models import Question, load_standard_questions

    shipped = load_standard_questions()
    assert [q["number"] for q in shipped] == list(range(1, 16))
    stored = list(Question.objects.filter(organisation=None).order_by("number"))
    assert [q.text_nl for q in stored] == [q["nl"] for q in shipped]
    assert stored[0].text_nl == "Op welke manier is dit gebied verbonden met de ruimere omgeving?"
    assert stored[12].text_en == "Which places are avoided, and why?"
    assert all(q.text_en and q.text_en != q.text_nl for q in stored)


def test_an_organisation_replaces_the_standard_questions(kworld: dict[str, Any]) -> None:
    from opbouw.web.knowledge.models import Question

    east = kworld["orgs"]["east"]
    assert Question.for_organisation(east).count() == 15
    Question.objects.create(organisation=east, number=1, text_nl="Eigen vraag",
                            text_en="Own question")
    assert [q.text_nl for q in Question.for_organisation(east)] == ["Eigen vraag"]
    assert Question.for_organisation(kworld["orgs"]["west"]).count() == 15


def test_a_worker_records_a_note(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import Note

    client = login("worker_e")
    ds = kworld["ds_east"]
    other = kworld["areas"]["ds_east"].dataset.areas.exclude(code=CODE).first()
    response = client.post(reverse("knowledge_new", args=[ds.pk, CODE, "note"]), {
        "kind": "conflict", "title": "Ruzie over parkeerplaatsen", "observed_on": "2025-05-01",
        "text": "Bewoners en handelaars botsen.", "needs": "Veiligheid en bereikbaarheid",
        "source": "resident", "source_detail": "bewonersgroep", "other_areas": [other.pk]})
    assert response.status_code == 302
    note = Note.objects.get(title="Ruzie over parkeerplaatsen")
    assert note.organisation == kworld["orgs"]["east"]
    assert note.created_by == kworld["users"]["worker_e"]
    assert list(note.other_areas.all()) == [other]
    page = client.get(reverse("knowledge_area", args=[ds.pk, CODE])).content.decode()
    assert "Ruzie over parkeerplaatsen" in page


def test_contact_details_warn_until_confirmed(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import Note

    client = login("worker_e")
    url = reverse("knowledge_new", args=[kworld["ds_east"].pk, CODE, "note"])
    data = {"kind": "signal", "title": "Signaal", "observed_on": "2025-05-01",
            "text": "Bel mevrouw op 0470 12 34 56 of mail x@voorbeeld.be", "source": "worker"}
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "0470 12 34 56" in body and 'id="privacy-warning"' in body
    assert not Note.objects.filter(title="Signaal").exists()
    response = client.post(url, {**data, "confirm_contact_details": "on"})
    assert response.status_code == 302
    assert Note.objects.filter(title="Signaal").exists()


def test_key_figures_need_a_role_not_a_name(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import Asset

    client = login("worker_e")
    url = reverse("knowledge_new", args=[kworld["ds_east"].pk, CODE, "asset"])
    data = {"kind": "key_figure", "name": "De conciërge", "geometry": ""}
    response = client.post(url, data)
    assert response.status_code == 200 and not Asset.objects.filter(name="De conciërge").exists()
    response = client.post(url, {**data, "role": "bridge", "geometry": GEOM})
    assert response.status_code == 302
    asset = Asset.objects.get(name="De conciërge")
    assert asset.role == "bridge" and asset.geometry["type"] == "Point"


@pytest.mark.parametrize("text", ["nonsense", '{"type": "Point", "coordinates": [500, 1]}',
                                  '{"type": "Polygon", "coordinates": [[[1, 1], [2, 2]]]}',
                                  '{"type": "Point"}', "[1, 2]"])
def test_bad_locations_are_form_errors_not_500(kworld: dict[str, Any], login: Any,
                                                text: str) -> None:
    client = login("worker_e")
    response = client.post(reverse("knowledge_new", args=[kworld["ds_east"].pk, CODE, "place"]),
                           {"geometry": text, "experience": "avoided", "meaning": "x",
                            "via": "visit", "observed_on": "2025-01-01", "blur": "0"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_a_place_typed_as_lat_lon_is_stored_and_can_be_blurred(kworld: dict[str, Any],
                                                                login: Any) -> None:
    from opbouw.analysis.places import blur_point
    from opbouw.web.knowledge.models import Place

    client = login("worker_e")
    url = reverse("knowledge_new", args=[kworld["ds_east"].pk, CODE, "place"])
    base = {"experience": "avoided", "meaning": "Donkere hoek", "via": "visit",
            "observed_on": "2025-01-01"}
    client.post(url, {**base, "name": "Exact", "geometry": "51,1650; 4,1437", "blur": "0"})
    client.post(url, {**base, "name": "Vaag", "geometry": "51.1650, 4.1437", "blur": "250"})
    exact, vague = Place.objects.get(name="Exact"), Place.objects.get(name="Vaag")
    assert exact.geometry == {"type": "Point", "coordinates": [4.1437, 51.165]}
    assert vague.blurred_m == 250
    assert vague.geometry["coordinates"] == list(blur_point(4.1437, 51.165, 250))


def test_answers_link_evidence_and_completeness(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import Answer

    client = login("worker_e")
    ds, rec = kworld["ds_east"], kworld["records"]["east"]
    url = reverse("knowledge_answer_question", args=[ds.pk, CODE, 12])
    form = client.get(url).content.decode()
    assert f'value="place:{rec["place"].pk}"' in form
    assert "Plaats West" not in form  # no evidence of another organisation to choose
    response = client.post(url, {"text": "De markt.", "evidence": [f"place:{rec['place'].pk}",
                                                                   f"note:{rec['note'].pk}"]})
    assert response.status_code == 302
    answer = Answer.objects.get(organisation=kworld["orgs"]["east"], question__number=12,
                                area=kworld["areas"]["ds_east"])
    assert answer.evidence == [f"place:{rec['place'].pk}", f"note:{rec['note'].pk}"]
    page = client.get(reverse("knowledge_questions", args=[ds.pk, CODE])).content.decode()
    assert "2 van 15" in page  # 13 from the fixture, 12 now
    # choosing evidence the user cannot see is refused
    west_note = kworld["records"]["west"]["note"]
    response = client.post(url, {"text": "x", "evidence": [f"note:{west_note.pk}"]})
    assert response.status_code == 200


def test_statement_versions_keep_earlier_text(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import ProblemStatement

    client = login("coord_e")
    ds, rec = kworld["ds_east"], kworld["records"]["east"]
    mgmt = {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0",
            "goals-TOTAL_FORMS": "1", "goals-INITIAL_FORMS": "0"}
    response = client.post(reverse("knowledge_statement_new", args=[ds.pk, CODE]), {
        **mgmt, "title": "Stelling", "summary": "Eerste",
        "items-0-section": "need", "items-0-text": "Een plek voor jongeren",
        "items-0-evidence": [f"note:{rec['note'].pk}", "indicator:income_median"],
        "goals-0-text": "Plein herinrichten", "goals-0-tracks": ["public_space"],
        "goals-0-perspectives": ["attachment"], "goals-0-evidence": [f"place:{rec['place'].pk}"]})
    assert response.status_code == 200  # an unknown indicator is not a valid choice
    from opbouw.web.areas import store

    key = store.indicators_in(ds)[0]
    data = {**mgmt, "title": "Stelling", "summary": "Eerste",
            "items-0-section": "need", "items-0-text": "Een plek voor jongeren",
            "items-0-evidence": [f"note:{rec['note'].pk}", f"indicator:{key}"],
            "goals-0-text": "Plein herinrichten", "goals-0-tracks": ["public_space"],
            "goals-0-perspectives": ["attachment"],
            "goals-0-evidence": [f"place:{rec['place'].pk}"]}
    response = client.post(reverse("knowledge_statement_new", args=[ds.pk, CODE]), data)
    assert response.status_code == 302
    st = ProblemStatement.objects.get(title="Stelling")
    v1 = st.current
    assert v1.number == 1 and v1.items.get().evidence == [f"note:{rec['note'].pk}",
                                                          f"indicator:{key}"]
    goal = v1.goals.get()
    assert goal.tracks == ["public_space"] and goal.perspectives == ["attachment"]
    data2 = {**data, "summary": "Tweede", "items-0-text": "Een eigen plek voor jongeren",
             "change_note": "scherper"}
    assert client.post(reverse("knowledge_statement_edit", args=[st.pk]), data2
                       ).status_code == 302
    assert st.versions.count() == 2 and st.current.summary == "Tweede"
    old = client.get(reverse("knowledge_statement", args=[st.pk]) + "?version=1"
                     ).content.decode()
    assert "Een plek voor jongeren" in old and 'id="old-version"' in old
    assert "Een eigen plek" in client.get(reverse("knowledge_statement", args=[st.pk])
                                          ).content.decode()
    assert client.get(reverse("knowledge_statement", args=[st.pk]) + "?version=9"
                      ).status_code == 404


def test_every_statement_link_reaches_its_source(kworld: dict[str, Any], login: Any) -> None:
    """The evidence trail: each link on the statement page opens its source (200)."""
    import re

    client = login("coord_e")
    st = kworld["records"]["east"]["statement"]
    body = client.get(reverse("knowledge_statement", args=[st.pk])).content.decode()
    links = re.findall(r'class="evidence-link" data-kind="(\w+)" href="([^"]+)"', body)
    note = kworld["records"]["east"]["note"]
    assert links == [("note", reverse("knowledge_note", args=[note.pk]))]
    for _kind, href in links:
        target = client.get(href)
        assert target.status_code == 200
        assert "Notitie Oost" in target.content.decode()


def test_evidence_not_shared_is_not_revealed(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import StatementItem

    shared = kworld["records"]["shared"]["statement"]
    private_note = kworld["records"]["private"]["note"]
    StatementItem.objects.create(version=shared.current, section="bottleneck",
                                 text="Verwijst naar intern", evidence=[f"note:{private_note.pk}"])
    body = login("partner_p").get(reverse("knowledge_statement", args=[shared.pk])
                                  ).content.decode()
    assert "Verwijst naar intern" in body
    assert "Notitie Intern" not in body and "niet beschikbaar" in body
    assert reverse("knowledge_note", args=[private_note.pk]) not in body


def test_five_b_weakest_and_repeated_audits(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import AccessAudit

    client = login("worker_e")
    ds = kworld["ds_east"]
    data = {"title": "Audit 2025", "audited_on": "2025-06-01", "remarks": "",
            "services-TOTAL_FORMS": "2", "services-INITIAL_FORMS": "0",
            "services-0-service": "Bibliotheek", "services-0-reachable": "4",
            "services-0-affordable": "1", "services-0-affordable_note": "boetes",
            "services-1-service": "Sporthal", "services-1-reachable": "2",
            "services-1-affordable": "2"}
    response = client.post(reverse("knowledge_audit_new", args=[ds.pk, CODE]), data)
    assert response.status_code == 302
    audit = AccessAudit.objects.get(title="Audit 2025")
    assert audit.services.count() == 2
    page = client.get(reverse("knowledge_audit", args=[audit.pk])).content.decode()
    weakest = page.split('id="weakest"')[1].split("</ol>")[0]
    # affordable (mean 1.5) before reachable (3.0); unscored B's last
    assert weakest.index("betaalbaar") < weakest.index("bereikbaar")
    assert "1,5" in weakest
    assert 'id="history"' in page  # the fixture's earlier audit of the same area


def test_public_contribution_is_blurred_and_waits_for_review(kworld: dict[str, Any],
                                                            client: Any) -> None:
    from opbouw.analysis.places import blur_point
    from opbouw.web.knowledge.models import Place

    url = reverse("knowledge_public", args=[kworld["open_form"].token])
    data = {"geometry": GEOM, "experience": "avoided", "meaning": "Donker pad",
            "group": "scholieren", "consent": "on", "website": ""}
    assert client.post(url, {**data, "consent": ""}).status_code == 200  # consent required
    assert client.post(url, {**data, "website": "http://spam"}).status_code == 200  # honeypot
    response = client.post(url, data)
    assert response.status_code == 302
    place = Place.objects.get(meaning="Donker pad")
    assert place.via == "public" and not place.reviewed and place.blurred_m == 100
    assert place.created_by is None
    assert place.geometry["coordinates"] == list(blur_point(4.1437, 51.165, 100))
    assert place.geometry["coordinates"] != [4.1437, 51.165]
    assert place.organisation == kworld["orgs"]["east"]


def test_public_form_has_csrf_and_a_rate_limit(kworld: dict[str, Any]) -> None:
    from django.test import Client

    from opbouw.web.knowledge.views import PUBLIC_LIMIT

    url = reverse("knowledge_public", args=[kworld["open_form"].token])
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, {"geometry": GEOM}).status_code == 403
    client = Client()
    data = {"geometry": GEOM, "experience": "frequented", "meaning": "Plein", "consent": "on"}
    codes = [client.post(url, data).status_code for _ in range(PUBLIC_LIMIT + 1)]
    assert codes[:PUBLIC_LIMIT] == [302] * PUBLIC_LIMIT and codes[-1] == 429


def test_a_worker_cannot_unblur_a_contribution(kworld: dict[str, Any], login: Any) -> None:
    from opbouw.web.knowledge.models import Place

    place = Place.objects.create(organisation=kworld["orgs"]["east"],
                                 area=kworld["areas"]["ds_east"], via="public", blurred_m=100,
                                 geometry={"type": "Point", "coordinates": [4.14, 51.16]},
                                 experience="avoided", meaning="x")
    client = login("worker_e")
    client.post(reverse("knowledge_place_edit", args=[place.pk]), {
        "geometry": GEOM, "experience": "avoided", "meaning": "x", "observed_on": "2025-01-01",
        "blur": "0"})
    place.refresh_from_db()
    assert place.blurred_m == 100 and place.geometry["coordinates"] != [4.1437, 51.165]


def test_map_has_places_assets_and_density(kworld: dict[str, Any], login: Any) -> None:
    data = login("worker_e").get(reverse("knowledge_map", args=[kworld["ds_east"].pk, CODE]
                                         )).json()
    layers = [f["properties"]["layer"] for f in data["features"]]
    assert layers.count("place") == 1 and layers.count("asset") == 1
    heat = [f for f in data["features"] if f["properties"]["layer"] == "heat"]
    assert [(h["properties"]["experience"], h["properties"]["count"]) for h in heat] == \
        [("avoided", 1)]
    assert heat[0]["geometry"]["type"] == "Polygon"


def test_area_page_links_to_the_knowledge_tab(kworld: dict[str, Any], login: Any) -> None:
    ds = kworld["ds_east"]
    body = login("worker_e").get(reverse("area_detail", args=[ds.pk, CODE])).content.decode()
    assert reverse("knowledge_area", args=[ds.pk, CODE]) in body
    assert "1 van 15" in body


def test_timeline_holds_numbers_knowledge_and_meanings(kworld: dict[str, Any],
                                                      login: Any) -> None:
    body = login("worker_e").get(reverse("knowledge_area", args=[kworld["ds_east"].pk, CODE])
                                 ).content.decode()
    timeline = body.split('id="timeline"')[1].split("</ol>")[0]
    for kind in ("note", "place", "asset", "answer", "statement", "audit"):
        assert f"t-{kind}" in timeline, kind


def test_export_bundle_and_places_geojson(kworld: dict[str, Any], login: Any) -> None:
    client = login("partner_p")
    ds = kworld["ds_shared"]
    bundle = json.loads(client.get(reverse("knowledge_export", args=[ds.pk, CODE, "json"])
                                   ).content)
    assert [n["title"] for n in bundle["notes"]] == ["Notitie Gedeeld"]
    assert bundle["problem_statements"][0]["versions"][0]["items"][0]["text"] == "Nood Gedeeld"
    geo = json.loads(client.get(reverse("knowledge_export", args=[ds.pk, CODE, "geojson"])
                                ).content)
    assert geo["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in geo["features"]] == ["Plaats Gedeeld"]
    assert client.get(reverse("knowledge_export", args=[ds.pk, CODE, "exe"])).status_code == 404


def test_sharing_only_grants(kworld: dict[str, Any], login: Any) -> None:
    note = kworld["records"]["private"]["note"]
    partner = kworld["orgs"]["partner"]
    reader = login("partner_p")
    assert reader.get(reverse("knowledge_note", args=[note.pk])).status_code == 404
    coord = login("coord_e")
    assert coord.post(reverse("knowledge_note_share", args=[note.pk]),
                      {"organisations": [partner.pk]}).status_code == 302
    reader = login("partner_p")
    assert reader.get(reverse("knowledge_note", args=[note.pk])).status_code == 200
    assert note.organisation == kworld["orgs"]["east"]


def test_a_record_shared_without_its_dataset_has_no_dead_links(kworld: dict[str, Any],
                                                               login: Any) -> None:
    partner = kworld["orgs"]["partner"]
    ds = kworld["ds_east"]
    for kind in ("note", "statement", "audit"):
        obj = kworld["records"]["east"][kind]
        obj.shared_with.add(partner)
        response = login("partner_p").get(reverse(f"knowledge_{kind}", args=[obj.pk]))
        assert response.status_code == 200
        body = response.content.decode()
        assert reverse("dataset_detail", args=[ds.pk]) not in body, kind
        assert reverse("knowledge_area", args=[ds.pk, CODE]) not in body, kind


def test_looking_at_the_public_form_settings_creates_nothing(kworld: dict[str, Any],
                                                              login: Any) -> None:
    from opbouw.web.knowledge.models import PublicForm

    client = login("coord_e")
    area = kworld["records"]["east"]["note"].area
    PublicForm.objects.filter(area=area).delete()
    url = reverse("knowledge_public_settings", args=[area.dataset.pk, area.code])
    assert client.get(url).status_code == 200
    assert not PublicForm.objects.filter(area=area).exists()
    client.post(url, {"enabled": "on", "precision_m": 100})
    assert PublicForm.objects.filter(area=area, enabled=True).exists()
