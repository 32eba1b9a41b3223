"""The shared document base: numbering, dates, formats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from opbouw.reports.document import Document, long_date, report_date


def test_date_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772668800")  # 2026-03-05 00:00 UTC
    assert report_date() == date(2026, 3, 5)
    assert report_date(date(2025, 1, 2)) == date(2025, 1, 2)
    assert long_date(date(2026, 3, 5), "nl") == "5 maart 2026"
    assert long_date(date(2026, 3, 5), "en") == "5 March 2026"


def test_figures_and_tables_are_numbered_in_reading_order() -> None:
    doc = Document("Test", day=date(2026, 1, 1))
    a = doc.section("A")
    a.add(doc.table("eerste", ["x"], [["1"]]))
    a.add(doc.figure("kaart", b"\x89PNG", "alt"))
    b = doc.section("B")
    b.add(doc.table("tweede", ["x"], [["2"]]))
    html = doc.render_html()
    assert html.index("Tabel 1.") < html.index("Figuur 1.") < html.index("Tabel 2.")
    assert 'href="#s2"' in html


def test_pdf_is_reproducible(tmp_path: Path) -> None:
    doc = Document("Reproduceerbaar", organisation="Org", day=date(2026, 3, 5))
    doc.section("Een").text("Tekst met een decimale komma: " + doc.num(1234.56, 2))
    first = doc.write(tmp_path / "a.pdf").read_bytes()
    second = doc.write(tmp_path / "b.pdf").read_bytes()
    assert first[:5] == b"%PDF-" and first == second


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="docx"):
        Document("x").write(tmp_path / "x.docx")


def test_heavy_libraries_are_imported_only_when_a_report_is_made() -> None:
    import subprocess
    import sys

    code = ("import sys, opbouw.reports.annex, opbouw.reports.profile, opbouw.cli.report\n"
            "print(','.join(m for m in ('matplotlib', 'weasyprint') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
