"""Organisations, one user per role, a dataset and analyses per organisation."""

from __future__ import annotations

from typing import Any

import pytest

from opbouw.data.dataset import FileSpec, import_files
from tests.conftest import DATA

PASSWORD = "test-pass-123!"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium (the Playwright ``page`` or ``browser`` fixture) are marked
    ``browser``: the PostgreSQL pass of ``make test`` leaves them out, because they test
    the pages and scripts, which do not depend on the database; every view and query
    they reach is also run on PostgreSQL by the test-client tests."""
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def fresh_cache(settings: Any, tmp_path: Any) -> None:
    from opbouw.web.areas import store

    store._CACHE.clear()
    settings.UPLOAD_DIR = tmp_path / "uploads"
    # background jobs run inside the request in tests; test_jobs covers the worker
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _dataset(org: Any, name: str) -> Any:
    import geopandas as gpd

    from opbouw.data.demo import demo_files
    from opbouw.model.indicators import load_catalogue
    from opbouw.web.areas import store
    from opbouw.web.areas.models import Dataset

    data = import_files([FileSpec(DATA / "areas_ov.csv"),
                         FileSpec(DATA / "flemish_cp1252_wide.csv")], load_catalogue())
    # the same municipalities' polygons from the demo, so that maps have something to show
    shapes = gpd.read_file(demo_files()[0], layer="areas").set_index("code")
    frame = data.areas.frame
    data.areas.frame = gpd.GeoDataFrame(frame, geometry=shapes.geometry.reindex(frame.index),
                                        crs=shapes.crs)
    ds = Dataset.objects.create(organisation=org, name=name)
    store.store(ds, data)
    return ds


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    return build_world()


@pytest.fixture
def live_world(transactional_db: Any) -> dict[str, Any]:
    return build_world()


def build_world() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from opbouw.web.accounts.models import Membership, Organisation, Role
    from opbouw.web.analyses.models import Analysis

    east = Organisation.objects.create(name="Instituut Oost")
    west = Organisation.objects.create(name="Instituut West")
    partner = Organisation.objects.create(name="Partner vzw", kind="partner")
    User = get_user_model()
    users = {}
    for username, org, role in (("admin_e", east, Role.ADMIN), ("coord_e", east, Role.COORDINATOR),
                                ("worker_e", east, Role.WORKER),
                                ("partner_p", partner, Role.PARTNER_READER),
                                ("coord_w", west, Role.COORDINATOR)):
        user = User.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=user, organisation=org, role=role)
        users[username] = user
    ds_east = _dataset(east, "Oost gegevens")
    ds_west = _dataset(west, "West gegevens")
    cfg = {"indicators": [], "level": "municipality", "p": 20.0, "k": 1, "n": 3}
    a_east = Analysis.objects.create(organisation=east, dataset=ds_east, name="Oost analyse",
                                     method="atlas", config=cfg)
    a_west = Analysis.objects.create(organisation=west, dataset=ds_west, name="West analyse",
                                     method="atlas", config=cfg)
    ds_shared = _dataset(east, "Gedeeld met partner")
    ds_shared.shared_with.add(partner)
    a_shared = Analysis.objects.create(organisation=east, dataset=ds_shared,
                                       name="Gedeelde analyse", method="composite", config=cfg)
    a_shared.shared_with.add(partner)
    return {"orgs": {"east": east, "west": west, "partner": partner}, "users": users,
            "ds_east": ds_east, "ds_west": ds_west, "ds_shared": ds_shared,
            "a_east": a_east, "a_west": a_west, "a_shared": a_shared}


@pytest.fixture
def login(client: Any) -> Any:
    def as_user(username: str) -> Any:
        assert client.login(username=username, password=PASSWORD)
        return client
    return as_user
