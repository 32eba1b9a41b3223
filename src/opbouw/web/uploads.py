"""Uploads refused before they are read: by their declared length, and per file while
they stream in.

Django parses a multipart body into memory and temporary files as soon as anything reads
``request.POST`` (the CSRF check does, before any view); a view's own length check would
come too late. :class:`RefuseLargeUploads` answers a request whose ``Content-Length``
passes the cap before any middleware or view reads the body, and :class:`FileSizeLimit`
(the first upload handler) stops the upload as soon as one file passes the importers'
size limit or the files together pass the cap, whatever length the request declared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def upload_cap() -> int:
    """The largest request body accepted: :data:`~opbouw.web.areas.views.UPLOAD_FILES`
    files at the importers' size limit."""
    from opbouw.data import limits
    from opbouw.web.areas import views

    return views.UPLOAD_FILES * limits.LIMITS.file_bytes


def _mb(n: float, digits: int = 0) -> str:
    from opbouw.data.limits import MIB
    from opbouw.i18n import format_number

    return format_number(n / MIB, None, digits)


def too_large_message(length: int) -> str:
    """The Dutch (or English) message for a request declared larger than the cap."""
    from opbouw.data import limits

    return _("This upload is too large (%(size)s MB); upload at most %(cap)s MB at once, "
             "at most %(limit)s MB per file.") % {
        "size": _mb(length), "cap": _mb(upload_cap()),
        "limit": _mb(limits.LIMITS.file_bytes)}


def refuse(request: HttpRequest, message: str) -> HttpResponse:
    """The 413 page in the site's layout, with ``message``."""
    return render(request, "413.html", {"message": message}, status=413)


class FileSizeLimit(FileUploadHandler):
    """Stops an upload as soon as one file passes the size limit or all together pass
    the cap; the request is then answered with 413 by :class:`RefuseLargeUploads`."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file_bytes = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        from opbouw.data import limits

        self.file_bytes += len(raw_data)
        self.total = getattr(self, "total", 0) + len(raw_data)
        limit = limits.LIMITS.file_bytes
        if self.file_bytes > limit:
            message = _("%(file)s is too large (more than %(limit)s MB); the limit is "
                        "%(limit)s MB per file.") % {"file": self.file_name,
                                                     "limit": _mb(limit)}
        elif self.total > upload_cap():
            message = too_large_message(self.total)
        else:
            return raw_data
        if self.request is not None:
            self.request.upload_refused = message
        raise StopUpload(connection_reset=True)

    def file_complete(self, file_size: int) -> None:
        return None


class RefuseLargeUploads:
    """Refuses a request larger than the upload cap (by ``Content-Length``) before
    anything reads its body, with status 413 and the site's page (listed after the
    authentication and messages middleware, which the page uses)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > upload_cap():
            return refuse(request, too_large_message(length))
        return self.get_response(request)


class StoppedUploads:
    """Answers a request whose upload :class:`FileSizeLimit` stopped with the 413 page.

    Listed before the CSRF middleware, so that its view check parses the body first: a
    form whose token came after the stopped file gets the size message, not a CSRF error.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *args: Any) -> HttpResponse | None:
        if request.method != "POST" or not (request.content_type or "").startswith("multipart/"):
            return None
        request.FILES  # noqa: B018 - parse now (through FileSizeLimit), not in the view
        message = getattr(request, "upload_refused", None)
        return refuse(request, message) if message else None
