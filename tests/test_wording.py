"""The sentences made from analysis data, in Dutch and English, from the one catalogue."""

from __future__ import annotations

import pandas as pd
import pytest

from opbouw.analysis.explain import Explanation, IndicatorReason, explain
from opbouw.analysis.flags import FlagRule
from opbouw.analysis.methods import AtlasConfig, run_method
from opbouw.analysis.spatial.summary import CENTRE, ClusterGroup, ClusterSummary
from opbouw.analysis.typology import AreaType
from opbouw.wording import (
    area_type_description,
    cluster_sentences,
    explanation_summary,
    place_list,
)


def _atlas_explanation() -> Explanation:
    t = pd.DataFrame({"a": [9, 1, 1, 1, 1], "b": [9, 1, 1, 1, 2], "c": [9, 9, 1, 1, 1],
                      "d": [9, 9, 1, 1, 1]}, index=list("vwxyz"), dtype=float)
    res = run_method("atlas", t, dict.fromkeys(t, 1), AtlasConfig(FlagRule("top_n", n=1), k=4))
    return explain("v", res, t, dict.fromkeys(t, 1), "Ronse",
                   {"a": "werkloosheid", "b": "leefloon", "c": "c", "d": "d"})


def test_atlas_explanation_in_dutch_and_english() -> None:
    expl = _atlas_explanation()
    nl = explanation_summary(expl, "nl")
    assert nl.startswith("Ronse is achtergesteld: 4 van 4 condities (grens 4). ")
    assert "werkloosheid 9,0 (rang 1/5)" in nl
    en = explanation_summary(expl, "en")
    assert en.startswith("Ronse is deprived: 4 of 4 conditions (threshold 4). ")
    assert "werkloosheid 9.0 (rank 1/5)" in en
    # without reasons: the status alone, as the area profile shows it
    assert explanation_summary(expl, "nl", reasons=0) == (
        "Ronse is achtergesteld: 4 van 4 condities (grens 4)")


def test_top_n_and_other_methods() -> None:
    reason = IndicatorReason("a", "armoede", 1234.5, 2, 10, 3, True)
    top = Explanation("1", "Aalst", "top-n", 3, 5, True, (reason,), 14, None, 20)
    assert explanation_summary(top, "nl") == (
        "Aalst staat op 3 van 14 indicatoren in de top 20, algemene rang 5. "
        "armoede 1\u202f234,5 (rang 2/10)")
    other = Explanation("1", "Aalst", "composite", 0.456789, 5, False, (), 14)
    assert explanation_summary(other, "en") == "Aalst: score 0.4568, rank 5"
    assert explanation_summary(other, "nl") == "Aalst: score 0,4568, rang 5"


def test_no_brackets_inside_brackets() -> None:
    for lang in ("nl", "en"):
        text = explanation_summary(_atlas_explanation(), lang)
        depth, deepest = 0, 0
        for ch in text:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            deepest = max(deepest, depth)
        assert deepest == 1 and depth == 0, text


def test_area_types() -> None:
    t = AreaType(2, ("1", "2", "3"), ("a", "b"))
    assert area_type_description(t, {"a": "werkloosheid"}, "nl") == (
        "Type 2 (3 gebieden): vooral hoog op werkloosheid, b")
    assert area_type_description(AreaType(1, ("1",), ()), None, "en") == (
        "Type 1 (1 area): no single indicator stands out")
    assert area_type_description(AreaType(3, ("1",), ()), None, "nl") == (
        "Type 3 (1 gebied): geen enkele indicator springt eruit")
    assert area_type_description(AreaType(3, ("1",), ("a",)), None, "nl") == (
        "Type 3 (1 gebied): vooral hoog op a")


@pytest.mark.parametrize(("places", "nl", "en"), [
    (("Ronse",), "Ronse", "Ronse"),
    (("Ronse", "Geraardsbergen"), "Ronse en Geraardsbergen", "Ronse and Geraardsbergen"),
    (("A", "B", "C", "D"), "A, B, C en 1 andere plaats", "A, B, C and 1 other place"),
    (("A", "B", "C", "D", "E"), "A, B, C en 2 andere plaatsen", "A, B, C and 2 other places"),
])
def test_place_lists(places: tuple[str, ...], nl: str, en: str) -> None:
    assert place_list(places, "nl") == nl and place_list(places, "en") == en


def test_cluster_sentences_name_the_places_then_the_direction() -> None:
    summary = ClusterSummary((
        ClusterGroup(tuple("abcdefghij"), ("Ronse", "Geraardsbergen"), "Oost-Vlaanderen", 6),
        ClusterGroup(("x",), ("Gent",), "Gent", CENTRE),
        ClusterGroup(("y", "z"), ("Aalst",), None, 1),
    ), more=2)
    assert cluster_sentences(summary, "neighbourhood", "nl") == [
        "een significante concentratie van 10 kansarme wijken in Ronse en Geraardsbergen "
        "(het zuiden van Oost-Vlaanderen)",
        "1 kansarm gebied met kansarme buren in het centrum van Gent",
        "een significante concentratie van 2 kansarme wijken in Aalst "
        "(het noordoosten van het studiegebied)",
        "en nog 2 kleinere"]
    assert cluster_sentences(summary, "municipality", "en")[0] == (
        "a significant cluster of 10 deprived municipalities in Ronse and Geraardsbergen "
        "(the south of Oost-Vlaanderen)")
    assert cluster_sentences(ClusterSummary((), 0), None, "en") == [
        "No significant concentration of deprived areas."]


def test_infinite_or_missing_scores_read_as_a_dash() -> None:
    # a value of 1e308 makes a composite score infinite: no traceback, a dash
    inf = Explanation("1", "Aalst", "composite", float("inf"), None, False, (), 2)
    assert explanation_summary(inf, "nl") == "Aalst: score -, rang -"
    atlas = Explanation("1", "Aalst", "atlas", float("nan"), None, False, (), 2, 4)
    assert explanation_summary(atlas, "en").startswith("Aalst is not deprived: - of 2")


def test_a_sparse_year_note_in_dutch() -> None:
    from opbouw.wording import year_notes

    assert year_notes(["brussels_left_out:19", "sparse_year_skipped:x:2024:2"],
                      {"x": "Werkloosheid"}, "nl") == [
        "Werkloosheid: 2024 heeft waarden voor slechts 2 gebieden, te weinig voor het "
        "laatste jaar; een eerder jaar met meer waarden wordt gebruikt."]
