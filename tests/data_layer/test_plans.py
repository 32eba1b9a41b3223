"""The seed-004 example plan loads exactly as the document lists it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from opbouw.data.plans import load_example, load_plan
from opbouw.errors import OpbouwError

# the plan part of seed 004 (its lines 580-1300: goals, overview, action sheets), kept as
# test data so the check does not depend on where the repository is cloned
SEEDS = [Path(__file__).resolve().parents[1] / "data" / "plans" / "seed004_plan_section.txt"]


@pytest.fixture(scope="module")
def plan():
    return load_example()


def test_three_external_sds_with_twelve_ods(plan) -> None:
    external = [g for g in plan.goals if g.kind == "external"]
    assert [(g.code, g.title) for g in external] == [
        ("SD1", "Grond- en mensenrechten"), ("SD2", "Krachtige buurten en steden"),
        ("SD3", "Collectief burgerschap")]
    assert [[o.title for o in g.operational] for g in external] == [
        ["Sociale bescherming", "Kwaliteitsverbetering op de woonmarkt", "Regulering woonmarkt",
         "Emanciperende activering", "Gelijke onderwijskansen", "Versterkende leeromgeving"],
        ["Community building", "Ruimte publiek maken"],
        ["Solidariteit", "Belangenbehartiging", "Discriminatie en racisme",
         "Sociaal rechtvaardig klimaat- en milieubeleid"]]
    assert sum(len(g.operational) for g in external) == 12
    themes = {o.code: o.theme for g in external for o in g.operational}
    assert themes["OD1.2"] == themes["OD1.3"] == "Wonen"
    assert themes["OD1.4"] == "Arbeid" and themes["OD1.6"] == "Onderwijs"


def test_goal_texts_are_the_documents(plan) -> None:
    sd1 = plan.goals[0]
    assert sd1.statement.startswith("Alle mensen in een maatschappelijk kwetsbare positie "
                                    "hebben volwaardige toegang tot grond- en mensenrechten")
    od = sd1.operational[0]
    assert od.statement.startswith("Het sociaal beleid is aangepast aan de noden")
    # the page break inside the explanation is glued back into one sentence
    assert "(2) het recht op een menswaardig inkomen" in od.explanation


def test_internal_goals(plan) -> None:
    internal = [g for g in plan.goals if g.kind == "internal"]
    assert [o.title for o in internal[0].operational] == [
        "Kwaliteitsbeleid", "Duurzaamheidstoets", "Veiliger ruimtes", "Diversiteit",
        "Externe communicatie"]


def test_ten_external_actions_in_matrix_order_with_timing(plan) -> None:
    external = [a for a in plan.actions if not a.internal]
    assert [a.matrix_label for a in external] == [
        "De Stek (sector)", "Sociaal lokaal beleid (SO O-VL)", "Noodkoopfonds (sector)",
        "Waardig wonen (SO O-VL)", "Waardig werk (SO O-VL)",
        "Modelontwikkeling sterk onderwijs (sector)", "Sterk onderwijs voor iedereen (SO O-VL)",
        "IST (sector)", "Solidariteit in beeld (sector)",
        "Aandachtsgebieden versterken (SO O-VL)"]
    timing = {a.title: (a.timing, a.start, a.end) for a in external}
    assert timing["De Stek"] == ("April 2020 – December 2022", dt.date(2020, 4, 1),
                                 dt.date(2022, 12, 31))
    assert timing["Sociaal lokaal beleid"][0] == "2020-2025"
    assert timing["Noodkoopfonds"][0] == "2021-2023"
    assert timing["Ieders stem telt (IST)"][0] == "2022 - 2024"
    assert timing["Solidariteit in beeld"][0] == "2021-2022"
    assert timing["Aandachtsbuurten versterken"][0] == "01/1/2021 – 31/12/2025"


def test_partners_projects_and_places(plan) -> None:
    by = {a.code: a for a in plan.actions}
    assert by["SA4"].partners == ("Samenwerkingspartners zijn onder andere Gemeentebesturen, "
                                  "IGS, SVK, SHM en Energiehuizen.")
    assert "RenoseeC en Domus Mundi" in by["SA3"].partners
    assert [(p.document_text, p.places) for p in by["SA1"].projects] == [
        ("Den Botaniek in Ronse", ("Ronse",)), ("De Palaver in Denderleeuw", ("Denderleeuw",))]
    assert [p.name for p in by["SA8"].projects] == [
        "Polsslag", "Buurtopbouwwerk Ronse", "Onderwijsopbouwwerk Ronse",
        "Buurtopbouwwerk Denderleeuw", "Onderwijsopbouwwerk Denderleeuw",
        "Sociale bescherming Zelzate"]
    assert [p.places for p in by["SA10"].projects] == [("Ronse",), ("Denderleeuw",),
                                                      ("Beveren",)]
    assert by["SA3"].projects[0].places == ("Ninove", "Denderleeuw")
    # one project that serves several actions has one key
    keys = [a.code for a in plan.actions for p in a.projects
            if p.key == "onderwijsopbouwwerk-ronse"]
    assert keys == ["SA6", "SA7", "SA8"]


def test_every_text_is_verbatim_from_the_seed(plan) -> None:
    seed = " ".join(SEEDS[0].read_text(encoding="utf-8").split())
    for a in plan.actions:
        for p in a.projects:
            assert p.document_text in seed
        for c in a.contributions:
            if c.source == "beschrijving":
                # stated on the action's own sheet: its context or short description
                assert c.quote in " ".join((a.context + " " + a.description).split())
        for text in (a.context, a.description, a.partners, a.timing):
            for para in text.split("\n\n"):
                assert " ".join(para.split()) in seed or not para


def test_matrix_ships_only_stated_contributions(plan) -> None:
    stated = {(a.code, c.od) for a in plan.actions for c in a.contributions
              if c.source == "beschrijving"}
    assert stated == {("SA1", "OD1.1"), ("SA3", "OD1.2"), ("SA4", "OD1.2"), ("SA5", "OD1.4"),
                      ("SA6", "OD1.5"), ("SA7", "OD1.6"), ("SA8", "OD3.2"), ("SA9", "OD3.1"),
                      ("SA10", "OD2.1"), ("SA10", "OD2.2")}
    assert all(c.strength == "surely" for a in plan.actions for c in a.contributions)


def test_bad_plan_files_say_what_is_wrong(tmp_path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('[plan]\nname="x"\nstart_year=2021\nend_year=2025\n'
                    '[[goals]]\ncode="SD1"\ntitle="a"\n[[goals.operational]]\ncode="OD1"\n'
                    'title="b"\n[[actions]]\ncode="A"\ntitle="c"\n'
                    '[[actions.contributions]]\nod="OD9"\n')
    with pytest.raises(OpbouwError, match="OD9"):
        load_plan(path)
    path.write_text('[plan]\nname="x"\n')
    with pytest.raises(OpbouwError, match="start_year"):
        load_plan(path)
