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
    for username, (org, role) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(username=username)
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
    return {"dataset": dataset, "areas": n_areas, "values": n_values}
