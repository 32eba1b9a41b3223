from opbouw.data.rawtable import read_raw_table
from tests.conftest import DATA


def test_cp1252_semicolon_export_is_detected() -> None:
    raw = read_raw_table(DATA / "flemish_cp1252_wide.csv")
    assert (raw.encoding, raw.separator) == ("cp1252", ";")
    assert raw.header[0] == "NIS-code"
    assert raw.rows[0] == (2, ["46021", "Sint-Niklaas", "7,9", "1.041,3", "77.530"])


def test_utf8_bom_and_utf16_tab() -> None:
    assert read_raw_table(DATA / "long_utf8bom.csv").header[0] == "code"
    raw = read_raw_table(DATA / "tab_utf16.txt")
    assert (raw.encoding, raw.separator, raw.header) == (
        "utf-16", "\t", ["code", "unemployment_pressure"])


def test_xlsx_keeps_text_codes(tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["code", "unemployment_pressure"])
    ws.append(["04000", 7.5])
    ws.append([46021, 8])
    wb.save(tmp_path / "x.xlsx")
    raw = read_raw_table(tmp_path / "x.xlsx")
    assert raw.rows == [(2, ["04000", "7.5"]), (3, ["46021", "8"])]
