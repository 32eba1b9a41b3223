"""The fixed entry points, called as users and independent checks call them."""

import pandas as pd
from click.testing import CliRunner

from opbouw.cli import cli
from tests.conftest import DATA

SVI_TOML = '''id = "FIPS"
[themes]
THEME1 = ["POV150", "UNEMP", "HBURD", "NOHSDP", "UNINSUR"]
THEME2 = ["AGE65", "AGE17", "DISABL", "SNGPNT", "LIMENG"]
THEME3 = ["MINRTY"]
THEME4 = ["MUNIT", "MOBILE", "CROWD", "NOVEH", "GROUPQ"]
'''


def test_validate_lists_all_ten_problems_and_exits_1() -> None:
    result = CliRunner().invoke(cli, ["validate", str(DATA / "ten_areas.csv"),
                                      str(DATA / "ten_problems.csv")], terminal_width=80)
    assert result.exit_code == 1
    # nine errors and the lost leading zero, now a warning that restores the code
    assert "9 fout(en), 1 waarschuwing(en)" in result.output
    assert "voorloopnul" in result.output
    for column in ("niveau", "unemployment_pressure", "zero_income_returns", "jaar"):
        assert column in result.output
    assert "Traceback" not in result.output


def test_validate_good_files_exits_0() -> None:
    result = CliRunner().invoke(cli, ["validate", str(DATA / "areas_ov.csv"),
                                      str(DATA / "flemish_cp1252_wide.csv")])
    assert result.exit_code == 0, result.output


def test_svi_command_reproduces_published_table(tmp_path) -> None:
    (tmp_path / "svi.toml").write_text(SVI_TOML)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["svi", str(DATA / "svi" / "svi2020_pa_counties_cdc.csv"),
                                      "--config", str(tmp_path / "svi.toml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    ours = pd.read_csv(out, dtype={"FIPS": str}).set_index("FIPS")
    published = pd.read_csv(DATA / "svi" / "svi2020_pa_counties_cdc.csv", encoding="utf-8-sig",
                            dtype={"FIPS": str}).set_index("FIPS")
    assert list(ours.columns[:2]) == ["EPL_POV150", "EPL_UNEMP"]
    pd.testing.assert_frame_equal(ours, published[ours.columns], check_dtype=False)


def test_composite_command(tmp_path) -> None:
    (tmp_path / "in.csv").write_text("code;a;b\n01;1;40\n02;2;10\n03;4;20\n04;3;30\n")
    (tmp_path / "c.toml").write_text('id = "code"\nnormalise = "minmax"\naggregate = "arithmetic"\n'
                                     'lower_is_worse = ["b"]\n[weights]\na = 1\nb = 1\n')
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["composite", str(tmp_path / "in.csv"), "--config",
                                      str(tmp_path / "c.toml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    # written as the input came: ";" (Flemish Excel), Dutch headers
    res = pd.read_csv(out, sep=";", decimal=",", dtype={"code": str}, encoding="utf-8-sig")
    assert res["code"].tolist() == ["01", "02", "03", "04"]
    assert res["rang"].tolist() == [4, 2, 1, 3]


def test_config_errors_are_one_line_not_tracebacks(tmp_path) -> None:
    (tmp_path / "c.toml").write_text('id = "code"\nnormalise = "magic"\n[weights]\na = 1\n')
    (tmp_path / "in.csv").write_text("code;a\n1;2\n2;3\n")
    result = CliRunner().invoke(cli, ["composite", str(tmp_path / "in.csv"), "--config",
                                      str(tmp_path / "c.toml"), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1 and "Error:" in result.output and "minmax" in result.output


def test_analyse_writes_xlsx_and_reusable_config(tmp_path) -> None:
    out, cfg = tmp_path / "res.xlsx", tmp_path / "cfg.toml"
    args = ["analyse", str(DATA / "areas_ov.csv"), str(DATA / "flemish_cp1252_wide.csv"),
            "--method", "atlas", "--p", "40", "-k", "2", "--indicator", "unemployment_pressure",
            "--indicator", "population_density", "--out", str(out), "--save-config", str(cfg)]
    result = CliRunner().invoke(cli, args, terminal_width=80)
    assert result.exit_code == 0, result.output
    res = pd.read_excel(out, dtype={"code": str})
    assert set(res.loc[res["kansarm"], "code"]) == {"44021", "45041"}
    again = CliRunner().invoke(cli, ["analyse", str(DATA / "areas_ov.csv"),
                                     str(DATA / "flemish_cp1252_wide.csv"), "--config", str(cfg)])
    assert again.exit_code == 0 and "Gent" in again.output


def test_indicators_lists_presets() -> None:
    result = CliRunner().invoke(cli, ["indicators", "--preset", "flemish8"], terminal_width=80)
    assert result.exit_code == 0 and "Budgetmeters" in result.output


def test_demo_writes_report(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path), "--draws", "50"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "gebiedsanalyse.html").read_text()
    assert "Ronse" in html and "<svg" in html and "64 gebieden" in html
