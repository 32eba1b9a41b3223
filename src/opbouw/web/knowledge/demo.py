"""Fictitious terrain knowledge for one demo area (Ronse), so the demo site shows the
knowledge tab at work. Every note, place, strength and answer is invented; no person is
named, key figures are described by role."""

from __future__ import annotations

import datetime
import json
from typing import Any

from opbouw.web.knowledge.forms import blur_geometry

DEMO_AREA = "45041"  # Ronse


def _at(centre: tuple[float, float], dx: float, dy: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(centre[0] + dx, 6), round(centre[1] + dy, 6)]}


def load(dataset: Any, owner: Any, partner: Any, users: dict[str, Any]) -> dict[str, int]:
    from shapely.geometry import shape

    from opbouw.web.areas.models import Area
    from opbouw.web.knowledge.models import (
        AccessAudit,
        Answer,
        Asset,
        Note,
        Place,
        ProblemStatement,
        PublicForm,
        Question,
        ServiceScore,
        StatementItem,
        StatementVersion,
        WorkGoal,
    )

    area = Area.objects.filter(dataset=dataset, code=DEMO_AREA).first()
    if area is None or not area.geometry:
        return {}
    c = shape(json.loads(area.geometry)).representative_point()
    centre = (c.x, c.y)
    worker, coordinator = users.get("opbouwwerker"), users.get("coordinator")
    day = datetime.date(2025, 3, 1)

    def note(kind: str, title: str, text: str, days: int, needs: str = "",
             source: str = "worker", detail: str = "") -> Any:
        return Note.objects.create(organisation=owner, area=area, kind=kind, title=title,
                                   text=text, needs=needs, source=source, source_detail=detail,
                                   observed_on=day + datetime.timedelta(days=days),
                                   created_by=worker)

    n_history = note("history", "Textielstad in verval",
                     "Na de sluiting van de textielfabrieken in de jaren 1980 bleven grote "
                     "lege panden en goedkope huurwoningen achter in de benedenstad.", 0,
                     source="document", detail="stadsarchief, buurtwandeling")
    n_image = note("image", "‘Die buurt daar beneden’",
                   "Bewoners van de benedenstad voelen zich weggezet als ‘de probleemwijk’. "
                   "Jongeren vermelden hun adres liever niet bij sollicitaties.", 20,
                   source="resident", detail="bewonersgroep, huisbezoeken")
    n_change = note("change", "Renovatie sociale woonblokken aangekondigd",
                    "De huisvestingsmaatschappij renoveert vanaf 2027 drie blokken. Tijdelijke "
                    "verhuis van ongeveer 90 gezinnen; onduidelijk wie kan terugkeren.", 45,
                    source="partner", detail="overleg met de huisvestingsmaatschappij")
    n_conflict = note("conflict", "Spanningen rond het pleintje",
                      "Klachten over lawaai van jongeren 's avonds op het pleintje; oudere "
                      "bewoners mijden het.", 60,
                      needs="Jongeren hebben geen eigen plek; ouderen willen zich veilig voelen.",
                      detail="straatwerk")
    n_inst = note("institutions", "Wantrouwen tegenover het OCMW-loket",
                  "Meerdere gezinnen haken af na een eerste afspraak: lange wachttijd, "
                  "formulieren alleen online.", 75, detail="zitdag in het buurthuis")

    a_committee = Asset.objects.create(
        organisation=owner, area=area, kind="initiative", name="Buurtcomité benedenstad",
        description="Organiseert elk jaar het straatfeest en een repair café.",
        geometry=_at(centre, 0.002, -0.001), created_by=worker)
    a_house = Asset.objects.create(
        organisation=owner, area=area, kind="facility", name="Buurthuis De Brug",
        description="Open vier dagen per week; zitdag OCMW op dinsdag.",
        geometry=_at(centre, -0.001, 0.0015), created_by=worker)
    Asset.objects.create(
        organisation=owner, area=area, kind="public_space", name="Braakliggend fabrieksterrein",
        description="Groot terrein, eigendom van de stad; tijdelijke invulling mogelijk.",
        geometry=_at(centre, 0.004, 0.002), created_by=worker)
    Asset.objects.create(
        organisation=owner, area=area, kind="key_figure", role="bridge",
        name="Conciërge van de sociale woonblokken",
        description="Kent veel gezinnen, brengt signalen binnen.", created_by=worker)
    Asset.objects.create(
        organisation=owner, area=area, kind="talent", name="Kookgroep van moeders",
        description="Koken samen voor buurtfeesten; droom van een sociaal restaurant.",
        created_by=worker)

    def place(name: str, experience: str, meaning: str, why: str, group: str, time: str,
              dx: float, dy: float, via: str = "visit", blur: int = 0) -> Any:
        geom = blur_geometry(_at(centre, dx, dy), blur)
        return Place.objects.create(
            organisation=owner, area=area, name=name, experience=experience, meaning=meaning,
            why=why, group=group, time=time, via=via, geometry=geom, blurred_m=blur,
            observed_on=day + datetime.timedelta(days=30), reviewed=via != "public",
            created_by=None if via == "public" else worker)

    p_tunnel = place("Fietstunnel onder het spoor", "avoided", "Snelste weg naar het station.",
                     "Donker, graffiti, er hangen groepjes rond.", "ouderen en vrouwen",
                     "'s avonds", 0.0015, 0.003)
    p_square = place("Pleintje aan de kerk", "mixed", "Enige open plek in de straat.",
                     "Overdag kinderen, 's avonds jongeren; ouderen voelen zich er niet welkom.",
                     "jongeren, ouderen", "avond en weekend", 0.0005, 0.0005)
    place("Markt op zaterdag", "frequented", "Iedereen komt er, ook van buiten de buurt.",
          "Goedkoop en gezellig; er zijn altijd bekenden.", "gezinnen", "zaterdagvoormiddag",
          -0.002, 0.001, via="meeting")
    place("Parking achter de supermarkt", "avoided", "Korte weg naar huis.",
          "Slecht verlicht.", "scholieren", "in de winter", 0.003, -0.002, via="meeting")
    place("Park aan de beek", "frequented", "Rust en groen.", "Kinderen kunnen er spelen.",
          "ouders met jonge kinderen", "na school", -0.001, -0.0025, via="public", blur=100)
    place("Bushalte Zuid", "avoided", "Onveilig wachten.", "Geen verlichting, geen schuilhok.",
          "ouderen", "'s avonds", 0.0025, 0.0028, via="public", blur=100)

    def answer(number: int, text: str, evidence: list[str]) -> Any:
        return Answer.objects.create(organisation=owner, area=area,
                                     question=Question.objects.get(organisation=None,
                                                                   number=number),
                                     text=text, evidence=evidence, answered_by=worker,
                                     created_by=worker)

    answer(7, "Een actief buurtcomité, een kookgroep van moeders en een buurthuis dat vier "
              "dagen open is.", [f"asset:{a_committee.pk}", f"asset:{a_house.pk}"])
    answer(13, "De fietstunnel en de bushalte worden 's avonds gemeden; het pleintje door "
               "ouderen.", [f"place:{p_tunnel.pk}", f"place:{p_square.pk}"])
    answer(15, "Een negatief imago van ‘de benedenstad’ dat jongeren meedragen.",
           [f"note:{n_image.pk}", f"note:{n_history.pk}"])

    st = ProblemStatement.objects.create(organisation=owner, area=area,
                                         title="Benedenstad Ronse 2025", created_by=coordinator)
    for number, note_text in ((1, "eerste versie na de buurtverkenning"),
                              (2, "renovatie en de 5B-audit toegevoegd")):
        v = StatementVersion.objects.create(statement=st, number=number, created_by=coordinator,
                                            change_note=note_text,
                                            summary="Een verarmde benedenstad met sterke "
                                                    "netwerken en weinig plek voor jongeren.")
        items = [("need", "Jongeren hebben geen eigen plek in de buurt.",
                  [f"note:{n_conflict.pk}", f"place:{p_square.pk}"]),
                 ("bottleneck", "Het OCMW-loket bereikt gezinnen niet.", [f"note:{n_inst.pk}"]),
                 ("opportunity", "Het buurtcomité en het braakliggend terrein.",
                  [f"asset:{a_committee.pk}"])]
        if number == 2:
            items.append(("bottleneck", "Onzekerheid over terugkeer na renovatie.",
                          [f"note:{n_change.pk}"]))
        for i, (section, text, ev) in enumerate(items):
            StatementItem.objects.create(version=v, section=section, text=text, evidence=ev,
                                         position=i)
        WorkGoal.objects.create(version=v, position=10,
                                text="Samen met jongeren en ouderen het pleintje herinrichten.",
                                tracks=["community", "public_space"],
                                perspectives=["attachment", "redistribution"],
                                evidence=[f"place:{p_square.pk}"])
        WorkGoal.objects.create(version=v, position=11,
                                text="Een toegankelijke zitdag sociale rechten in het buurthuis.",
                                tracks=["rights"], perspectives=["mobility"],
                                evidence=[f"note:{n_inst.pk}", f"asset:{a_house.pk}"])
    st.shared_with.add(partner)

    for when, scores in ((datetime.date(2024, 10, 1), (2, 3, 1, 4, 2)),
                         (datetime.date(2025, 4, 1), (3, 3, 2, 4, 3))):
        audit = AccessAudit.objects.create(organisation=owner, area=area,
                                           title=f"5B-audit {when.year}", audited_on=when,
                                           created_by=worker)
        r, av, u, af, us = scores
        ServiceScore.objects.create(audit=audit, service="OCMW-loket", reachable=r, available=av,
                                    understandable=u, affordable=af, usable=us,
                                    understandable_note="formulieren alleen online en in "
                                                        "moeilijke taal")
        ServiceScore.objects.create(audit=audit, service="Buurthuis De Brug", asset=a_house,
                                    reachable=5, available=3, understandable=4, affordable=5,
                                    usable=4)
        ServiceScore.objects.create(audit=audit, service="Huisartsenpraktijk", reachable=3,
                                    available=2, understandable=3, affordable=3, usable=3,
                                    available_note="geen nieuwe patiënten")
    PublicForm.objects.create(organisation=owner, area=area, enabled=True, precision_m=100)
    for obj in (n_history, n_image, a_committee, a_house, p_tunnel, p_square):
        obj.shared_with.add(partner)
    return {"notes": 5, "places": 6}
