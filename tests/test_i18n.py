"""The catalogue outside Django: every message translated, compiled, and no English left
in a Dutch message of a module that uses it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from opbouw.cli import cli
from opbouw.errors import ConfigError
from opbouw.i18n import LOCALE_DIR, format_date, format_decimal, gettext, ngettext

PO = LOCALE_DIR / "nl" / "LC_MESSAGES" / "opbouw.po"


ENTRY = re.compile(r'^(?:msgctxt "(.*)"\n)?msgid "(.*)"\n(?:msgid_plural "(.*)"\n)?'
                   r'((?:msgstr(?:\[\d\])? ".*"\n?)+)', re.M)


def catalogue() -> dict[str, str]:
    """msgid -> msgstr of the Dutch catalogue (single-line entries, as ours are); a plural
    entry counts as its singular and its plural msgid, each with its own msgstr."""
    found: dict[str, str] = {}
    for _context, msgid, plural, strs in ENTRY.findall(PO.read_text("utf-8")):
        translated = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', strs, re.M)
        if not msgid:
            continue
        found[msgid] = translated[0]
        if plural:
            found[plural] = translated[-1] if len(translated) > 1 else ""
    return found


def _words(text: str) -> list[str]:
    """The literal parts of a message of four characters or more, without {placeholders}."""
    return [part.strip(" :()") for part in re.split(r"\{[^}]*\}", text)
            if len(part.strip(" :()")) >= 4]


def english_fragments() -> list[str]:
    """The literal words of every msgid, without its {placeholders}."""
    return [part for msgid in catalogue() for part in _words(msgid)]


def english_only_fragments() -> list[str]:
    """The words of the msgids that no Dutch message uses as well (``Status``, ``Project``
    or ``Partners`` are Dutch too, so finding them proves nothing)."""
    dutch = " ".join(catalogue().values()).lower()
    return sorted({part for part in english_fragments() if part.lower() not in dutch})


def leaked_english(text: str) -> list[str]:
    """The English-only catalogue fragments found, as whole words, in ``text``."""
    return [f for f in english_only_fragments()
            if re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", text)]


def test_every_message_has_a_dutch_translation() -> None:
    untranslated = [m for m, s in catalogue().items() if not s]
    assert catalogue() and untranslated == []
    assert catalogue()["municipalities"] == "gemeenten"  # plural entries are read too


def test_every_placeholder_of_a_message_is_in_its_translation() -> None:
    wrong = {m: s for m, s in catalogue().items()
             if sorted(re.findall(r"\{[^}]*\}", m)) != sorted(re.findall(r"\{[^}]*\}", s))}
    assert wrong == {}


def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    mo = tmp_path / "opbouw.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(PO)], check=True)
    assert mo.read_bytes() == (PO.parent / "opbouw.mo").read_bytes()


@pytest.mark.parametrize(("lang", "expected"), [("nl", "1\u202f234,5"), ("en", "1,234.5")])
def test_numbers_follow_the_language(lang: str, expected: str) -> None:
    assert format_decimal(1234.5, lang, 1) == expected
    assert gettext("To move: {fte} FTE", lang).startswith("Te " if lang == "nl" else "To ")


def test_dutch_allocate_output_has_no_english_catalogue_text(tmp_path: Path) -> None:
    need = tmp_path / "need.csv"
    need.write_text("code,need,current\n01,120,3\n02,40,2\n03,10,1.5\n")
    out = tmp_path / "fte.csv"
    result = CliRunner().invoke(cli, ["allocate", str(need), "--budget", "6.5",
                                      "--lang", "nl", "--out", str(out)], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Verdeling van 6,5 FTE" in result.output and "Te verschuiven: " in result.output
    leaked = [f for f in english_fragments() if f in result.output]
    assert leaked == []


@pytest.mark.parametrize(("n", "nl", "en"), [(1, "1 gemeente", "1 municipality"),
                                             (2, "2 gemeenten", "2 municipalities")])
def test_plural_forms_follow_the_count(n: int, nl: str, en: str) -> None:
    from opbouw.wording import level_noun

    assert f"{n} {level_noun('municipality', n, 'nl')}" == nl
    assert f"{n} {level_noun('gemeente', n, 'en')}" == en
    assert ngettext("{n} inhabitant", "{n} inhabitants", n, "nl").format(n=n) == (
        f"{n} inwoner" if n == 1 else f"{n} inwoners")


def test_dates_follow_the_language() -> None:
    from datetime import date

    assert format_date(date(2026, 3, 5), "nl") == "5 maart 2026"
    assert format_date(date(2026, 3, 5), "en") == "5 March 2026"


def test_a_domain_error_is_english_in_logs_and_translated_at_the_edge() -> None:
    error = ConfigError("columns not in the table: {columns}", columns="a, b")
    assert str(error) == "columns not in the table: a, b"
    assert error.message("nl") == "kolommen die niet in de tabel zitten: a, b"
    assert error.message("en") == str(error)
    wrapped = ConfigError("weights {text!r}: {exc}", text="knn:0", exc=error)
    assert wrapped.message("nl") == "buren 'knn:0': kolommen die niet in de tabel zitten: a, b"
    # an error without parameters keeps braces in its text as they are
    assert ConfigError("bad value {x}").message("nl") == "bad value {x}"


def test_domain_errors_of_the_analysis_are_translated_by_the_cli(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    areas = tmp_path / "areas.csv"
    areas.write_text("code,name,level,parent\n01,A,municipality,\n02,B,municipality,\n")
    values = tmp_path / "values.csv"
    values.write_text("code,unemployment,poverty\n01,5,3\n")
    args = ["analyse", str(areas), str(values)]
    dutch = CliRunner().invoke(cli, args, terminal_width=200)
    assert dutch.exit_code == 1
    assert ("minder dan twee gebieden met waarden voor deze indicatoren in deze afbakening"
            in dutch.output), dutch.output
    assert leaked_english(dutch.output.replace("Error:", "")) == []
    english = CliRunner().invoke(cli, [*args, "--lang", "en"], terminal_width=200)
    assert "fewer than two areas with values for these indicators in this scope" in \
        english.output
    monkeypatch.setenv("OPBOUW_LANG", "en")
    assert "fewer than two areas" in CliRunner().invoke(cli, args, terminal_width=200).output
    monkeypatch.delenv("OPBOUW_LANG")
    unknown = CliRunner().invoke(cli, [*args, "--within", "99"], terminal_width=200)
    assert unknown.exit_code == 1 and "Traceback" not in unknown.output
    assert leaked_english(unknown.output.replace("Error:", "")) == [], unknown.output


def test_a_dutch_workbook_has_dutch_sheets_and_headers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from opbouw.data.plan_xlsx import write_plan_xlsx
    from opbouw.data.plans import load_example

    progress = [(2022, "Buurtwerk", "Comité", "op schema", 40, None, "")]
    wb = load_workbook(write_plan_xlsx(load_example(), tmp_path / "p.xlsx", progress=progress))
    headers = " ".join(str(c.value) for ws in wb.worksheets for c in ws[1] if c.value)
    assert "Voortgang" in wb.sheetnames and "Strategische doelstelling" in headers
    assert leaked_english(" ".join(wb.sheetnames) + " " + headers) == []


SWITCH = re.compile(r"""\btr\(|lang\s*[!=]=\s*["']|["']\s*if\s+[\w.]*lang\b"""
                    r"""|\bnl\s*=\s*spec\.lang""")


@pytest.mark.parametrize("path", sorted(
    [*(LOCALE_DIR.parent / "reports").glob("*.py"),
     *(LOCALE_DIR.parent / "reports" / "templates").glob("*.html"),
     LOCALE_DIR.parent / "data" / "plan_xlsx.py"]), ids=lambda p: p.name)
def test_documents_choose_no_words_by_language_switch(path: Path) -> None:
    """Every word of a document comes from the catalogue: no ``tr(nl, en)`` pair and no
    ``if lang == "en"`` left in the report modules, their templates and the workbook."""
    assert SWITCH.findall(path.read_text("utf-8")) == []
