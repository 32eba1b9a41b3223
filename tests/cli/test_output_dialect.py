"""Every command writes its result as its input came (issue 9, section 3 "Outputs"):
Flemish Excel CSV (``;``, decimal comma, UTF-8 with BOM) or international CSV, area names,
Dutch headers in the Dutch interface, rounded values and the metadata beside it."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from click.testing import CliRunner

from opbouw.cli import cli
from opbouw.data.demo import demo_files
from opbouw.data.writers import convention_of, translate_header

FILES = [str(p) for p in demo_files()]
META_KEYS = {"method", "options", "scope", "year", "indicators", "date", "opbouw"}


def run(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args, terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def read_flemish(path) -> pd.DataFrame:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as Excel wants it
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"code": str})


def metadata(path, sep: str = ";") -> dict[str, str]:
    side = path.with_name(path.stem + ".metadata.csv")
    meta = pd.read_csv(side, sep=sep, encoding="utf-8-sig", dtype=str)
    return dict(zip(meta["key"], meta["value"], strict=True))


def test_convention_follows_the_first_text_table(tmp_path) -> None:
    (tmp_path / "f.csv").write_text("code;x\n1;2,5\n", encoding="utf-8")
    (tmp_path / "i.csv").write_text("code,x\n1,2.5\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("code\tx\n1\t2,5\n", encoding="utf-8")
    assert convention_of([tmp_path / "f.csv"]) == "flemish"
    assert convention_of([tmp_path / "i.csv"]) == "international"
    assert convention_of([tmp_path / "t.csv"]) == "flemish"  # a decimal comma
    assert convention_of([tmp_path / "areas.gpkg", tmp_path / "i.csv"]) == "international"
    assert convention_of([tmp_path / "areas.gpkg"]) == "flemish"


def test_headers_follow_the_language() -> None:
    assert translate_header("rank", "nl") == "rang"
    assert translate_header("rank", "en") == "rank"
    assert translate_header("value_income", "nl") == "waarde_income"
    assert translate_header("code", "nl") == "code"
    assert translate_header("fte", "nl", keep=("fte",)) == "fte"


def test_analyse_on_flemish_input_writes_flemish_csv_with_names_and_metadata(tmp_path) -> None:
    out = tmp_path / "res.csv"
    run(["analyse", *FILES, "--layer", "areas", "--preset", "demo", "--within", "40000",
         "--year", "2013", "--out", str(out)])
    res = read_flemish(out)
    assert {"code", "naam", "rang", "kansarm"} <= set(res.columns)
    assert res.set_index("code").at["45041", "naam"] == "Ronse"
    values = res[[c for c in res.columns if c.startswith("waarde_")]].to_numpy().ravel()
    assert all(round(float(v), 4) == float(v) for v in values if not pd.isna(v))
    text = out.read_text("utf-8-sig")
    assert "," in text.splitlines()[1] or "," in text.splitlines()[2]  # decimal comma
    meta = metadata(out)
    assert META_KEYS <= set(meta)
    assert "higher_is_worse" in meta["indicators"] or "lower_is_worse" in meta["indicators"]
    assert '"within": ["40000"]' in meta["scope"]


def test_english_interface_keeps_english_headers(tmp_path) -> None:
    out = tmp_path / "res.xlsx"
    run(["analyse", *FILES, "--layer", "areas", "--preset", "demo", "--lang", "en",
         "--out", str(out)])
    res = pd.read_excel(out, sheet_name=0, dtype={"code": str})
    assert {"code", "name", "rank"} <= set(res.columns)
    meta = pd.read_excel(out, sheet_name="metadata", dtype=str)
    assert META_KEYS <= set(meta["key"])


@pytest.mark.parametrize(("sep", "decimal"), [(";", ","), (",", ".")])
def test_allocate_writes_like_its_input_and_sums_to_exactly_14_05(tmp_path, sep,
                                                                 decimal) -> None:
    need = tmp_path / "nood.csv"
    rows = "".join(f"G{i:02d}{sep}{((i * 37) % 23 + 1) / 3:.2f}\n".replace(".", decimal)
                   for i in range(64))
    need.write_text(f"code{sep}need\n" + rows, encoding="utf-8")
    out = tmp_path / "verdeling.csv"
    run(["allocate", str(need), "--budget", "14.05", "--out", str(out)])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (sep == ";")
    res = pd.read_csv(out, sep=sep, dtype=str, encoding="utf-8-sig")
    assert {"code", "need", "fte", "quotum"} <= set(res.columns)
    assert sum(Decimal(v.replace(",", ".")) for v in res["fte"]) == Decimal("14.05")
    meta = metadata(out, sep)
    assert META_KEYS <= set(meta) and "14.05" in meta["options"]


def test_hotspots_keep_their_columns_first_and_add_the_names(tmp_path) -> None:
    out = tmp_path / "hot.csv"
    run(["hotspots", *FILES, "--layer", "areas", "--indicator", "zero_income_share",
         "--area-level", "municipality", "--permutations", "99", "--out", str(out)])
    res = read_flemish(out)
    assert list(res.columns[:6]) == ["code", "lisa_cluster", "lisa_p", "gi_z", "gi_p", "naam"]
    assert res.set_index("code").at["45041", "naam"] == "Ronse"
    assert META_KEYS <= set(metadata(out))


def test_allocate_carries_the_area_names_of_the_need_file(tmp_path) -> None:
    need = tmp_path / "nood.csv"
    need.write_text("code;naam;need\n45041;Ronse;9,5\n41018;Geraardsbergen;4\n", "utf-8")
    out = tmp_path / "verdeling.xlsx"
    run(["allocate", str(need), "--budget", "3", "--out", str(out)])
    res = pd.read_excel(out, dtype={"code": str}).set_index("code")
    assert res.at["45041", "naam"] == "Ronse" and res["fte"].sum() == pytest.approx(3)
