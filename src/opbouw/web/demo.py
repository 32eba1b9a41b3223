"""The demo site: organisations, one user per role, the bundled demo data and an analysis.

The users and organisations are invented; the data is public Statbel data per municipality.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from opbouw.web.accounts.models import Membership, Organisation, Role
from opbouw.web.analyses.models import Analysis
from opbouw.web.areas import store
from opbouw.web.areas.models import Dataset, ImportRecord

DEMO_PASSWORD = "opbouw-demo"
DEMO_USERS = {
    "beheerder": ("Samenlevingsopbouw Oost-Vlaanderen", Role.ADMIN),
    "coordinator": ("Samenlevingsopbouw Oost-Vlaanderen", Role.COORDINATOR),
    "opbouwwerker": ("Samenlevingsopbouw Oost-Vlaanderen", Role.WORKER),
    "partner": ("Buurtwerk Partner vzw", Role.PARTNER_READER),
    "west": ("Samenlevingsopbouw West-Vlaanderen", Role.COORDINATOR),
}


def has_demo() -> bool:
    return Dataset.objects.exists()


@transaction.atomic
def load(progress: Any = print) -> dict[str, Any]:
    """Create the demo organisations, users, dataset and analysis (idempotent per name)."""
    from opbouw.data.demo import DEMO_PRESET, demo_files, load_demo
    from opbouw.model.indicators import load_catalogue

    orgs = {}
    for name, kind in (("Samenlevingsopbouw Oost-Vlaanderen", Organisation.Kind.INSTITUTE),
                       ("Samenlevingsopbouw West-Vlaanderen", Organisation.Kind.INSTITUTE),
                       ("Buurtwerk Partner vzw", Organisation.Kind.PARTNER)):
        orgs[name], _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    User = get_user_model()
    users = {}
    for username, (org, role) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(username=username)
        users[username] = user
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMIN
            user.save()
        Membership.objects.get_or_create(user=user, organisation=orgs[org],
                                         defaults={"role": role})
    progress("Demodata inlezen ...")
    data = load_demo()
    east = orgs["Samenlevingsopbouw Oost-Vlaanderen"]
    dataset = Dataset.objects.create(
        organisation=east, name="Fiscale inkomens per gemeente 2005-2013 (Statbel)",
        description="Demo: 327 gemeenten (grenzen 2018), provincies en gewesten.")
    n_areas, n_values = store.store(dataset, data)
    ImportRecord.objects.create(organisation=east, dataset=dataset,
                                files=[p.name for p in demo_files()], rows=n_values,
                                areas=n_areas, values=n_values,
                                status=ImportRecord.Status.IMPORTED)
    keys = list(load_catalogue().preset(DEMO_PRESET).indicators)
    atlas = Analysis.objects.create(
        organisation=east, dataset=dataset, name="Atlas gemeenten 2013", method="atlas",
        config={"indicators": keys, "level": "municipality", "year": 2013, "p": 20.0, "k": 3,
                "n": 20})
    # sharing at work: the partner organisation reads this analysis (not the dataset)
    atlas.shared_with.add(orgs["Buurtwerk Partner vzw"])
    Analysis.objects.create(organisation=east, dataset=dataset, name="Samengestelde index 2013",
                            method="composite",
                            config={"indicators": keys, "level": "municipality", "year": 2013,
                                    "n": 20, "normalise": "minmax", "aggregate": "arithmetic"})
    from opbouw.web.knowledge import demo as knowledge_demo  # fictitious terrain knowledge
    knowledge_demo.load(dataset, east, orgs["Buurtwerk Partner vzw"],
                        {u.username: u for u in User.objects.filter(username__in=DEMO_USERS)})

    from opbouw.web.planning.demo import load_demo_plan

    load_demo_plan(east, dataset)

    load_practice(orgs, users)
    return {"dataset": dataset, "areas": n_areas, "values": n_values}


def load_practice(orgs: dict[str, Organisation], users: dict[str, Any]) -> None:
    """Fictitious signals, a policy dossier and two inclusion rounds (no real persons)."""
    import datetime as dt
    import random

    from opbouw.web.inclusion import factors as factor_list
    from opbouw.web.inclusion.models import Answer, Assessment, Response
    from opbouw.web.signals.models import Dossier, Request, Signal

    east = orgs["Samenlevingsopbouw Oost-Vlaanderen"]
    worker, coordinator = users["opbouwwerker"], users["coordinator"]
    places = {"Sint-Niklaas": (51.165, 4.143, "46021"), "Aalst": (50.937, 4.040, "41002"),
              "Ronse": (50.746, 3.600, "45041"), "Eeklo": (51.187, 3.557, "43005"),
              "Lokeren": (51.104, 3.993, "46014")}
    rows = [
        ("Lange wachttijd sociale huurwoning voor grote gezinnen", "housing", "sociale huur",
         "Sint-Niklaas", "grote gezinnen in de wijk Clement", 30, "Buurtwerk Clement"),
        ("Huurwaarborg onbetaalbaar op de private markt", "housing", "huurwaarborg", "Aalst",
         "alleenstaande moeders met een leefloon", 15, "Woonproject Aalst"),
        ("Vochtige huurwoningen zonder renovatieplicht", "housing", "woonkwaliteit", "Ronse",
         "huurders in de binnenstad", 40, "Waardig wonen"),
        ("Afspraak OCMW enkel nog digitaal", "social_protection", "digitalisering", "Eeklo",
         "ouderen zonder computer", 25, "Digitale drempels"),
        ("Kinderopvang sluit voor ouders zonder werk", "education", "kinderopvang", "Lokeren",
         "werkzoekende ouders", 12, "Buurtwerk Lokeren"),
        ("Energiefactuur na tussenkomst niet verlaagd", "energy_water", "energiearmoede",
         "Sint-Niklaas", "huurders met budgetmeter", 20, "Buurtwerk Clement"),
        ("Geen tolk bij huisarts in de wijk", "health", "toegankelijkheid zorg", "Aalst",
         "nieuwkomers", 18, "Woonproject Aalst"),
        ("VDAB-trajecten niet haalbaar met kinderen", "work", "activering", "Ronse",
         "alleenstaande ouders", 9, "Waardig wonen"),
    ]
    signals = []
    for i, (title, right, theme, place, group, people, project) in enumerate(rows):
        lat, lon, code = places[place]
        signals.append(Signal.objects.create(
            organisation=east, title=title, description=title + ".", right=right, theme=theme,
            area=place, area_code=code, latitude=lat, longitude=lon, group=group, people=people,
            since=dt.date(2025, 1 + i, 1), noted_on=dt.date(2025, 3 + i, 10),
            evidence="Groepsgesprekken en huisbezoeken van het project.",
            source=("worker", "partner", "resident")[i % 3], project=project,
            status="checked", created_by=worker))
    dossier = Dossier.objects.create(
        organisation=east, title="Betaalbaar en gezond huren",
        problem="Huurders met een laag inkomen vinden geen betaalbare, gezonde woning: lange "
                "wachtlijsten, onbetaalbare waarborgen en vochtige woningen.",
        quotes="\"We slapen met vier in één kamer omdat de andere te vochtig is.\"\n"
               "\"Voor de waarborg moesten we drie maanden huur lenen.\"",
        proposals="Een huurwaarborgfonds; conformiteitsonderzoek op vraag van de huurder.",
        level=Dossier.Level.LOCAL, addressee="College van burgemeester en schepenen",
        created_by=coordinator)
    dossier.signals.set(signals[:3] + signals[5:6])
    Signal.objects.filter(pk__in=[s.pk for s in signals[:3] + signals[5:6]]).update(
        status="bundled")
    dossier.shared_with.add(orgs["Buurtwerk Partner vzw"])
    Request.objects.create(dossier=dossier, asked_on=dt.date(2025, 9, 15),
                           addressee="Gemeente Sint-Niklaas",
                           question="Een lokaal huurwaarborgfonds oprichten.",
                           answered_on=dt.date(2025, 11, 3),
                           answer="Het college onderzoekt een fonds in de begroting 2026.",
                           follow_up="Opvolgen bij de begrotingsbespreking.")
    Request.objects.create(dossier=dossier, asked_on=dt.date(2026, 2, 1),
                           addressee="Vlaams minister van Wonen",
                           question="Conformiteitsonderzoek op vraag van de huurder.")

    fs = factor_list.load()
    rnd = random.Random(2)
    # a profile per factor, colleagues mostly within one step of it; a few factors where
    # views differ, and a year later some factors improved
    base = {key: rnd.choice((1, 2, 2, 3, 3)) for key in fs.factors}
    split = set(list(fs.factors)[3::7])
    for year, shift in ((2025, 0), (2026, 1)):
        a = Assessment.objects.create(organisation=east, name=f"Inclusiekaart {year}",
                                      held_on=dt.date(year, 3, 1), factor_set=fs.version,
                                      created_by=coordinator)
        for user in (users["coordinator"], users["opbouwwerker"], users["beheerder"]):
            response = Response.objects.create(assessment=a, user=user)
            Answer.objects.bulk_create([
                Answer(response=response, factor=key,
                       **{d: min(4, max(1, base[key] + shift * (i % 2)
                                        + (rnd.choice((-2, 0, 2)) if key in split
                                           else rnd.choice((0, 0, 0, 1)))))
                          for d in ("culture", "practice", "policy")},
                       actions="Bespreken op de teamdag." if i % 5 == 0 else "")
                for i, key in enumerate(fs.factors)])
