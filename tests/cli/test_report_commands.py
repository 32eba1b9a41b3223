"""``opbouw report annex|profile`` on the demo data and on files."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from opbouw.cli import cli
from opbouw.data.demo import demo_files


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout


def test_annex_from_files_with_scope(tmp_path: Path) -> None:
    areas, indicators = demo_files()
    out = tmp_path / "bijlage.html"
    result = CliRunner().invoke(cli, [
        "report", "annex", str(areas), str(indicators), "--layer", "areas", "--preset", "demo",
        "--within", "40000", "--exclude", "44021", "--draws", "50", "--date", "2026-03-05",
        "--no-hotspots",
        "--organisation", "Samenlevingsopbouw Testregio", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "64 gemeenten vergeleken op 6 indicatoren (zonder Gent)" in html
    assert "5 maart 2026" in html and "Samenlevingsopbouw Testregio" in html
    assert "Niet berekend (uitgeschakeld voor dit document)." in html


def test_annex_demo_pdf_in_english(tmp_path: Path) -> None:
    out = tmp_path / "annex.pdf"
    result = CliRunner().invoke(cli, ["report", "annex", "--demo", "--draws", "50", "--lang",
                                      "en", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = _text(out)
    assert "Area analysis of the working area Oost-Vlaanderen" in text
    assert "Contents" in text and "Ronse" in text


def test_profile_pdf_is_reproducible(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772668800")
    outs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for out in outs:
        result = CliRunner().invoke(cli, ["report", "profile", "--demo", "--area", "46021",
                                          "--format", "pdf", "--out", str(out)])
        assert result.exit_code == 0, result.output
    assert outs[0].read_bytes() == outs[1].read_bytes()
    text = _text(outs[0])
    assert "Wijkfiche Sint-Niklaas" in text and "5 maart 2026" in text


def test_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "annex", "--demo", "--within", "99999",
                                 "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "99999" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(cli, ["report", "profile", "--demo", "--area", "45041",
                                 "--date", "5-3-2026", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output
    result = runner.invoke(cli, ["report", "annex", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "--demo" in result.output


def test_plan_example_as_pdf(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = CliRunner().invoke(cli, ["report", "plan", "--example", "--format", "pdf",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(_text(out).split())
    assert "Samenlevingsopbouw Oost-Vlaanderen" in text and "Krachtige buurten en steden" in text
    assert "1 januari 2021" in text
    both = CliRunner().invoke(cli, ["report", "plan", "1", "--example", "--out", str(out)])
    assert both.exit_code != 0 and "--example" in both.output


def test_stored_plan_and_dossier(tmp_path: Path, transactional_db: object) -> None:
    import datetime as dt

    from opbouw.data.plans import load_example
    from opbouw.web.planning import store
    from opbouw.web.planning.models import Objective
    from opbouw.web.signals.models import Dossier, Request
    from tests.web.conftest import build_world

    world = build_world()
    east = world["orgs"]["east"]
    plan = store.import_plan(load_example(), east, None, world["ds_east"])
    Objective.objects.create(year_plan=store.year_plan(plan, 2023),
                             project=plan.projects.get(key="den-botaniek"),
                             title="Moestuin aanleggen", percentage=55)
    out = tmp_path / "plan.html"
    result = CliRunner().invoke(cli, ["report", "plan", str(plan.pk), "--year", "2023",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "Moestuin aanleggen" in html and "Voortgang 2023" in html and "55 %" in html
    dossier = Dossier.objects.create(organisation=east, title="Energiearmoede",
                                     problem="Huurders betalen te veel voor energie.")
    Request.objects.create(dossier=dossier, asked_on=dt.date(2025, 3, 1), addressee="OCMW",
                           question="Een energiescan voor elke huurder?")
    pdf = tmp_path / "dossier.pdf"
    result = CliRunner().invoke(cli, ["report", "dossier", str(dossier.pk), "--date",
                                      "2025-04-01", "--out", str(pdf)])
    assert result.exit_code == 0, result.output
    text = " ".join(_text(pdf).split())
    assert "Huurders betalen te veel voor energie." in text and "1 april 2025" in text
    for kind in ("plan", "dossier"):
        missing = CliRunner().invoke(cli, ["report", kind, "99999", "--out", str(pdf)])
        assert missing.exit_code == 1 and "99999" in missing.output
        assert "Traceback" not in missing.output
