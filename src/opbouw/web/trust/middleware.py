"""Users who set up a second factor must enter its code before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

EXEMPT_PREFIXES = ("/static/", "/i18n/", "/api/", "/login/", "/logout/")


class RequireSecondFactor:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            from django_otp import user_has_device

            verify = reverse("trust:otp_verify")
            if request.path != verify and not request.path.startswith(EXEMPT_PREFIXES) \
                    and user_has_device(user, confirmed=True):
                return redirect(f"{verify}?next={request.get_full_path()}")
        return self.get_response(request)
