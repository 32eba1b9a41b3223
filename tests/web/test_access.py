"""The access matrix: every URL for every role; nothing of another organisation leaks."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

ROLES = ["admin_e", "coord_e", "worker_e", "partner_p", "coord_w"]
EAST = {"admin_e", "coord_e", "worker_e"}


def pages(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int]]]:
    """(label, method, url, expected status per role); 404 = not revealed to exist."""
    e, west, s = w["ds_east"], w["ds_west"], w["ds_shared"]
    ae, aw, ash = w["a_east"], w["a_west"], w["a_shared"]
    all_ok = dict.fromkeys(ROLES, 200)

    def own(owner: set[str], extra: dict[str, int] | None = None) -> dict[str, int]:
        out = {r: (200 if r in owner else 404) for r in ROLES}
        out.update(extra or {})
        return out

    rows = [
        ("home", "get", reverse("home"), all_ok),
        ("datasets", "get", reverse("dataset_list"), all_ok),
        ("analyses", "get", reverse("analysis_list"), all_ok),
        ("imports", "get", reverse("import_history"), all_ok),
        ("tokens", "get", reverse("tokens"), all_ok),
        ("import new", "get", reverse("import_new"),
         {"admin_e": 200, "coord_e": 200, "worker_e": 403, "partner_p": 403, "coord_w": 200}),
        ("analysis new", "get", reverse("analysis_new"),
         {"admin_e": 200, "coord_e": 200, "worker_e": 200, "partner_p": 403, "coord_w": 200}),
        ("indicators", "get", reverse("indicator_list"), all_ok),
        ("indicator new", "get", reverse("indicator_new"),
         {"admin_e": 200, "coord_e": 200, "worker_e": 403, "partner_p": 403, "coord_w": 200}),
        ("indicator edit", "get", reverse("indicator_edit", args=[w["def_east"].pk]),
         {"admin_e": 200, "coord_e": 200, "worker_e": 403, "partner_p": 403, "coord_w": 404}),
        ("indicator delete", "post", reverse("indicator_delete", args=[w["def_east"].pk]),
         {"admin_e": 302, "coord_e": 302, "worker_e": 403, "partner_p": 404, "coord_w": 404}),
        ("members east", "get", reverse("members", args=[w["orgs"]["east"].pk]),
         {"admin_e": 200, "coord_e": 403, "worker_e": 403, "partner_p": 404, "coord_w": 404}),
        ("members west", "get", reverse("members", args=[w["orgs"]["west"].pk]),
         {"admin_e": 404, "coord_e": 404, "worker_e": 404, "partner_p": 404, "coord_w": 403}),
        ("missing page", "get", "/bestaat-niet/", dict.fromkeys(ROLES, 404)),
    ]
    for label, ds, owner, shared in (("east", e, EAST, False), ("west", west, {"coord_w"}, False),
                                     ("shared", s, EAST, True)):
        extra = {"partner_p": 200} if shared else {}
        rows += [
            (f"dataset {label}", "get", reverse("dataset_detail", args=[ds.pk]), own(owner, extra)),
            (f"geo {label}", "get", reverse("dataset_geojson", args=[ds.pk]), own(owner, extra)),
            (f"indicators {label}", "get", reverse("dataset_indicators", args=[ds.pk]),
             own(owner, extra)),
            (f"area {label}", "get", reverse("area_detail", args=[ds.pk, "46021"]),
             own(owner, extra)),
            (f"share {label}", "post", reverse("dataset_share", args=[ds.pk]),
             _share(owner, shared)),
            (f"delete dataset page {label}", "get", reverse("dataset_delete", args=[ds.pk]),
             _delete(owner, shared, 200)),
            (f"delete dataset {label}", "post", reverse("dataset_delete", args=[ds.pk]),
             _delete(owner, shared, 302)),
        ]
    # an analysis shared without its dataset opens the dataset's pages through it only
    via = f"?analysis={w['a_via'].pk}"
    through = {r: (200 if r in EAST else 404) for r in ROLES}
    through["partner_p"] = 200
    rows += [
        ("geo via share", "get", reverse("dataset_geojson", args=[e.pk]) + via, through),
        ("area via share", "get", reverse("area_detail", args=[e.pk, "46021"]) + via, through),
        ("dataset via share", "get", reverse("dataset_detail", args=[e.pk]) + via, through),
        ("indicators via share", "get", reverse("dataset_indicators", args=[e.pk]) + via,
         through),
        ("province via share", "get", reverse("area_detail", args=[e.pk, "40000"]) + via,
         {**through, "partner_p": 404}),
        ("area via wrong analysis", "get",
         reverse("area_detail", args=[e.pk, "46021"]) + f"?analysis={aw.pk}",
         {r: (200 if r in EAST else 404) for r in ROLES}),
    ]
    for label, a, owner, shared in (("east", ae, EAST, False), ("west", aw, {"coord_w"}, False),
                                    ("shared", ash, EAST, True)):
        extra = {"partner_p": 200} if shared else {}
        write = {r: (302 if r in owner else 404) for r in ROLES}
        if shared:
            write["partner_p"] = 403
        delete = dict(write)
        delete.update({r: 403 for r in ("worker_e",) if r in owner})
        rows += [
            (f"analysis {label}", "get", reverse("analysis_detail", args=[a.pk]),
             own(owner, extra)),
            (f"results {label}", "get", reverse("analysis_results", args=[a.pk]),
             own(owner, extra)),
            (f"export {label}", "get", reverse("analysis_export", args=[a.pk, "csv"]),
             own(owner, extra)),
            (f"save {label}", "post", reverse("analysis_save", args=[a.pk]), write),
            (f"share analysis {label}", "post", reverse("analysis_share", args=[a.pk]),
             _share(owner, shared)),
            (f"delete {label}", "post", reverse("analysis_delete", args=[a.pk]), delete),
            # without a finished annex: back to the analysis page
            (f"annex {label}", "get", reverse("analysis_annex", args=[a.pk]),
             {r: (302 if v == 200 else v) for r, v in own(owner, extra).items()}),
        ]
    rows += _more_pages(w)
    return rows


def _delete(owner: set[str], shared: bool, ok: int) -> dict[str, int]:
    """Coordinators and administrators of the owner delete a dataset."""
    out = {r: (ok if r in owner and r != "worker_e" else 403 if r in owner else 404)
           for r in ROLES}
    if shared:
        out["partner_p"] = 403
    return out


def _more_pages(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, int]]]:
    """Token, upload and trust pages, and the rows that other apps keep in their own
    ``tests/web/<app>/access_matrix.py`` (a function ``pages(world)`` returning rows)."""
    from django.conf import settings

    from opbouw.web.accounts.models import ApiToken

    all_ok = dict.fromkeys(ROLES, 200)
    admin_only = {r: (200 if r == "admin_e" else 403) for r in ROLES}
    # someone else's upload: the token is only valid in the session that uploaded it
    token = "0" * 32
    (settings.UPLOAD_DIR / token).mkdir(parents=True, exist_ok=True)
    other_token, _raw = ApiToken.issue(w["users"]["coord_w"], "van iemand anders")
    rows = [
        ("token create", "post", reverse("token_create"), dict.fromkeys(ROLES, 302)),
        # someone else's token: nothing happens (and it is still there, see below)
        ("token delete", "post", reverse("token_delete", args=[other_token.pk]),
         dict.fromkeys(ROLES, 302)),
        ("import preview", "get", reverse("import_preview", args=[token]),
         dict.fromkeys(ROLES, 404)),
        ("import confirm", "post", reverse("import_confirm", args=[token]),
         dict.fromkeys(ROLES, 404)),
        ("import layer choice", "post", reverse("import_options", args=[token]),
         dict.fromkeys(ROLES, 404)),
        ("audit", "get", reverse("trust:audit"), admin_only),
        ("audit export", "get", reverse("trust:audit_export"), admin_only),
        ("audit export xlsx", "get", reverse("trust:audit_export_xlsx"), admin_only),
        ("privacy", "get", reverse("trust:privacy"), all_ok),
        ("consent", "post", reverse("trust:consent"), dict.fromkeys(ROLES, 302)),
        ("personal export", "get", reverse("trust:export"), all_ok),
        # without the password: nothing is erased, back to the page
        ("erase", "post", reverse("trust:erase"), dict.fromkeys(ROLES, 302)),
        ("two-step setup", "get", reverse("trust:otp_setup"), admin_only),
        ("two-step remove", "post", reverse("trust:otp_remove"), dict.fromkeys(ROLES, 403)),
        ("two-step verify", "get", reverse("trust:otp_verify"), all_ok),
    ]
    from opbouw.web.jobs.models import Job

    for label, org, owner in (("east", w["orgs"]["east"], EAST),
                              ("west", w["orgs"]["west"], {"coord_w"})):
        job = Job.objects.create(organisation=org, kind="import", title=f"Job {label}")
        seen = {r: (200 if r in owner else 404) for r in ROLES}
        rows += [(f"job {label}", "get", reverse("job_detail", args=[job.pk]), seen),
                 (f"job status {label}", "get", reverse("job_status", args=[job.pk]), seen)]
    for module in _app_matrices():
        rows += module.pages(w)
    return rows


def _app_matrices() -> list[Any]:
    import importlib
    from pathlib import Path

    here = Path(__file__).parent
    return [importlib.import_module(f"tests.web.{p.parent.name}.access_matrix")
            for p in sorted(here.glob("*/access_matrix.py"))]


#: URL names outside the matrix above, each with the reason and the test that covers it
NOT_IN_MATRIX = {
    "login": "public: the login form",
    "logout": "public: logging out",
    "set_language": "public: the language switch",
    "api:openapi-json": "public: the API schema (fuzzed by schemathesis in tests/web/trust)",
    "api:openapi-view": "public: the API documentation page",
    "api:api-root": "not a page: the API's prefix",
    # the annex job takes seconds per analysis; who may start it is tested in
    # tests/web/test_documents.py
    "analysis_annex_start": "tests/web/test_documents.py",
    "area_profile_pdf": "tests/web/test_documents.py",
}
#: API endpoints, walked for every role by test_api_matrix
API_MATRIX = {"api:datasets", "api:areas", "api:indicators", "api:analyses", "api:analysis",
              "api:results"}


def url_owners() -> dict[str, str]:
    """Every named URL of the URLconf (with its namespace) and the module of its view; for
    an API endpoint the module of the function behind the django-ninja operation."""
    from django.urls import URLPattern, URLResolver, get_resolver

    owners: dict[str, str] = {}

    def module(callback: Any) -> str:
        for cell in getattr(callback, "__closure__", None) or ():
            try:
                operations = getattr(cell.cell_contents, "operations", None)
            except ValueError:  # an empty cell
                continue
            if operations:
                return str(operations[0].view_func.__module__)
        return str(getattr(callback, "__module__", ""))

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, ":".join(n for n in (namespace, p.namespace) if n) or None)
            elif isinstance(p, URLPattern) and p.name:
                owners[f"{namespace}:{p.name}" if namespace else p.name] = module(p.callback)

    walk(get_resolver().url_patterns, None)
    return owners


def _url_names() -> set[str]:
    """Every named URL of the URLconf, with its namespace."""
    return set(url_owners())


def app_url_names(app: str) -> set[str]:
    """The pages and API endpoints whose views live in ``opbouw.web.<app>``."""
    prefix = f"opbouw.web.{app}."
    return {name for name, owner in url_owners().items() if owner.startswith(prefix)}


class RecordingClient:
    """A test client that remembers the path of every request (to see which API endpoints
    an API matrix test walks)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.paths: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.client, name)
        if name not in ("get", "post", "put", "patch", "delete", "head"):
            return attr

        def call(path: str, *args: Any, **kwargs: Any) -> Any:
            self.paths.append(path)
            return attr(path, *args, **kwargs)
        return call


