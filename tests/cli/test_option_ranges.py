"""Security issue 15, items 7, 9 and 11 (CLI part): every numeric option has a range,
outputs are checked before any work, TOML values of the wrong type give one line."""

import pytest
from click.testing import CliRunner

from opbouw.analysis.allocation import AllocationError, allocate
from opbouw.cli import cli
from tests.conftest import DATA

AREAS, VALUES = str(DATA / "areas_ov.csv"), str(DATA / "flemish_cp1252_wide.csv")


def run(args):
    result = CliRunner().invoke(cli, args, terminal_width=100)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture
def need(tmp_path):
    path = tmp_path / "nood.csv"
    path.write_text("code,need\nA,5\nB,3\nC,1\n")
    return str(path)


@pytest.mark.parametrize("extra", [["--min", "-1"], ["--budget", "inf"], ["--step", "1e-300"],
                                   ["--budget", "1e9", "--step", "0.001"], ["--budget", "nan"],
                                   ["--max", "-2"]])
def test_allocate_refuses_absurd_numbers(need, extra) -> None:
    args = ["allocate", need, "--budget", "3"] + extra
    result = run(args)
    # 2: refused by the option's range; 1: by the library (nan passes click's range)
    assert result.exit_code in (1, 2) and "Error" in result.output, result.output


def test_allocate_refuses_too_many_steps_in_the_library() -> None:
    import pandas as pd

    with pytest.raises(AllocationError, match="steps"):
        allocate(pd.Series({"a": 1.0, "b": 2.0}), budget=5000, step=0.001)
    with pytest.raises(AllocationError, match="0 or more"):
        allocate(pd.Series({"a": 1.0, "b": 2.0}), budget=1, step=0.1, minimum=-1)


def test_allocate_gives_exactly_14_05_fte_and_never_less_for_more_need(tmp_path) -> None:
    path = tmp_path / "nood.csv"
    path.write_text("code,need\n" + "".join(f"G{i:02d},{(i * 37) % 23 + 1}\n" for i in range(64)))
    out = tmp_path / "verdeling.csv"
    result = run(["allocate", str(path), "--budget", "14.05", "--out", str(out)])
    assert result.exit_code == 0, result.output
    from decimal import Decimal

    import pandas as pd

    res = pd.read_csv(out, dtype={"fte": str})
    assert sum(Decimal(v) for v in res["fte"]) == Decimal("14.05")
    res["fte"] = res["fte"].astype(float)
    ordered = res.sort_values("need")
    assert ordered["fte"].is_monotonic_increasing or all(
        a <= b for a, b in zip(ordered.groupby("need")["fte"].max(),
                               ordered.groupby("need")["fte"].min().iloc[1:], strict=False))


def test_allocate_selection_mode_gives_each_selected_area_the_minimum(tmp_path) -> None:
    path = tmp_path / "nood.csv"
    path.write_text("code,need\nA,9\nB,7\nC,7\nD,2\nE,1\n")
    out = tmp_path / "selectie.csv"
    result = run(["allocate", str(path), "--budget", "14.05", "--select", "--min", "4",
                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    import pandas as pd

    res = pd.read_csv(out).set_index("code")
    assert res.loc[res["geselecteerd"], "fte"].min() >= 4
    assert set(res.index[res["geselecteerd"]]) == {"A", "B", "C"}
    assert round(res["fte"].sum(), 9) == 14.05
    assert "gelijke nood" in res.at["B", "reden"]


@pytest.mark.parametrize("extra", [["-k", "0"], ["-n", "0"], ["--draws", "-1"], ["--p", "0"],
                                   ["--p", "101"]])
def test_analyse_refuses_out_of_range_options(extra) -> None:
    result = run(["analyse", AREAS, VALUES] + extra)
    assert result.exit_code == 2, result.output


def test_output_in_a_missing_folder_is_refused_before_reading(tmp_path) -> None:
    missing = tmp_path / "nope" / "res.csv"
    result = run(["analyse", AREAS, VALUES, "--out", str(missing)])
    assert result.exit_code == 2 and "does not exist" in result.output
    result = run(["analyse", AREAS, VALUES, "--save-config", str(tmp_path / "nope" / "c.toml")])
    assert result.exit_code == 2
    result = run(["hotspots", AREAS, VALUES, "--indicator", "x", "--out", str(missing)])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not missing.parent.exists()


def test_ods_output_is_refused_not_written_as_csv(tmp_path) -> None:
    out = tmp_path / "res.ods"
    result = run(["analyse", AREAS, VALUES, "--out", str(out)])
    assert result.exit_code == 2 and ".ods" in result.output
    assert not out.exists()


@pytest.mark.parametrize("toml", ["indicators = 5\n", 'weights = "abc"\n', "thresholds = 3\n",
                                  'lower_is_worse = "x"\n', "p = \"veel\"\n", "k = 2.5\n"])
def test_analyse_config_of_the_wrong_type_is_one_line(tmp_path, toml) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(toml)
    result = run(["analyse", AREAS, VALUES, "--config", str(cfg)])
    assert result.exit_code == 1, result.output
    assert result.output.count("Error:") == 1


def test_svi_and_composite_configs_of_the_wrong_type_are_one_line(tmp_path) -> None:
    (tmp_path / "in.csv").write_text("code;a\n1;2\n2;3\n")
    (tmp_path / "svi.toml").write_text('id = "code"\nthemes = 3\n')
    result = run(["svi", str(tmp_path / "in.csv"), "--config", str(tmp_path / "svi.toml"),
                  "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1 and "themes" in result.output
    (tmp_path / "c.toml").write_text('id = "code"\nweights = "abc"\n')
    result = run(["composite", str(tmp_path / "in.csv"), "--config", str(tmp_path / "c.toml"),
                  "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1 and "weights" in result.output
