"""The crawler check of issue 10: after each broken file of ``tests/data/broken`` has been
uploaded (as a new dataset and as values added to an existing one, confirmed where the
preview allows it), every link reachable from the navigation answers 200, 302, 403 or
404 for every role, never 500."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.conftest import DATA
from tests.web.conftest import PASSWORD

BROKEN = sorted(p for p in (DATA / "broken").iterdir() if p.is_file())
ALLOWED = {200, 302, 403, 404}
# not followed: leaving the session, switching language, assets, and PDF documents
# (typeset in seconds each; tests/web/test_documents.py opens them)
SKIP = re.compile(r"^/(logout|i18n)/|^/static/|\.(pdf|css|js|png|svg|ico)(\?|$)")
LIMIT = 300


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in ("href", "src") or (name.startswith("data-")
                                                      and name.endswith(("url", "geo")))):
                self.urls.append(value)


def upload_broken_files(client: Client, dataset_pk: int, organisation_pk: int) -> int:
    """Every broken file, alone as a new dataset and as values for ``dataset_pk``;
    confirmed where the preview offers it. Returns the number of previews seen."""
    previews = 0
    for path in BROKEN:
        for target in ("", str(dataset_pk)):
            upload = SimpleUploadedFile(path.name, path.read_bytes())
            response = client.post("/imports/new/", {
                "organisation": organisation_pk, "dataset": target,
                "name": "" if target else f"Kapot {path.stem}", "files": [upload]})
            assert response.status_code in (200, 302), (path.name, response.status_code)
            if response.status_code != 302:
                continue
            preview = client.get(response["Location"])
            assert preview.status_code == 200, (path.name, preview.status_code)
            previews += 1
            if 'id="confirm"' in preview.content.decode():
                confirm = client.post(response["Location"] + "confirm/")
                assert confirm.status_code in (200, 302, 400), confirm.status_code
    return previews


def crawl(client: Client) -> tuple[list[str], int]:
    """Breadth-first from the home page and its navigation; returns the failures and the
    number of pages visited."""
    seen: set[str] = set()
    queue = deque(["/"])
    failures = []
    while queue and len(seen) < LIMIT:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code not in ALLOWED:
            failures.append(f"{path} -> {response.status_code}")
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for url in parser.urls:
            full = urljoin("http://testserver" + path, url)
            parts = urlsplit(full)
            if parts.netloc != "testserver":
                continue
            rel = parts.path + (f"?{parts.query}" if parts.query else "")
            if not SKIP.search(rel) and rel not in seen:
                queue.append(rel)
    return failures, len(seen)


def test_every_link_for_every_role_after_broken_uploads(world: dict[str, Any]) -> None:
    assert len(BROKEN) >= 10
    importer = Client(raise_request_exception=False)
    assert importer.login(username="coord_e", password=PASSWORD)
    previews = upload_broken_files(importer, world["ds_east"].pk, world["orgs"]["east"].pk)
    assert previews >= len(BROKEN)  # every file reached a preview with its problems
    report = {}
    for username in world["users"]:
        client = Client(raise_request_exception=False)
        assert client.login(username=username, password=PASSWORD)
        failures, pages = crawl(client)
        assert pages > 10, (username, pages)
        report[username] = failures
    assert not any(report.values()), report
