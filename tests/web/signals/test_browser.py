"""Playwright with Debian's Chromium against the live server: two workers record signals
in two areas (one is warned about an e-mail address and a phone number before it is
saved), a coordinator bundles them into a dossier, records that it was sent to the
municipality and the answer, and the overview counts match what was recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.web.conftest import PASSWORD
from tests.web.test_browser import log_in


def _log_out(page: Any) -> None:
    page.click("form.inline button.link")


def _record(page: Any, base: str, title: str, area: str, code: str, right: str,
            people: int, evidence: str = "Gesprekken in de wijk.") -> None:
    page.goto(f"{base}/signals/new/")
    page.fill("input[name=title]", title)
    page.select_option("select[name=kind]", "service")
    page.fill("textarea[name=description]", f"{title}: de dienst is niet bereikbaar.")
    page.select_option("select[name=right]", right)
    page.fill("input[name=theme]", "toegankelijkheid")
    page.fill("input[name=area]", area)
    page.fill("input[name=area_code]", code)
    page.fill("input[name=group]", "nieuwkomers")
    page.fill("input[name=people]", str(people))
    page.fill("textarea[name=evidence]", evidence)
    page.fill("input[name=project]", f"Buurtwerk {area}")
    page.click("#save-signal")


def test_two_workers_a_dossier_and_the_overview(live_server: Any, live_world: dict,
                                                page: Any, tmp_path: Path) -> None:
    from django.contrib.auth import get_user_model

    from opbouw.web.accounts.models import Membership, Role
    from opbouw.web.signals.models import Dossier, Signal

    base, east = live_server.url, live_world["orgs"]["east"]
    page.set_default_timeout(90_000)  # the live server shares a busy machine
    second = get_user_model().objects.create_user("worker2_e", password=PASSWORD)
    Membership.objects.create(user=second, organisation=east, role=Role.WORKER)

    # the first worker writes an e-mail address and a phone number: warned, not saved
    log_in(page, base, "worker_e")
    _record(page, base, "Geen tolk bij de huisarts", "Sint-Niklaas", "46021", "health", 12,
            evidence="Mail van jan.peeters@voorbeeld.be, bel 0470 12 34 56")
    page.wait_for_selector("#privacy-warning")
    warning = page.inner_text("#privacy-warning")
    assert "jan.peeters@voorbeeld.be" in warning and "0470 12 34 56" in warning
    assert not Signal.objects.filter(title="Geen tolk bij de huisarts").exists()
    page.fill("textarea[name=evidence]", "Groepsgesprek met nieuwkomers.")
    page.click("#save-signal")
    page.wait_for_url(lambda url: "/signals/new/" not in url)
    assert Signal.objects.filter(title="Geen tolk bij de huisarts").count() == 1
    _log_out(page)

    log_in(page, base, "worker2_e")
    _record(page, base, "Digitale loketten onbereikbaar", "Ronse", "45041", "social_protection", 30)
    page.wait_for_url(lambda url: "/signals/new/" not in url)
    _log_out(page)
    first = Signal.objects.get(title="Geen tolk bij de huisarts")
    other = Signal.objects.get(title="Digitale loketten onbereikbaar")
    assert first.created_by.username == "worker_e" and other.created_by == second

    # the coordinator bundles both into a dossier for the municipality
    log_in(page, base, "coord_e")
    page.goto(f"{base}/signals/dossiers/new/")
    page.fill("input[name=title]", "Toegang tot diensten voor nieuwkomers")
    page.fill("textarea[name=problem]", "Nieuwkomers bereiken zorg en loketten niet.")
    page.check(f"input[name=signals][value='{first.pk}']")
    page.check(f"input[name=signals][value='{other.pk}']")
    page.fill("textarea[name=quotes]", "Ik weet niet waar ik moet aankloppen.")
    page.select_option("select[name=level]", "local")
    page.fill("input[name=addressee]", "College van burgemeester en schepenen")
    page.click("#save-dossier")
    page.wait_for_selector("#summary")
    dossier = Dossier.objects.get(title="Toegang tot diensten voor nieuwkomers")
    summary = page.inner_text("#summary")
    assert "2 signalen" in summary and "2 gebieden" in summary and "2 projecten" in summary

    page.click("#new-request")
    page.fill("input[name=asked_on]", "2026-03-02")
    page.fill("input[name=addressee]", "Gemeente Sint-Niklaas")
    page.fill("textarea[name=question]", "Tolken in de eerstelijnszorg en een fysiek loket.")
    page.click("#save-request")
    page.wait_for_selector("#requests")
    assert "wacht op antwoord" in page.inner_text("#requests").lower()
    page.goto(f"{base}/signals/overview/")
    assert "Toegang tot diensten voor nieuwkomers" in page.inner_text("#waiting")

    page.goto(f"{base}/signals/dossiers/{dossier.pk}/")
    page.click("a.record-answer")
    page.fill("input[name=answered_on]", "2026-04-15")
    page.fill("textarea[name=answer]", "De gemeente start een proef met tolken.")
    page.fill("textarea[name=follow_up]", "Evaluatie in het najaar.")
    page.click("#save-request")
    page.wait_for_selector("#requests")
    requests = page.inner_text("#requests")
    assert "De gemeente start een proef met tolken." in requests
    assert "wacht op antwoord" not in requests.lower()
    request = dossier.requests.get()
    assert str(request.answered_on) == "2026-04-15" and request.addressee == \
        "Gemeente Sint-Niklaas"
    page.screenshot(path=str(tmp_path / "dossier.png"), full_page=True)

    # the overview counts what was recorded: one signal per area and right
    page.goto(f"{base}/signals/overview/")
    assert "Toegang tot diensten voor nieuwkomers" not in page.inner_text("#waiting")

    def cells(table: str, key: str) -> list[str]:
        row = page.locator(f"#by-{table} tr[data-key='{key}'] td")
        return [row.nth(i).inner_text() for i in range(row.count())][1:]

    visible = Signal.objects.filter(organisation=east, merged_into__isnull=True)
    for table, key, field in (("area", "46021", "area_code"), ("area", "45041", "area_code"),
                              ("right", "health", "right"),
                              ("right", "social_protection", "right")):
        mine = visible.filter(**{field: key})
        assert cells(table, key) == [str(mine.count()), str(sum(s.reports for s in mine)),
                                     str(sum(s.people or 0 for s in mine))], (table, key)
    assert cells("area", "46021") == ["1", "1", "12"]
    total = page.inner_text("#total")
    assert total.startswith(f"{visible.count()} signa")
