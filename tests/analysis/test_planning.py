"""Roll-up of progress and FTE from projects to actions to ODs to SDs; coverage of need."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opbouw.analysis.planning import (
    ProjectInput,
    coverage,
    project_progress,
    rollup,
    target_chart,
    toward_target,
)
from tests.conftest import ATOL

OD_PARENT = {"OD1.1": "SD1", "OD1.2": "SD1", "OD2.1": "SD2"}


def test_rollup_by_hand() -> None:
    projects = [ProjectInput("ronse", fte=2.0, progress=50.0, actions=("A", "B")),
                ProjectInput("zelzate", fte=1.0, progress=80.0, actions=("A",)),
                ProjectInput("beveren", fte=0.5, progress=None, actions=("C",))]
    contributions = {"A": {"OD1.1": "surely", "OD2.1": "possibly"},
                     "B": {"OD1.2": "surely", "OD2.1": "surely"},
                     "C": {"OD2.1": "possibly"}}
    r = rollup(projects, contributions, OD_PARENT)
    # ronse 2 FTE over A and B; zelzate 1 FTE on A
    assert r.actions["A"].fte == pytest.approx(2.0) and r.actions["B"].fte == pytest.approx(1.0)
    # A: (1*50 + 1*80) / 2
    assert r.actions["A"].progress == pytest.approx(65.0)
    assert r.actions["A"].projects == 2
    # A surely only OD1.1 (its "possibly" OD2.1 does not count when a surely exists)
    assert r.ods["OD1.1"].fte == pytest.approx(2.0)
    # B over OD1.2 and OD2.1; C has only a possibly mark, so that one counts
    assert r.ods["OD1.2"].fte == pytest.approx(0.5)
    assert r.ods["OD2.1"].fte == pytest.approx(0.5 + 0.5)
    assert r.ods["OD2.1"].progress == pytest.approx(50.0)  # beveren reports no progress
    assert r.sds["SD1"].fte == pytest.approx(2.5)
    assert r.sds["SD1"].progress == pytest.approx((2.0 * 65 + 0.5 * 50) / 2.5)
    assert r.sds["SD2"].fte == pytest.approx(1.0)
    assert r.total_fte == pytest.approx(3.5) and r.unassigned_fte == 0.0


def test_unassigned_fte_is_reported_not_lost() -> None:
    r = rollup([ProjectInput("a", fte=1.0, actions=()),
                ProjectInput("b", fte=2.0, actions=("X",))], {"X": {}}, OD_PARENT)
    assert r.unassigned_fte == pytest.approx(3.0) and not r.ods


def test_progress_without_fte_is_a_plain_mean() -> None:
    r = rollup([ProjectInput("a", progress=20.0, actions=("A",)),
                ProjectInput("b", progress=60.0, actions=("A",))],
               {"A": {"OD1.1": "surely"}}, OD_PARENT)
    assert r.ods["OD1.1"].progress == pytest.approx(40.0)
    assert project_progress([10, None, 30]) == pytest.approx(20.0)


@given(st.lists(st.tuples(st.floats(0, 5), st.floats(0, 100),
                          st.lists(st.sampled_from("ABC"), max_size=3)), max_size=8))
def test_fte_adds_up_at_every_level(rows) -> None:
    projects = [ProjectInput(f"p{i}", fte=f, progress=p, actions=tuple(a))
                for i, (f, p, a) in enumerate(rows)]
    contributions = {"A": {"OD1.1": "surely", "OD2.1": "surely"}, "B": {"OD1.2": "possibly"},
                     "C": {}}
    r = rollup(projects, contributions, OD_PARENT)
    total = sum(f for f, _p, _a in rows)
    assert r.total_fte == pytest.approx(total, abs=ATOL)
    assert sum(lv.fte for lv in r.sds.values()) + r.unassigned_fte == pytest.approx(
        total, abs=1e-6)
    assert sum(lv.fte for lv in r.ods.values()) == pytest.approx(
        sum(lv.fte for lv in r.sds.values()), abs=1e-6)
    for lv in [*r.actions.values(), *r.ods.values(), *r.sds.values()]:
        assert lv.progress is None or -1e-9 <= lv.progress <= 100 + 1e-9


def test_coverage_categories_and_fte_per_deprived_area() -> None:
    need = {"ronse": True, "denderleeuw": True, "beveren": True, "gent": False,
            "aalst": False}
    c = coverage(need, {"p1": ["ronse", "gent"], "p2": ["denderleeuw"]},
                 {"p1": 2.0, "p2": 1.0})
    t = c.table
    assert t.loc["ronse", "category"] == "covered" and t.loc["ronse", "fte"] == 1.0
    assert t.loc["denderleeuw", "category"] == "covered"
    assert t.loc["beveren", "category"] == "gap" and t.loc["beveren", "fte"] == 0.0
    assert t.loc["gent", "category"] == "presence_without_need"
    assert t.loc["aalst", "category"] == "none"
    assert (c.deprived, c.covered, c.gaps, c.presence_without_need) == (3, 2, 1, 1)
    assert c.fte_total == 3.0 and c.fte_in_deprived == 2.0
    assert c.fte_per_deprived_area == pytest.approx(2.0 / 3)
    # covered areas first (most FTE first, then by code), then the gaps
    assert list(t.index[:3]) == ["denderleeuw", "ronse", "beveren"]


def test_planning_module_stays_pure() -> None:
    import subprocess
    import sys

    code = ("import sys, opbouw.analysis.planning\n"
            "print(','.join(m for m in sys.modules if m.startswith(('django', 'opbouw.web', "
            "'opbouw.data', 'opbouw.reports', 'opbouw.cli'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""


def test_rollup_three_levels_by_hand() -> None:
    """Two SDs, three ODs, three actions, four projects: FTE and progress by hand."""
    projects = [ProjectInput("p1", fte=1.0, progress=40.0, actions=("A1",)),
                ProjectInput("p2", fte=3.0, progress=80.0, actions=("A1", "A2")),
                ProjectInput("p3", fte=2.0, progress=10.0, actions=("A3",)),
                ProjectInput("p4", fte=0.0, progress=100.0, actions=("A3",))]
    contributions = {"A1": {"OD1.1": "surely"},
                     "A2": {"OD1.2": "surely", "OD2.1": "surely", "OD1.1": "possibly"},
                     "A3": {"OD2.1": "possibly"}}
    r = rollup(projects, contributions, OD_PARENT)
    # actions: A1 = p1 (1) + half of p2 (1.5); A2 = half of p2; A3 = p3 + p4
    assert r.actions["A1"].fte == pytest.approx(2.5)
    assert r.actions["A1"].progress == pytest.approx((1 * 40 + 1.5 * 80) / 2.5)  # 64
    assert r.actions["A2"].fte == pytest.approx(1.5) and r.actions["A2"].progress == 80.0
    # p4 has no FTE: it counts in the plain mean only when no part has FTE
    assert r.actions["A3"].fte == pytest.approx(2.0) and r.actions["A3"].progress == 10.0
    assert r.actions["A3"].projects == 2
    # ODs: A2's 1.5 FTE over its two surely-ODs; A3 only possibly, so to OD2.1
    assert r.ods["OD1.1"].fte == pytest.approx(2.5)
    assert r.ods["OD1.2"].fte == pytest.approx(0.75)
    assert r.ods["OD2.1"].fte == pytest.approx(0.75 + 2.0)
    assert r.ods["OD2.1"].progress == pytest.approx((0.75 * 80 + 2.0 * 10) / 2.75)
    assert r.ods["OD2.1"].projects == 3
    # SDs: SD1 = OD1.1 + OD1.2; SD2 = OD2.1
    assert r.sds["SD1"].fte == pytest.approx(3.25)
    assert r.sds["SD1"].progress == pytest.approx((1 * 40 + 1.5 * 80 + 0.75 * 80) / 3.25)
    assert r.sds["SD1"].projects == 2
    assert r.sds["SD2"].fte == pytest.approx(2.75)
    assert r.total_fte == pytest.approx(6.0) and r.unassigned_fte == 0.0
    assert sum(v.fte for v in r.sds.values()) == pytest.approx(r.total_fte)


def test_measure_progress_toward_target() -> None:
    assert toward_target(8, 2, 12) == pytest.approx(0.6)
    assert toward_target(14, 2, 12) == pytest.approx(1.2)  # beyond the target
    assert toward_target(30, 40, 20) == pytest.approx(0.5)  # a target below the baseline
    assert toward_target(None, 0, 1) is None and toward_target(1, None, 5) is None


def test_target_chart_geometry() -> None:
    c = target_chart([("2021", 10.0), ("2022", None), ("2023", 30.0), ("2024", 20.0)],
                     baseline=0.0, target=40.0, width=110, height=50, pad=5)
    assert c is not None
    # scale 0..40 over 5..45 (1 px per unit); x over 5..105 for three known values
    assert c.points == "5.0,35.0 55.0,15.0 105.0,25.0"
    assert (c.target_y, c.baseline_y) == (5.0, 45.0)
    assert [d[2] for d in c.dots] == ["2021", "2023", "2024"]
    assert c.latest == 20.0 and c.progress == pytest.approx(0.5)
    one = target_chart([("2022", 3.0)], target=3.0, width=100, height=40, pad=0)
    assert one is not None and one.points == "50.0,20.0" and one.target_y == 20.0
    assert target_chart([("2022", None)]) is None
    only_target = target_chart([], baseline=None, target=5.0)
    assert only_target is not None and only_target.points == "" and only_target.latest is None


def test_coverage_with_reasons_of_need() -> None:
    c = coverage({"ronse": True, "gent": False},
                 {"p1": ["ronse", "wijk-x"]}, {"p1": 2.0},
                 reasons={"gent": ["hot_spot"], "wijk-x": ["averaged_away"], "ronse": []})
    t = c.table
    assert t.loc["ronse", "reasons"] == ["deprived"]  # flagged, no other reason given
    assert t.loc["gent", "category"] == "gap" and t.loc["gent", "reasons"] == ["hot_spot"]
    assert t.loc["wijk-x", "category"] == "covered"
    assert (c.deprived, c.covered, c.gaps) == (3, 2, 1)
    assert c.fte_in_deprived == 2.0 and c.fte_per_deprived_area == pytest.approx(2.0 / 3)
