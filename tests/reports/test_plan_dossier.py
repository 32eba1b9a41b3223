"""The plan-and-progress and policy-dossier documents, read as a reader would: A4 pages that
are not blank (pdftoppm), selectable text with the goal titles and the dossier's problem
(pdftotext), and the same document from the same data."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from opbouw.data.plans import PlanData, load_example
from opbouw.reports.dossier import DossierData, RequestRow, SignalRow, build_dossier_report
from opbouw.reports.plan import PlanReportConfig, build_plan_report, data_date
from tests.reports.conftest import coloured_pixels, pdf_pages, pdf_text

A4 = (595.28, 841.89)


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _x, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return sizes


def _ink(page) -> int:  # type: ignore[no-untyped-def]
    """Pixels that are not (almost) white."""
    return int((page.min(axis=2) < 200).sum())


@pytest.fixture(scope="module")
def plan() -> PlanData:
    return load_example()


def _progress_config(plan: PlanData) -> PlanReportConfig:
    sd1 = plan.goals[0]
    roll = {sd1.code: {"fte": 2.0, "progress": 40.0},
            sd1.operational[0].code: {"fte": 2.0, "progress": 40.0}}
    rows = [(2022, "Buurtopbouwwerk Ronse", "Buurtcomité opstarten", "op schema", 40,
             date(2022, 5, 3), "Eerste vergadering")]
    return PlanReportConfig(organisation="Samenlevingsopbouw Testregio", year=2022,
                            rollup=roll, progress=rows)


@pytest.fixture(scope="module")
def plan_pdf(plan: PlanData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan") / "plan.pdf"
    return build_plan_report(plan, _progress_config(plan)).write(out)


def test_plan_pdf_pages_are_a4_and_not_blank(plan_pdf: Path) -> None:
    sizes = _page_sizes(plan_pdf)
    assert len(sizes) >= 3
    assert all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in sizes)
    pages = pdf_pages(plan_pdf)
    assert len(pages) == len(sizes)
    assert all(_ink(p) > 2000 for p in pages)
    # the progress chart is in colour
    assert max(coloured_pixels(p) for p in pages) > 500


def test_plan_pdf_text_holds_the_goals_actions_and_progress(plan: PlanData,
                                                           plan_pdf: Path) -> None:
    text = " ".join(pdf_text(plan_pdf).split())
    for goal in plan.goals:
        assert goal.title in text, goal.title
    assert "OD3.4" in text and "Sociaal rechtvaardig klimaat- en milieubeleid" in text
    assert "Overzichtsschema" in text and "Waardig wonen" in text
    assert "Voortgang 2022" in text and "Buurtcomité opstarten" in text and "40 %" in text
    assert "Samenlevingsopbouw Testregio" in text and "3 mei 2022" in text
    assert "Pagina 1 /" in text


def test_plan_document_date_comes_from_the_data(plan: PlanData) -> None:
    assert data_date(plan) == date(plan.start_year, 1, 1)
    config = _progress_config(plan)
    assert data_date(plan, config.progress) == date(2022, 5, 3)
    assert build_plan_report(plan, config).date == date(2022, 5, 3)


def test_plan_html_is_reproducible_and_english_available(plan: PlanData,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    first = build_plan_report(plan, _progress_config(plan)).render_html()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # the data's date wins
    second = build_plan_report(plan, _progress_config(plan)).render_html()
    assert first == second
    assert 'alt="Staafdiagram van de voortgang' in first
    english = build_plan_report(plan, PlanReportConfig(lang="en")).render_html()
    assert "Strategic actions" in english and "Strategische acties" not in english


def _dossier(**kw: object) -> DossierData:
    fields: dict[str, object] = dict(
        title="Betaalbaar wonen in de stationswijk",
        problem="Grote gezinnen vinden geen betaalbare huurwoning.\nDe wachtlijst is lang.",
        organisation="Samenlevingsopbouw Testregio", level="lokaal bestuur",
        addressee="het college", quotes=("We wachten al vier jaar.",),
        proposals="Meer sociale woningen met vier slaapkamers.",
        signals=(SignalRow("Wachtlijst sociale huur", "wonen", "Sint-Niklaas",
                           "grote gezinnen", "Buurtwerk", 3),
                 SignalRow("Geen grote woningen", "wonen", "Ronse", "grote gezinnen", "", 1)),
        requests=(RequestRow(date(2025, 3, 1), "Gemeente", "Meer grote woningen?",
                             date(2025, 4, 2), "Wordt onderzocht."),
                  RequestRow(date(2025, 6, 1), "Provincie", "Steun voor een proefproject?")),
        updated=date(2025, 6, 2))
    fields.update(kw)
    return DossierData(**fields)  # type: ignore[arg-type]


def test_dossier_pdf_is_a4_not_blank_and_holds_the_problem(tmp_path: Path) -> None:
    pdf = build_dossier_report(_dossier()).write(tmp_path / "dossier.pdf")
    sizes = _page_sizes(pdf)
    assert sizes and all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in sizes)
    assert all(_ink(p) > 2000 for p in pdf_pages(pdf))
    text = " ".join(pdf_text(pdf).split())
    assert "Grote gezinnen vinden geen betaalbare huurwoning." in text
    assert "Betaalbaar wonen in de stationswijk" in text and "2 juni 2025" in text
    assert "2 signalen (4 meldingen) uit 2 gebieden en 1 project." in text
    assert "wacht op antwoord" in text and "Wordt onderzocht." in text
    assert "We wachten al vier jaar." in text


def test_dossier_pdf_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = build_dossier_report(_dossier()).write(tmp_path / "a.pdf").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    second = build_dossier_report(_dossier()).write(tmp_path / "b.pdf").read_bytes()
    assert first == second
    info = subprocess.run(["pdfinfo", "-isodates", str(tmp_path / "a.pdf")],
                          capture_output=True, text=True, check=True).stdout
    assert "CreationDate:    2025-06-02T00:00:00" in info
    changed = build_dossier_report(_dossier(updated=date(2025, 7, 1))).render_html()
    assert changed != build_dossier_report(_dossier()).render_html()


def test_an_empty_dossier_still_reads(tmp_path: Path) -> None:
    doc = build_dossier_report(_dossier(signals=(), requests=(), quotes=(), proposals=""),
                               lang="en")
    html = doc.render_html()
    assert "Nothing asked yet." in html and "No signals bundled yet." in html
