"""One place that audits what views do not: refused requests and file downloads.

Placed near the top of ``MIDDLEWARE`` so that it sees every response, including the 403 of the
CSRF check and the 401 of the API, and binds the client address for every audit record written
while the request is served.

- Refused: every 403, and every 401 (the API's answer to a missing or bad token).
- Downloads and exports: every successful response that is a ``FileResponse`` or carries
  ``Content-Disposition: attachment``, so a new export is recorded without any change to its view.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

from django.db import DatabaseError
from django.http import FileResponse

from ipcity.audit.context import bound_client_ip, client_ip_from
from ipcity.audit.services import security_record

log = logging.getLogger(__name__)

REFUSED = (401, 403)


def is_download(response) -> bool:
    if isinstance(response, FileResponse):
        return True
    disposition = response.get("Content-Disposition", "") or ""
    return disposition.strip().lower().startswith("attachment")


def _filename(response) -> str:
    """The file name of ``content_disposition_header``: ``filename="…"`` or ``filename*=utf-8''…`` (RFC 6266)."""
    disposition = response.get("Content-Disposition", "") or ""
    for part in disposition.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "filename*":
            charset, _, encoded = value.strip().partition("''")
            return unquote(encoded, encoding=charset or "utf-8", errors="replace")[:120]
        if key.lower() == "filename":
            return value.strip().strip('"')[:120]
    return ""


def _program_id(request) -> int | None:
    """The programme named in the URL (``program/<int:program_id>/…``), so its trail shows it."""
    match = getattr(request, "resolver_match", None)
    value = match.kwargs.get("program_id") if match is not None else None
    return value if isinstance(value, int) else None


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with bound_client_ip(client_ip_from(request)):
            response = self.get_response(request)
            try:
                self._record(request, response)
            except DatabaseError:
                # The reply is already decided; losing one trail row must not turn it into a 500.
                log.exception("audit: could not record %s %s", request.method, request.path)
        return response

    def _record(self, request, response) -> None:
        user = getattr(request, "user", None)
        where = f"{request.method} {request.path}"[:500]
        if response.status_code in REFUSED:
            security_record(action="request.denied", actor=user, program_id=_program_id(request),
                            path=request.path, note=f"{response.status_code} {where}")
        elif 200 <= response.status_code < 300 and is_download(response):
            name = _filename(response)
            security_record(action="file.download", actor=user, program_id=_program_id(request),
                            path=request.path, note=f"{where}" + (f" · {name}" if name else ""))
