"""Refusals under /api/ that no API view wrote, answered as the API answers: JSON ``{"detail": …}``
in the user's language; and HEAD, which django-ninja refused, answered as GET without its body.

django-ninja answers a method a path has not with ``text/plain`` "Method not allowed"; Django
answers a path no route matches, and an exception, with the site's HTML pages. A client of the
API reads JSON, so this middleware (after ``LocaleMiddleware``: the language is known) turns those
into the API's one shape, keeping the status and the ``Allow`` header. The exception behind a 500
was already logged by Django's handler further in; with ``DEBUG`` its page is left for the developer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _message(request: HttpRequest, status: int) -> str:
    if status == 404:
        return _("没有这个 API 地址")
    if status == 405:
        return _("该地址不接受 %(method)s 请求") % {"method": request.method}
    if status >= 500:
        return _("服务器内部错误，请稍后重试")
    return _("请求未能完成（HTTP %(status)s）") % {"status": status}


class ApiHeadMiddleware:
    """HEAD under /api/ answered as GET without its body. RFC 9110 asks a server to support HEAD
    wherever it supports GET (a monitor's probe, a client checking a list's size); django-ninja
    routes no HEAD and answered 405. The view runs as for GET: auth, scoping and logs alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD" or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)  # what GET would send
        return response


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (not request.path.startswith(API_PREFIX) or response.status_code < 400
                or response.get("Content-Type", "").startswith("application/json")
                or (settings.DEBUG and response.status_code >= 500)):
            return response
        answer = JsonResponse({"detail": _message(request, response.status_code)}, status=response.status_code)
        if response.has_header("Allow"):
            answer["Allow"] = response["Allow"]
        return answer
