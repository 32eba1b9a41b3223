"""Every model of the project has a Dutch name (issue 10, point 6): the audit log and the
privacy page show model names, so none may be Django's default (the class name split in
words) or English in the Dutch interface."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.text import camel_case_to_spaces


def _models() -> list[Any]:
    return [m for m in apps.get_models() if m.__module__.startswith("opbouw.web.")]


def _catalogue() -> dict[str, str]:
    from django.utils.translation import trans_real

    return dict(trans_real.translation("nl")._catalog.items())  # type: ignore[attr-defined]


def test_the_walk_finds_the_project_models() -> None:
    assert len(_models()) > 40


@pytest.mark.parametrize("attr", ["verbose_name", "verbose_name_plural"])
def test_every_model_has_a_declared_translated_dutch_name(attr: str) -> None:
    catalogue = _catalogue()
    wrong = []
    for model in _models():
        declared = model._meta.original_attrs.get(attr)
        with translation.override("en"):
            english = str(getattr(model._meta, attr))
        default = camel_case_to_spaces(model.__name__)
        if attr == "verbose_name_plural":
            default += "s"
        if declared is None:
            wrong.append(f"{model._meta.label}: Django's default {default!r}")
        elif not catalogue.get(english):
            wrong.append(f"{model._meta.label}: {english!r} has no Dutch translation")
    assert wrong == []


def test_the_audit_log_shows_dutch_model_names() -> None:
    from opbouw.web.planning.models import Contribution

    with translation.override("nl"):
        assert str(Contribution._meta.verbose_name) == "bijdrage"
        assert str(Contribution._meta.verbose_name_plural) == "bijdragen"
