"""Dutch unless the user picked another language: the browser's Accept-Language is
ignored so that an English-configured browser in a Flemish office still gets Dutch."""

from collections.abc import Callable
from typing import Any


class DutchByDefault:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
