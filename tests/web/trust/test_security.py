"""Two-step login for administrators (django-otp TOTP), sessions that expire, and the
database checks at start-up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def _totp(device: Any) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def test_two_step_login_for_an_administrator(world: dict, client: Any, login: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.web.conftest import PASSWORD

    c = login("admin_e")
    page = c.get(reverse("trust:otp_setup"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=world["users"]["admin_e"])
    wrong = c.post(reverse("trust:otp_setup"), {"token": "000000" if _totp(device) != "000000"
                                                else "111111"})
    assert wrong.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()  # a wrong code slows the next
    c.post(reverse("trust:otp_setup"), {"token": _totp(device)})
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    c.post(reverse("logout"))
    # the password alone is no longer enough
    assert c.login(username="admin_e", password=PASSWORD)
    response = c.get(reverse("dataset_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("trust:otp_verify"))
    assert c.get(reverse("trust:audit")).status_code == 302
    bad = c.post(reverse("trust:otp_verify"), {"token": "abc", "next": "/datasets/"})
    assert bad.status_code == 200
    device.refresh_from_db()
    device.last_t = -1  # the code may be reused within its step in this test
    device.save()
    device.throttle_reset()
    ok = c.post(reverse("trust:otp_verify"), {"token": _totp(device), "next": "/datasets/"})
    assert ok.status_code == 302 and ok["Location"] == "/datasets/"
    assert c.get(reverse("dataset_list")).status_code == 200


def test_two_step_is_offered_only_to_administrators(world: dict, login: Any) -> None:
    assert login("worker_e").get(reverse("trust:otp_setup")).status_code == 403


def test_verify_does_not_redirect_elsewhere(world: dict, login: Any) -> None:
    page = login("worker_e").get(reverse("trust:otp_verify"),
                                 {"next": "https://evil.example/"})
    assert b'<input type="hidden" name="next" value="/"><button>' in page.content


def test_sessions_expire() -> None:
    assert 0 < settings.SESSION_COOKIE_AGE <= 24 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY


def test_session_cookie_has_no_persistent_expiry(world: dict, client: Any) -> None:
    from tests.web.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "worker_e", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # ends with the browser


def test_system_check_is_quiet_on_a_ready_database(db: Any) -> None:
    from opbouw.web.trust import checks, startup

    assert checks.database_ready(databases=["default"]) == []
    assert startup.problems() == []


def test_an_expired_session_logs_out(world: dict, client: Any) -> None:
    """The server ends a session after SESSION_COOKIE_AGE, whatever the browser keeps."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from tests.web.conftest import PASSWORD

    client.post(reverse("login"), {"username": "worker_e", "password": PASSWORD})
    assert client.get(reverse("dataset_list")).status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    session = Session.objects.get(session_key=key)
    assert session.expire_date <= timezone.now() + timedelta(
        seconds=settings.SESSION_COOKIE_AGE + 60)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("dataset_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_coordinator_is_told_why_two_step_sign_in_is_not_for_them(world: dict,
                                                                    login: Any) -> None:
    response = login("coord_e").get(reverse("trust:otp_setup"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "is voor beheerders" in body
    assert "Vraag ze aan een coördinator" not in body  # not the generic advice
