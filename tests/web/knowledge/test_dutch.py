"""No English in the Dutch interface of the knowledge, signals and inclusion apps: every
string the code and templates mark for translation has a Dutch translation in the app's
own catalogue, and templates hold no text outside the translation tags."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import opbouw.web

APPS = ("knowledge", "signals", "inclusion")
WEB = Path(opbouw.web.__file__).parent
PY_MSG = re.compile(r'(?<![\w.])_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)')
TPL_MSG = re.compile(r'\{%\s*translate\s+(?:"([^"]*)"|\'([^\']*)\')')


def _catalogue(app: str) -> dict[str, str]:
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with open(WEB / app / "locale" / "nl" / "LC_MESSAGES" / "django.po", "rb") as f:
        cat = read_po(f)
    return {m.id: m.string for m in cat if m.id and not m.fuzzy}


def _used(app: str) -> set[str]:
    found: set[str] = set()
    for path in (WEB / app).rglob("*.py"):
        for m in PY_MSG.finditer(path.read_text(encoding="utf-8")):
            parts = re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1))
            found.add("".join(ast.literal_eval(p) for p in parts))
    for path in (WEB / app / "templates").rglob("*.html"):
        for m in TPL_MSG.finditer(path.read_text(encoding="utf-8")):
            # Django looks template strings up with "%" doubled, like makemessages writes them
            found.add((m.group(1) if m.group(1) is not None else m.group(2)).replace("%", "%%"))
    return found


@pytest.mark.parametrize("app", APPS)
def test_every_marked_string_has_a_dutch_translation(app: str) -> None:
    cat = _catalogue(app)
    used = _used(app)
    assert len(used) > 20
    missing = sorted(m for m in used if not cat.get(m))
    assert not missing, missing


@pytest.mark.parametrize("app", APPS)
def test_templates_hold_no_untranslated_text(app: str) -> None:
    bare = []
    for path in (WEB / app / "templates").rglob("*.html"):
        s = path.read_text(encoding="utf-8")
        s = re.sub(r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}", "", s, flags=re.S)
        s = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", "", s, flags=re.S)
        s = re.sub(r"<script.*?</script>|<style.*?</style>", "", s, flags=re.S)
        bare += [f"{path.name}: {a}" for a in re.findall(
            r'(?:placeholder|title|aria-label|alt)="[^"]*[A-Za-z]{3,}[^"]*"', s)]
        s = re.sub(r"<[^>]*>", " ", s).replace("&nbsp;", " ")
        bare += [f"{path.name}: {t}" for t in re.findall(r"[A-Za-z]{3,}(?:\s+[A-Za-z]+)*", s)
                 if t.strip() not in ("nbsp",)]
    assert not bare, bare
