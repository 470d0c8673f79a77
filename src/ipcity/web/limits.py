"""Refuse an over-large request body on its declared ``Content-Length``, before anything reads it.

Django spools a multipart upload to disk while it parses it, long before a form or a view can
look at the file's size; a 2 GB POST would fill the disk and hold a worker first. This middleware
sits near the top of ``MIDDLEWARE`` and answers 413 from the header alone: a Chinese page for
browsers, JSON for ``/api/``. A body without a ``Content-Length`` (chunked) is never read by
Django's WSGI handler, so the header is the one place to check.

One URL has a larger cap: the datasets page's upload (``/datasets/upload/``), whose patent
exports and IP-records files may be up to ``IPCITY_DATASET_UPLOAD_MAX_BYTES`` (200 MB); Django
spools such a file to a temporary file, never to memory.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

DATASET_UPLOAD_PATH = "/datasets/upload/"


def max_request_bytes(path: str = "") -> int:
    """The largest body accepted: the largest upload plus room for the form's other fields."""
    explicit = getattr(settings, "IPCITY_MAX_REQUEST_BYTES", None)
    if explicit is not None:
        return int(explicit)
    if path == DATASET_UPLOAD_PATH:
        return int(settings.IPCITY_DATASET_UPLOAD_MAX_BYTES) + 1024 * 1024
    return int(settings.IPCITY_MAX_UPLOAD_BYTES) + 1024 * 1024


def declared_length(request) -> int:
    """The body's declared length; 0 when absent or unreadable (Django then reads no body)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = max_request_bytes(request.path_info)
        length = declared_length(request)
        if length > limit:
            # LocaleMiddleware has not run yet: answer in the language the request asks for,
            # not in whatever language this worker thread last served.
            with translation.override(translation.get_language_from_request(request)):
                return too_large(request, length, limit)
        return self.get_response(request)


def too_large(request, length: int, limit: int):
    message = _("提交的内容过大（%(size).1f MB），上限为 %(limit).0f MB。请压缩或拆分文件后重新上传。") % {
        "size": length / 1048576, "limit": limit / 1048576}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "limit_bytes": limit}, status=413)
    return render(request, "413.html", {"message": message}, status=413)
