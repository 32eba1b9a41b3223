import pytest

from opbouw.errors import ConfigError
from opbouw.model.indicators import Direction, Family, parse_catalogue_toml


def test_seed004_presets_have_the_documents_sizes(catalogue) -> None:
    assert len(catalogue.preset("municipal14").indicators) == 14
    assert len(catalogue.preset("flemish8").indicators) == 8
    assert len(catalogue.preset("submunicipal10").indicators) == 10


def test_municipal14_has_the_four_groups_of_footnote_3(catalogue) -> None:
    groups = [g for i in catalogue.preset_indicators("municipal14") for g in i.groups]
    assert {g: groups.count(g) for g in set(groups)} == {
        "risk": 7, "poverty": 3, "payment": 2, "new_generation": 2}


def test_indicators_shared_between_presets_are_one_definition(catalogue) -> None:
    assert "budget_meters" in catalogue.preset("municipal14").indicators
    assert "budget_meters" in catalogue.preset("flemish8").indicators
    assert "non_eu_origin" in catalogue.preset("submunicipal10").indicators


def test_find_by_dutch_or_english_label(catalogue) -> None:
    assert catalogue.find("werkloosheidsdruk").key == "unemployment_pressure"
    assert catalogue.find("Population density").key == "population_density"
    assert catalogue.find("nonsense") is None


def test_direction_and_family_parsed(catalogue) -> None:
    ind = catalogue.get("income_per_inhabitant")
    assert ind.direction is Direction.LOWER_IS_WORSE and ind.direction.sign == -1
    assert catalogue.get("tenants").family is Family.PHYSICAL_SPATIAL


def test_unknown_preset_lists_valid_ones(catalogue) -> None:
    with pytest.raises(ConfigError, match="municipal14"):
        catalogue.preset("nope")


def test_bad_direction_in_user_toml_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="x"):
        parse_catalogue_toml('[indicators.x]\nunit = "percent"\ndirection = "up"\n')
