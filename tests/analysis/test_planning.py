"""Roll-up of progress and FTE from projects to actions to ODs to SDs; coverage of need."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opbouw.analysis.planning import ProjectInput, coverage, project_progress, rollup
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
