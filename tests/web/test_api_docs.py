"""The API documentation (issue 10, point 6): in the site's layout with a way back to the
workspace, title and description in the user's language, Swagger UI from the site's own
static files (nothing from a CDN)."""

from __future__ import annotations

from typing import Any


def test_api_docs_in_the_site_layout_and_dutch(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    page = client.get("/api/docs")
    assert page.status_code == 200
    body = page.content.decode()
    assert '<header class="top">' in body and 'href="/tokens/"' in body
    assert "Terug naar de werkruimte" in body and "<title>opbouw-API · opbouw</title>" in body
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower() and "https://" not in body
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "opbouw-API"
    assert schema["info"]["description"].startswith("De gegevens van opbouw")


def test_api_docs_in_english_on_request(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    client.cookies["django_language"] = "en"
    body = client.get("/api/docs").content.decode()
    assert "Back to the workspace" in body
    assert client.get("/api/openapi.json").json()["info"]["title"] == "opbouw API"


def test_api_groups_are_named_in_the_users_language(world: dict[str, Any], login: Any) -> None:
    client = login("coord_e")
    schema = client.get("/api/openapi.json").json()
    tags = {tag for op in schema["paths"].values() for detail in op.values()
            for tag in detail.get("tags", [])}
    untagged = [path for path, op in schema["paths"].items()
                for detail in op.values() if not detail.get("tags")]
    assert untagged == []  # Swagger UI would show them under "default"
    assert {"Gegevenssets", "Analyses", "Plannen", "Kennis", "Signalen"} <= tags
    assert "default" not in tags and "Datasets" not in tags and "signals" not in tags
    client.cookies["django_language"] = "en"
    schema = client.get("/api/openapi.json").json()
    tags = {tag for op in schema["paths"].values() for detail in op.values()
            for tag in detail.get("tags", [])}
    assert {"Datasets", "Analyses", "Plans", "Knowledge", "Signals"} <= tags