def assert_app_covered(app: str, rows: list[tuple[Any, ...]], api_paths: list[str],
                       elsewhere: dict[str, str]) -> None:
    """Every page and API endpoint of ``app`` has a row in ``rows`` (its access matrix),
    is requested by its API matrix (``api_paths``) or is in ``elsewhere`` with the test
    that covers it."""
    from urllib.parse import urlparse

    from django.urls import Resolver404, resolve

    covered = set()
    for url in [row[2] for row in rows] + list(api_paths):
        try:
            covered.add(resolve(urlparse(url).path).view_name)
        except Resolver404:
            continue
    names = app_url_names(app)
    assert names, f"no URLs found for {app}"
    unknown = set(elsewhere) - names
    assert not unknown, f"not URLs of {app}: {sorted(unknown)}"
    missing = names - covered - set(elsewhere)
    assert not missing, (f"URLs of {app} without an access expectation: {sorted(missing)}; "
                         f"add rows for every role to tests/web/{app}/test_access.py")


def _app_access_modules() -> list[Any]:
    """The ``tests/web/<app>/test_access.py`` modules that prove their app's URLs covered
    (they name the app in ``APP`` and check it in their own test)."""
    import importlib
    from pathlib import Path

    here = Path(__file__).parent
    modules = [importlib.import_module(f"tests.web.{p.parent.name}.test_access")
               for p in sorted(here.glob("*/test_access.py"))]
    return [m for m in modules if isinstance(getattr(m, "APP", None), str)]


