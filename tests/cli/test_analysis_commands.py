"""Seed 004's analyses as one command each on the demo data (issue 9, sections 2 and 3)."""

import pandas as pd
from click.testing import CliRunner
from openpyxl import load_workbook

from opbouw.cli import cli
from opbouw.data.demo import demo_files

FILES = [str(p) for p in demo_files()]


def run(args):
    result = CliRunner().invoke(cli, args, terminal_width=100)
    assert result.exit_code == 0, result.output
    return result


def test_64_east_flemish_municipalities_without_gent_with_metadata(tmp_path) -> None:
    out = tmp_path / "ov.xlsx"
    result = run(["analyse", *FILES, "--layer", "areas", "--method", "top-n", "--preset", "demo",
                  "--within", "40000", "--exclude", "44021", "-n", "10", "--break-after", "5",
                  "--out", str(out)])
    text = " ".join(result.output.split())
    assert "64 gebieden" in text and "Niveaubreuk na rang 5 (met de hand, N = 10)" in text
    assert "Net onder de breuk:" in text
    res = pd.read_excel(out, sheet_name=0, dtype={"code": str})
    assert len(res) == 64 and "44021" not in set(res["code"])
    meta = dict(load_workbook(out)["metadata"].iter_rows(min_row=2, values_only=True))
    assert meta["method"] == "top-n" and '"within": ["40000"]' in meta["scope"]
    assert "lower_is_worse" in meta["indicators"] and "date" in meta and "opbouw" in meta


def test_atlas_thresholds_from_the_example_file(tmp_path) -> None:
    thresholds = demo_files()[0].parent / "thresholds.toml"
    assert "Statbel" in thresholds.read_text()  # the example states its source
    out = tmp_path / "atlas.csv"
    run(["analyse", *FILES, "--layer", "areas", "--preset", "demo", "--thresholds",
         str(thresholds), "--year", "2013", "--out", str(out)])
    res = pd.read_csv(out, sep=";", dtype={"code": str}, encoding="utf-8-sig")
    row = res.set_index("code").loc["45041"]  # Ronse: 14 663 euro per inhabitant < 16 700
    assert bool(row["conditie_income_per_inhabitant"])
    meta = pd.read_csv(tmp_path / "atlas.metadata.csv", sep=";", encoding="utf-8-sig")
    assert "threshold" in meta.set_index("key").at["options", "value"]


def test_hidden_top_procedure_and_trend_with_top_n(tmp_path) -> None:
    result = run(["hidden", *FILES, "--layer", "areas", "--preset", "demo", "--procedure", "top",
                  "--child-level", "municipality", "--parent-level", "province", "--top", "5",
                  "--out", str(tmp_path / "h.csv")])
    res = pd.read_csv(tmp_path / "h.csv", sep=";", encoding="utf-8-sig", dtype={"code": str})
    assert len(res) == 5 and {"bovenliggend", "bovenliggend_in_top", "nieuw"} <= set(res.columns)
    assert "nieuwe plaatsen" in result.output
    out = tmp_path / "t.csv"
    run(["trend", *FILES, "--layer", "areas", "--preset", "demo", "--method", "top-n",
         "-n", "10", "--from", "2005", "--to", "2013", "--merge-to", "2025", "--out", str(out)])
    res = pd.read_csv(out, sep=";", dtype={"code": str}, encoding="utf-8-sig")
    assert {"rang_2005", "rang_2013", "kansarm", "onvolledig"} <= set(res.columns)
    assert not any(c.startswith("21") for c in res["code"])  # Flemish ranking


def test_typologies_from_the_command_line() -> None:
    result = run(["typologies", *FILES, "--layer", "areas", "--preset", "demo", "-k", "3",
                  "--within", "40000"])
    text = " ".join(result.output.split())
    assert "Combinaties van condities" in text and "Type 1" in text
