"""The demo dataset (327 municipalities in 5 provinces, 2005-2013) for East: enough areas
and years for hidden places, trends and a hot-spot map."""

from __future__ import annotations

from typing import Any

import pytest


def demo_dataset(org: Any) -> Any:
    from opbouw.data.dataset import FileSpec, import_files
    from opbouw.data.demo import demo_files
    from opbouw.model.indicators import load_catalogue
    from opbouw.web.areas import store
    from opbouw.web.areas.models import Dataset

    areas, values = demo_files()
    data = import_files([FileSpec(areas, layer="areas", id_column="code"), FileSpec(values)],
                        load_catalogue())
    ds = Dataset.objects.create(organisation=org, name="Demo Vlaanderen")
    store.store(ds, data)
    return ds


@pytest.fixture
def demo(world: dict[str, Any]) -> Any:
    return demo_dataset(world["orgs"]["east"])
