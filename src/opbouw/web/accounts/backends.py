"""Login throttling (django-axes) for every login that comes through a request."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class ThrottledLogin(AxesStandaloneBackend):
    """django-axes, except for ``authenticate()`` calls made without a request.

    Every login page (the site's and the admin's) passes the request, so those are counted
    and locked out; code that authenticates without one (the test client's ``login``,
    management commands) is not an HTTP login and has nothing to throttle.
    """

    def authenticate(self, request: Any, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
