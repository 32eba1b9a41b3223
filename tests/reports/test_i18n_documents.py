"""The documents in Dutch hold no English text of the catalogue, and in English read as
English: annex, area profile, plan and dossier, rendered to HTML."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

import pytest

from opbouw.data.dataset import Dataset
from opbouw.data.plans import load_example
from opbouw.model.indicators import Catalogue
from opbouw.reports.annex import AnnexConfig, build_annex
from opbouw.reports.area_report import ReportSpec, build_report
from opbouw.reports.dossier import DossierData, RequestRow, SignalRow, build_dossier_report
from opbouw.reports.plan import PlanReportConfig, build_plan_report
from opbouw.reports.profile import ProfileConfig, build_profile
from tests.reports.conftest import DAY
from tests.test_i18n import leaked_english


def text(page: str) -> str:
    """What a reader sees (and a screen reader reads): text and alt texts, no styles."""
    page = re.sub(r'src="data:[^"]*"', "", page)
    page = re.sub(r"<(style|svg)\b.*?</\1>", "", page, flags=re.S)
    page = re.sub(r'(?:alt|aria-label)="([^"]*)"', r">\1<", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def prose(words: str) -> str:
    """``words`` without the ``key=value`` settings that make the document reproducible
    (``level=municipality`` names a setting, it is not a sentence)."""
    return re.sub(r"\b\w+=\S+", "", words)


def _dossier() -> DossierData:
    return DossierData(
        title="Betaalbaar wonen", problem="Grote gezinnen vinden geen woning.",
        organisation="Samenlevingsopbouw Testregio", level="lokaal bestuur",
        addressee="het college", quotes=("We wachten al vier jaar.",), proposals="Meer.",
        groups="Grote gezinnen", follow_up="Nog niets.", closed=True,
        signals=(SignalRow("Wachtlijst", "wonen", "Ronse", "grote gezinnen", "Buurtwerk", 1),),
        requests=(RequestRow(date(2025, 3, 1), "Gemeente", "Meer woningen?"),),
        updated=date(2025, 6, 2))


def _plan(lang: str) -> str:
    plan = load_example()
    roll = {plan.goals[0].code: {"fte": 2.0, "progress": 40.0}}
    rows = [(2022, "Buurtwerk Ronse", "Comité opstarten", "op schema", 40, date(2022, 5, 3),
             "Eerste vergadering")]
    return build_plan_report(plan, PlanReportConfig(year=2022, rollup=roll, progress=rows,
                                                    lang=lang, day=DAY)).render_html()


@pytest.fixture(scope="module")
def annexes(demo: Dataset, catalogue: Catalogue, annex_config: AnnexConfig) -> dict[str, str]:
    cheap = replace(annex_config, draws=30, permutations=99, fte={"40000": 3.0})
    return {lang: build_annex(demo, catalogue, replace(cheap, lang=lang)).render_html()
            for lang in ("nl", "en")}


@pytest.fixture(scope="module")
def profiles(demo: Dataset, catalogue: Catalogue, annex_config: AnnexConfig) -> dict[str, str]:
    return {lang: build_profile(demo, catalogue, ProfileConfig(
        "45041", annex_config.indicators, day=DAY, lang=lang)).render_html()
        for lang in ("nl", "en")}


def test_the_dutch_annex_holds_no_english_catalogue_text(annexes: dict[str, str]) -> None:
    dutch = text(annexes["nl"])
    assert "Gebiedsanalyse van het werkgebied" in dutch and "5 maart 2026" in dutch
    assert "64 gemeenten vergeleken op 6 indicatoren" in dutch
    assert leaked_english(prose(dutch)) == []


def test_the_english_annex_is_english(annexes: dict[str, str]) -> None:
    english = text(annexes["en"])
    assert "64 municipalities compared on 6 indicators (excluding Gent)" in english
    assert "5 March 2026" in english and "Page" in annexes["en"]
    assert "gemeenten" not in english and "Figuur" not in english


def test_the_dutch_profile_holds_no_english_catalogue_text(profiles: dict[str, str]) -> None:
    dutch = text(profiles["nl"])
    assert "Wijkfiche Ronse" in dutch and "inwoners" in dutch
    assert leaked_english(prose(dutch)) == []
    english = text(profiles["en"])
    assert "Area profile Ronse" in english and "inhabitants" in english
    assert "Vergeleken met" not in english


@pytest.mark.parametrize("build", [
    _plan, lambda lang: build_dossier_report(_dossier(), lang).render_html()],
    ids=["plan", "dossier"])
def test_plan_and_dossier_in_dutch_hold_no_english_catalogue_text(build) -> None:  # type: ignore[no-untyped-def]
    dutch, english = text(build("nl")), text(build("en"))
    assert leaked_english(prose(dutch)) == []
    assert dutch != english and ("Inhoud" in dutch or "Beleidsdossier" in dutch)


def test_the_dossier_counts_in_words_of_the_right_number() -> None:
    dutch = text(build_dossier_report(_dossier(), "nl").render_html())
    assert "1 signaal (1 melding) uit 1 gebied en 1 project." in dutch
    english = text(build_dossier_report(_dossier(), "en").render_html())
    assert "1 signal (1 report) from 1 area and 1 project." in english


def test_the_demo_report_template_speaks_dutch(demo: Dataset, catalogue: Catalogue,
                                              annex_config: AnnexConfig, tmp_path) -> None:  # type: ignore[no-untyped-def]
    spec = ReportSpec(title="Gebiedsanalyse", indicators=annex_config.indicators, year=2013,
                      parent="40000", exclude=("44021",), draws=20)
    dutch = text(build_report(demo, catalogue, spec, tmp_path / "nl.html").read_text("utf-8"))
    assert "Hoe zeker is de rangorde?" in dutch and leaked_english(prose(dutch)) == []
    english = text(build_report(demo, catalogue, replace(spec, lang="en"),
                                tmp_path / "en.html").read_text("utf-8"))
    assert "How certain is the ranking?" in english
