"""The register, consent, export (portability), erasure that keeps counts, retention."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import PASSWORD


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.app_label in {"accounts", "areas", "analyses", "auth"}}


def test_privacy_page_shows_the_register(world: dict, login: Any) -> None:
    body = login("worker_e").get(reverse("trust:privacy")).content.decode()
    register = body.split("6.1.b")[0]
    # fields by their names in words, never the program's names
    assert "<code>" not in register and "remote_addr" not in register
    assert "last_used_at" not in body and "created_by" not in body
    assert "E-mailadres" in body or "e-mailadres" in body
    assert "6.1.b" in body  # legal basis of accounts: contract
    assert "730" in body  # the retention of an unused account


def test_consent_given_and_withdrawn_is_kept(world: dict, login: Any) -> None:
    from opbouw.web.trust.models import Consent

    client = login("worker_e")
    url = reverse("trust:consent")
    client.post(url, {"purpose": "user_research", "give": "1"})
    client.post(url, {"purpose": "user_research", "give": "1"})  # twice: still one
    c = Consent.objects.get(user=world["users"]["worker_e"])
    assert c.withdrawn_at is None and "e-mail" in c.text
    client.post(url, {"purpose": "user_research", "give": "0"})
    c.refresh_from_db()
    assert c.withdrawn_at is not None
    assert client.post(url, {"purpose": "nope", "give": "1"}).status_code == 302
    assert Consent.objects.count() == 1


def test_export_holds_everything_about_the_user(world: dict, login: Any) -> None:
    from opbouw.web.analyses.models import Analysis
    from opbouw.web.trust.models import AuditEntry

    user = world["users"]["coord_e"]
    user.email = "coord@example.org"
    user.save()
    Analysis.objects.create(organisation=world["orgs"]["east"], dataset=world["ds_east"],
                            name="Mijn analyse", created_by=user, config={})
    client = login("coord_e")
    client.post(reverse("token_create"), {"name": "laptop"})
    response = client.get(reverse("trust:export"))
    assert response["Content-Type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(zf.namelist())
    assert {"account.json", "audit.json", "README.txt", "records/analyses.Analysis.json",
            "records/accounts.ApiToken.json", "records/accounts.Membership.json"} <= names
    account = json.loads(zf.read("account.json"))
    assert account["email"] == "coord@example.org" and "password" not in account
    assert account["organisations"] == [{"organisation": "Instituut Oost",
                                         "role": "coordinator"}]
    analyses = json.loads(zf.read("records/analyses.Analysis.json"))
    assert [a["name"] for a in analyses] == ["Mijn analyse"]
    tokens = json.loads(zf.read("records/accounts.ApiToken.json"))
    assert tokens[0]["name"] == "laptop" and "digest" not in tokens[0]
    audit = json.loads(zf.read("audit.json"))
    assert any(e["repr"].startswith("laptop") for e in audit)
    # the export itself is a read of personal data, and is logged
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=user).exists()


def test_erasure_anonymises_and_keeps_counts(world: dict, login: Any) -> None:
    from django.contrib.auth import get_user_model

    from opbouw.web.analyses.models import Analysis
    from opbouw.web.trust.gdpr import erase_user
    from opbouw.web.trust.models import AuditEntry, Erasure

    User = get_user_model()
    user = world["users"]["coord_e"]
    user.first_name, user.email = "Xena", "xena@example.org"
    user.save()
    mine = Analysis.objects.create(organisation=world["orgs"]["east"], dataset=world["ds_east"],
                                   name="Mijn analyse", created_by=user, config={})
    client = login("coord_e")
    client.post(reverse("token_create"), {"name": "laptop"})
    before = _counts()
    # wrong password: nothing happens
    client.post(reverse("trust:erase"), {"password": "wrong"})
    assert User.objects.get(pk=user.pk).username == "coord_e"
    response = client.post(reverse("trust:erase"), {"password": PASSWORD})
    assert response.status_code == 302
    after = _counts()
    after["accounts.ApiToken"] += 1  # the token is a credential and goes
    assert after == before
    user.refresh_from_db()
    assert user.username == f"geanonimiseerd-{user.pk}"
    assert (user.first_name, user.email, user.is_active) == ("", "", False)
    assert not user.has_usable_password()
    mine.refresh_from_db()
    assert mine.created_by_id == user.pk  # the record stays, with an anonymous author
    assert Erasure.objects.filter(user_id_erased=user.pk).count() == 1
    for e in AuditEntry.objects.all():
        text = f"{e.object_repr} {e.changes} {e.changes_text} {e.actor_email}"
        assert "coord_e" not in text and "xena" not in text.lower(), text
    # logged out, and cannot log in again
    assert client.get(reverse("home")).status_code == 302
    assert not client.login(username="coord_e", password=PASSWORD)
    assert erase_user(user) is False  # idempotent


def test_purge_expired_anonymises_once(world: dict) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from opbouw.web.trust.gdpr import purge_expired
    from opbouw.web.trust.models import AuditEntry

    User = get_user_model()
    old = timezone.now() - timedelta(days=800)
    stale = world["users"]["worker_e"]
    User.objects.filter(pk=stale.pk).update(last_login=old)
    never = User.objects.create_user("nooit", password=PASSWORD)
    User.objects.filter(pk=never.pk).update(date_joined=old)
    recent = world["users"]["admin_e"]
    User.objects.filter(pk=recent.pk).update(last_login=timezone.now())
    entry = AuditEntry.objects.first()
    AuditEntry.objects.filter(pk=entry.pk).update(timestamp=old, remote_addr="10.1.2.3",
                                                  actor_email="a@example.org")
    fresh = AuditEntry.objects.exclude(pk=entry.pk).first()
    AuditEntry.objects.filter(pk=fresh.pk).update(remote_addr="10.9.9.9")
    n_users = User.objects.count()

    first = purge_expired()
    assert first["auth.User"] >= 2
    assert first["trust.AuditEntry"] == 1
    names = set(User.objects.values_list("username", flat=True))
    assert "worker_e" not in names and "nooit" not in names and "admin_e" in names
    assert User.objects.count() == n_users
    entry.refresh_from_db()
    assert (entry.remote_addr, entry.actor_email) == (None, None)
    fresh.refresh_from_db()
    assert fresh.remote_addr == "10.9.9.9"
    # a second run finds nothing more to do
    again = purge_expired()
    assert again["auth.User"] == 0 and again["trust.AuditEntry"] == 0
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "auth.User: 0" in out.getvalue()


def test_erase_user_command(world: dict) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("erase_user", "worker_e", stdout=out)
    assert "id" in out.getvalue()
    try:
        call_command("erase_user", "worker_e")
    except CommandError as exc:
        assert "worker_e" in str(exc)
    else:
        raise AssertionError("a second erasure of the old name must fail: it is gone")


def test_register_refuses_an_unknown_legal_basis(db: Any) -> None:
    import pytest

    from opbouw.web.accounts.models import Organisation
    from opbouw.web.trust import register

    with pytest.raises(ValueError, match="legal_basis"):
        register(Organisation, legal_basis="because")
