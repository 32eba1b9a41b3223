"""Schemathesis against /api/openapi.json: every operation with generated parameters, as a
user with a token, never answers 500; the number of cases run is printed."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings


def test_api_schema_fuzz(world: dict[str, Any], capsys: Any) -> None:
    from django.core.handlers.wsgi import WSGIHandler

    from opbouw.web.accounts.models import ApiToken

    _token, raw = ApiToken.issue(world["users"]["coord_e"], "fuzz")
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # as Django's test client does: keep the test's database connection open
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _fuzz(raw, WSGIHandler(), capsys)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz(raw: str, app: Any, capsys: Any) -> None:
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    cases = 0
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/datasets", "/api/analyses/{pk}/results"}
    for operation in operations:
        @settings(max_examples=40, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case: Any) -> None:
            nonlocal cases
            cases += 1
            response = case.call(headers={"Authorization": f"Bearer {raw}"})
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: "
                                f"{response.status_code}")

        run()
    with capsys.disabled():
        print(f"\nschemathesis: {len(operations)} operations, {cases} cases, "
              f"{len(failures)} server errors")
    assert cases >= len(operations)
    assert not failures, "\n".join(failures[:20])