def test_every_url_has_an_expectation(world: dict[str, Any]) -> None:
    """A new URL without a row in the matrix (here, or in the matrix of its app's
    ``tests/web/<app>/test_access.py``, which checks its own app) fails this test."""
    from urllib.parse import urlparse

    from django.urls import resolve

    _extend(world)
    covered = {resolve(urlparse(url).path).view_name for _l, _m, url, _e in pages(world)
               if not url.startswith("/bestaat-niet")}
    # the apps whose own test proves every one of their URLs covered
    for module in _app_access_modules():
        covered |= app_url_names(module.APP)
    names = {n for n in _url_names() if not n.startswith("admin:")}
    missing = names - covered - set(NOT_IN_MATRIX) - API_MATRIX
    assert not missing, (f"URLs without an access expectation: {sorted(missing)}; add rows "
                         "for every role here or to tests/web/<app>/test_access.py")
    assert {m.APP for m in _app_access_modules()} >= {"knowledge", "planning", "signals",
                                                        "inclusion"}
    for _label, _method, _url, expected in pages(world):
        assert set(expected) == set(ROLES), _label


def test_admin_site_is_for_staff_only(world: dict[str, Any], login: Any) -> None:
    from django.urls import reverse as rev

    for role in ROLES:
        response = login(role).get(rev("admin:index"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"], role


def test_someone_elses_token_is_not_deleted(world: dict[str, Any], login: Any) -> None:
    from opbouw.web.accounts.models import ApiToken

    token, _raw = ApiToken.issue(world["users"]["coord_w"], "van west")
    login("admin_e").post(reverse("token_delete", args=[token.pk]))
    assert ApiToken.objects.filter(pk=token.pk).exists()


def _share(owner: set[str], shared: bool) -> dict[str, int]:
    """Only administrators and coordinators of the owner share; others get 403 or 404."""
    out = {r: (302 if r in owner and r != "worker_e" else 403 if r in owner else 404)
           for r in ROLES}
    if shared:
        out["partner_p"] = 403
    return out


def _extend(w: dict[str, Any]) -> None:
    """An indicator definition of East, and an analysis of East's dataset shared with the
    partner without the dataset."""
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.areas.models import IndicatorDefinition

    east = w["orgs"]["east"]
    w["def_east"] = IndicatorDefinition.objects.create(organisation=east, key="eigen",
                                                       label_nl="Eigen indicator")
    w["a_via"] = Analysis.objects.create(organisation=east, dataset=w["ds_east"],
                                         name="Doorkijk", method="atlas",
                                         config=dict(w["a_east"].config))
    w["a_via"].shared_with.add(w["orgs"]["partner"])


def _order(row: tuple[str, str, str, dict[str, int]]) -> int:
    """Deleting last: analyses and definitions, then datasets (which take analyses along)."""
    name, method = row[0], row[1]
    if name.startswith("delete dataset") and method == "post":
        return 3
    if name.startswith("delete") or name == "indicator delete":
        return 2 if method == "post" else 1
    return 0


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(world: dict[str, Any], login: Any, role: str) -> None:
    client = login(role)
    # deletions last, so that every other row still finds its object
    _extend(world)
    rows = sorted(pages(world), key=_order)
    failures = []
    for label, method, url, expected in rows:
        response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            failures.append(f"{label} {url}: {response.status_code}, expected {expected[role]}")
        if response.status_code == 200 and method == "get":
            body = _text(response)
            others = {"West gegevens", "West analyse"} if role != "coord_w" else \
                {"Oost gegevens", "Oost analyse", "Gedeeld met partner"}
            if role == "partner_p":
                # the dataset's name shows through the analysis shared with the partner
                others = {"West gegevens", "West analyse", "Oost analyse"}
            leaked = [o for o in others if o in body]
            if leaked:
                failures.append(f"{label}: shows {leaked}")
    assert not failures, "\n".join(failures)


def _text(response: Any) -> str:
    """The body as text; the files inside a ZIP (the personal export) too."""
    if response["Content-Type"] == "application/zip":
        import io
        import zipfile

        zf = zipfile.ZipFile(io.BytesIO(response.content))
        return "\n".join(zf.read(n).decode() for n in zf.namelist())
    if "spreadsheetml" in response["Content-Type"]:  # an XLSX export: its cells
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    return response.content.decode()


def test_anonymous_users_are_sent_to_login(world: dict[str, Any], client: Any) -> None:
    _extend(world)
    for label, method, url, _expected in pages(world):
        if label == "missing page":
            continue
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(world: dict[str, Any], client: Any, role: str) -> None:
    from opbouw.web.accounts.models import ApiToken

    _token, raw = ApiToken.issue(world["users"][role], "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    visible_ds = {"admin_e": {"Oost gegevens", "Gedeeld met partner"},
                  "coord_e": {"Oost gegevens", "Gedeeld met partner"},
                  "worker_e": {"Oost gegevens", "Gedeeld met partner"},
                  "partner_p": {"Gedeeld met partner"}, "coord_w": {"West gegevens"}}[role]
    names = {d["name"] for d in client.get("/api/datasets", **auth).json()}
    assert names == visible_ds
    for key in ("ds_east", "ds_west", "ds_shared"):
        ds = world[key]
        expected = 200 if ds.name in visible_ds else 404
        assert client.get(f"/api/datasets/{ds.pk}/areas", **auth).status_code == expected
        assert client.get(f"/api/datasets/{ds.pk}/indicators", **auth).status_code == expected
    for key in ("a_east", "a_west", "a_shared"):
        a = world[key]
        expected = 200 if a.dataset.name in visible_ds else 404
        assert client.get(f"/api/analyses/{a.pk}", **auth).status_code == expected
        assert client.get(f"/api/analyses/{a.pk}/results", **auth).status_code == expected


def test_api_needs_a_valid_token(world: dict[str, Any], client: Any) -> None:
    assert client.get("/api/datasets").status_code == 401
    assert client.get("/api/datasets", HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    schema = client.get("/api/openapi.json").json()
    assert {"/api/datasets", "/api/analyses/{pk}/results"} <= set(schema["paths"])
