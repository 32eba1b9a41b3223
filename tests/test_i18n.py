"""The catalogue outside Django: every message translated, compiled, and no English left
in a Dutch message of a module that uses it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from opbouw.cli import cli
from opbouw.i18n import LOCALE_DIR, format_decimal, gettext

PO = LOCALE_DIR / "nl" / "LC_MESSAGES" / "opbouw.po"


def catalogue() -> dict[str, str]:
    """msgid -> msgstr of the Dutch catalogue (single-line entries, as ours are)."""
    entries = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', PO.read_text("utf-8"), re.M)
    return {msgid: msgstr for msgid, msgstr in entries if msgid}


def english_fragments() -> list[str]:
    """The literal words of every msgid, without its {placeholders}."""
    return [part.strip(" :()") for msgid in catalogue()
            for part in re.split(r"\{[^}]*\}", msgid) if len(part.strip(" :()")) >= 4]


def test_every_message_has_a_dutch_translation() -> None:
    untranslated = [m for m, s in catalogue().items() if not s]
    assert catalogue() and untranslated == []


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
