"""A partner who only reads shared work is told where it is, and is not sent to an
empty import history."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def _unshare_dataset(world: dict[str, Any]) -> None:
    world["ds_shared"].shared_with.remove(world["orgs"]["partner"])


def test_partner_without_datasets_is_pointed_to_shared_analyses(world: dict[str, Any],
                                                                login: Any) -> None:
    _unshare_dataset(world)
    client = login("partner_p")
    home = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Uw organisatie heeft nog geen gegevenssets" in home
    assert "gedeeld door Instituut Oost" in home
    listing = client.get(reverse("dataset_list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Eén analyse is met u gedeeld" in listing
    assert f'href="{reverse("analysis_list")}"' in listing


def test_import_history_only_in_the_menu_of_those_who_import(world: dict[str, Any],
                                                            login: Any) -> None:
    history = f'href="{reverse("import_history")}"'
    assert history not in login("partner_p").get(reverse("home")).content.decode()
    assert history in login("coord_e").get(reverse("home")).content.decode()


def test_own_analyses_are_not_marked_as_shared(world: dict[str, Any], login: Any) -> None:
    home = login("coord_e").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "gedeeld door" not in home
