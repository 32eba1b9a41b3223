"""The language menu names each language in its own language, whatever the page's
language: "Nederlands" and "English", never "Engels" or "Dutch"."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize("language", ["nl", "en"])
def test_language_menu_in_each_languages_own_name(world: dict, login: Any,
                                                   language: str) -> None:
    client = login("coord_e")
    client.cookies["django_language"] = language
    body = client.get("/").content.decode()
    assert '<option value="nl" lang="nl"' in body
    assert ">Nederlands</option>" in body and ">English</option>" in body
    assert "Engels" not in body and ">Dutch<" not in body
