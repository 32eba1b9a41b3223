"""The plan workbook: goals with codes, the matrix, actions; user text never a formula."""

from __future__ import annotations

import dataclasses

from openpyxl import load_workbook

from opbouw.data.plan_xlsx import write_plan_xlsx
from opbouw.data.plans import load_example


def test_example_workbook_has_goals_matrix_and_actions(tmp_path) -> None:
    plan = load_example()
    wb = load_workbook(write_plan_xlsx(plan, tmp_path / "plan.xlsx"))
    assert wb.sheetnames[:4] == ["Doelstellingen", "Overzichtsschema", "Strategische acties",
                                 "Projecten"]
    goals = [r for r in wb["Doelstellingen"].iter_rows(min_row=2, values_only=True)]
    assert ("SD1", "SD") == goals[0][:2] and goals[1][0] == "OD1.1"
    assert sum(1 for r in goals if r[1] == "OD" and r[2] == "extern") == 12
    matrix = list(wb["Overzichtsschema"].iter_rows(values_only=True))
    header = matrix[2]
    stek = next(r for r in matrix if r[0] == "SA1")
    assert stek[header.index("OD1.1 Sociale bescherming")] == "zeker (uit beschrijving)"
    assert stek[header.index("OD2.1 Community building")] in ("", None)
    actions = {r[0]: r for r in wb["Strategische acties"].iter_rows(min_row=2,
                                                                    values_only=True)}
    assert actions["SA1"][3] == "April 2020 – December 2022"
    assert "Ronse" in actions["SA1"][8]


def test_text_that_looks_like_a_formula_stays_text(tmp_path) -> None:
    plan = load_example()
    evil = dataclasses.replace(plan.actions[0], title="=HYPERLINK(\"http://x\")",
                               partners="+32 9 123", timing="-2021", context="@SUM(A1)")
    plan = dataclasses.replace(plan, actions=(evil, *plan.actions[1:]))
    wb = load_workbook(write_plan_xlsx(plan, tmp_path / "plan.xlsx"))
    row = next(wb["Strategische acties"].iter_rows(min_row=2))
    assert row[1].value == "=HYPERLINK(\"http://x\")" and row[1].data_type == "s"
    assert row[6].data_type == "s" and row[3].data_type == "s" and row[9].data_type == "s"
    matrix_row = next(r for r in wb["Overzichtsschema"].iter_rows() if r[0].value == "SA1")
    assert matrix_row[1].value in ("De Stek (sector)",)


def test_english_sheet_names(tmp_path) -> None:
    wb = load_workbook(write_plan_xlsx(load_example(), tmp_path / "p.xlsx", lang="en"))
    assert wb.sheetnames[:3] == ["Goals", "Overview matrix", "Strategic actions"]
