"""The example plan of seed 004 on the demo site, with invented staff, progress and
measures so that the roll-up and the coverage of need have something to show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from opbouw.data.plans import load_example
from opbouw.web.planning import store
from opbouw.web.planning.models import Measure, Objective, Plan, TimelineEntry

# fictitious: FTE per project (adds up to the 14.05 FTE of Flemish funding in seed 004)
DEMO_FTE = {"den-botaniek": "1.0", "de-palaver": "0.8", "welzijnsoverleg-zelzate": "0.5",
            "polsslag-sint-niklaas": "1.2", "noodkoopfonds-ninove-denderleeuw": "0.6",
            "noodkoopfonds-wetteren": "0.4", "waardig-wonen-projectvoorbereiding": "0.3",
            "wijswerk-ronse": "1.0", "travak-zelzate": "1.0",
            "onderwijsopbouwwerk-ronse": "1.0", "onderwijsopbouwwerk-sint-niklaas": "0.8",
            "onderwijsopbouwwerk-denderleeuw": "0.8", "onderwijsopbouwwerk-geraardsbergen": "0.5",
            "buurtopbouwwerk-ronse": "1.5", "buurtopbouwwerk-denderleeuw": "1.2",
            "sociale-bescherming-zelzate": "0.45", "aandachtsgebieden-beveren": "1.0"}
# fictitious: progress in 2022 (percentage, status)
DEMO_PROGRESS = {"buurtopbouwwerk-ronse": (60, "on_track"), "den-botaniek": (80, "on_track"),
                 "onderwijsopbouwwerk-ronse": (45, "delayed"),
                 "polsslag-sint-niklaas": (100, "achieved"), "travak-zelzate": (30, "delayed"),
                 "aandachtsgebieden-beveren": (20, "on_track")}


def load_demo_plan(organisation: Any, dataset: Any, user: Any = None) -> Plan:
    plan = store.import_plan(load_example(), organisation, user, dataset)
    for key, fte in DEMO_FTE.items():
        plan.projects.filter(key=key).update(fte=Decimal(fte), status="running")
    year = store.year_plan(plan, 2022)
    for key, (pct, status) in DEMO_PROGRESS.items():
        project = plan.projects.get(key=key)
        objective = Objective.objects.create(
            year_plan=year, project=project, title="Werkplan 2022 uitvoeren",
            activities="Groepswerking, overleg met partners, signalen bundelen.",
            status=status, percentage=pct)
        TimelineEntry.objects.create(objective=objective, date=dt.date(2022, 6, 30),
                                     kind="happened", text="Tussentijdse evaluatie met de "
                                     "bewonersgroep (fictief voorbeeld).")
    ronse = plan.projects.get(key="buurtopbouwwerk-ronse")
    for kind, name, unit, base, target, value in (
            ("how_much", "Bewonersbijeenkomsten", "aantal", 0, 12, 9),
            ("how_well", "Deelnemers die zich gehoord voelen", "%", 40, 75, 62),
            ("better_off", "Gezinnen met een opgeloste woonklacht", "aantal", 0, 20, 11)):
        m = Measure.objects.create(project=ronse, kind=kind, name=name, unit=unit,
                                   baseline=base, target=target)
        m.values.create(period="2022", value=value, narrative="Fictief voorbeeld.")
    return plan
