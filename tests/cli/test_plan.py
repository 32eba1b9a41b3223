"""``opbouw plan example`` and ``opbouw plan export`` as users call them."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from opbouw.cli import cli


def test_plan_example_writes_goals_matrix_and_actions(tmp_path) -> None:
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(cli, ["plan", "example", "--out", str(out)], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "extern: 3 SD's, 12 OD's, 10 strategische acties" in result.output
    assert "intern: 1 SD's, 5 OD's" in result.output
    wb = load_workbook(out)
    goals = {r[0]: r for r in wb["Doelstellingen"].iter_rows(min_row=2, values_only=True)}
    assert goals["SD2"][5] == "Krachtige buurten en steden"
    assert goals["OD3.4"][5] == "Sociaal rechtvaardig klimaat- en milieubeleid"
    matrix = list(wb["Overzichtsschema"].iter_rows(values_only=True))
    assert matrix[3][1] == "De Stek (sector)"
    actions = {r[0]: r for r in wb["Strategische acties"].iter_rows(min_row=2,
                                                                    values_only=True)}
    assert actions["SA8"][3] == "2022 - 2024" and "Welzijnszorg" in actions["SA8"][6]


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    from tests.web.conftest import build_world

    return build_world()


def test_plan_export_reads_the_database(tmp_path, world: dict[str, Any]) -> None:
    from opbouw.data.plans import load_example
    from opbouw.web.planning import store
    from opbouw.web.planning.models import Objective

    plan = store.import_plan(load_example(), world["orgs"]["east"], None, world["ds_east"])
    project = plan.projects.get(key="den-botaniek")
    project.fte = 2
    project.save()
    Objective.objects.create(year_plan=store.year_plan(plan, 2022), project=project,
                             title="=SUM(A1)", percentage=70)
    out = tmp_path / "export.xlsx"
    result = CliRunner().invoke(cli, ["plan", "export", str(plan.pk), "--out", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    goals = {r[0]: r for r in wb["Doelstellingen"].iter_rows(min_row=2, values_only=True)}
    # Den Botaniek serves De Stek, which surely serves OD1.1 (SD1)
    assert goals["OD1.1"][7] == 2 and goals["SD1"][7] == 2 and goals["OD1.1"][8] == 70
    progress = list(wb["Voortgang"].iter_rows(min_row=2))
    assert progress[0][2].value == "=SUM(A1)" and progress[0][2].data_type == "s"
    missing = CliRunner().invoke(cli, ["plan", "export", "99999", "--out", str(out)])
    assert missing.exit_code == 1 and "99999" in missing.output
    assert "Traceback" not in missing.output


@pytest.mark.parametrize("args", [
    ["plan", "export", "1", "--out", "plan.xlsx"],
    ["report", "plan", "1", "--out", "plan.pdf"],
    ["report", "dossier", "1", "--out", "dossier.pdf"],
    ["backup", "backup.json"],
])
def test_database_commands_on_a_database_without_tables(tmp_path, args: list[str]) -> None:
    """Issue 10: a fresh OPBOUW_DATA_DIR where ``opbouw serve`` never ran: a Dutch message
    that says what to do and exit code 1, not a traceback. A child process, because this
    one's Django already points at the test database."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "OPBOUW_LANG")}
    env["OPBOUW_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "opbouw", *args], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "nog geen tabellen" in output and "opbouw serve" in output
    assert not list(tmp_path.glob("*.xlsx")) + list(tmp_path.glob("*.pdf"))
