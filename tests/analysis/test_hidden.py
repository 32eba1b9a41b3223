"""Seed 004's hidden places, as one library function (issue 9, section 3): sub-areas
ranked among themselves on their own set, parents on theirs, and the places in the
sub-areas' top that are not in the parents' top, whatever the parent's status."""

from __future__ import annotations

import pandas as pd
import pytest

from opbouw.analysis.hidden import hidden_places
from opbouw.analysis.pipeline import AnalysisSpec, Scope
from opbouw.errors import ConfigError
from opbouw.model.indicators import Catalogue

CAT = Catalogue({}, {})


def areas() -> pd.DataFrame:
    rows = [("A", "Aalst", "municipality", None, 1000), ("B", "Beveren", "municipality", None,
                                                          1000),
            ("C", "Corbie", "municipality", None, 1000), ("D", "Dender", "municipality", None,
                                                          1000)]
    for parent, subs in {"A": ["Aalst", "Erembodegem"], "B": ["Beveren", "Kallo"],
                         "C": ["Corbie", "Iddergem"], "D": ["Dender", "Welle"]}.items():
        rows += [(f"{parent}{i}", name, "sub_municipality", parent, 500)
                 for i, name in enumerate(subs)]
    frame = pd.DataFrame(rows, columns=["code", "name", "level", "parent", "population"])
    return frame.set_index("code")


def values() -> pd.DataFrame:
    # the parents on their own indicator (m): A and B high, C and D low;
    # the sub-areas on theirs (s): Erembodegem (in A, itself high) and Iddergem (in C) top
    parent = {"A": 9.0, "B": 8.0, "C": 2.0, "D": 1.0}
    sub = {"A0": 7.0, "A1": 10.0, "B0": 2.0, "B1": 1.0, "C0": 3.0, "C1": 9.0, "D0": 1.5,
           "D1": 0.5}
    rows = [(c, "m", 2024, v) for c, v in parent.items()]
    rows += [(c, "s", 2024, v) for c, v in sub.items()]
    return pd.DataFrame(rows, columns=["code", "indicator", "year", "value"])


def spec(key: str, level: str) -> AnalysisSpec:
    return AnalysisSpec(method="top-n", options={"n": 2}, indicators=(key,),
                        scope=Scope(level=level))


def test_top_procedure_reports_new_places_whatever_the_parents_status() -> None:
    found = hidden_places(values(), areas(), CAT, spec("s", "sub_municipality"),
                          spec("m", "municipality"), procedure="top", top=3)
    table = found.table
    assert list(table.index) == ["A1", "C1", "A0"]  # the sub-areas' top 3
    # Erembodegem lies in Aalst, itself in the municipalities' top: still a new place
    assert bool(table.at["A1", "parent_in_top"]) and bool(table.at["A1", "new"])
    assert bool(table.at["C1", "new"]) and int(table.at["C1", "parent_rank"]) == 3
    # the core of Aalst is Aalst itself: not a new place
    assert not bool(table.at["A0", "new"])
    assert set(found.new.index) == {"A1", "C1"}
    assert not found.added_up


def test_parents_without_values_are_added_up_from_their_sub_areas() -> None:
    only_sub = values().query("indicator == 's'")
    found = hidden_places(only_sub, areas(), CAT, spec("s", "sub_municipality"),
                          spec("s", "municipality"), procedure="top", top=2)
    assert found.added_up and len(found.parent.table) == 4


def test_deprived_parent_procedure_and_bad_procedure() -> None:
    atlas = AnalysisSpec(method="atlas", options={"p": 25, "k": 1}, indicators=("s",),
                         scope=Scope(level="sub_municipality"))
    parent = AnalysisSpec(method="atlas", options={"p": 25, "k": 1}, indicators=("m",),
                          scope=Scope(level="municipality"))
    found = hidden_places(values(), areas(), CAT, atlas, parent)
    assert "C1" in found.table.index and "A1" not in found.table.index
    with pytest.raises(ConfigError):
        hidden_places(values(), areas(), CAT, atlas, parent, procedure="magic")
