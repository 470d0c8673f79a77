"""The ``Idempotency-Key`` header on API writes (``ipcity.core.idempotency`` holds the rule).

A middleware rather than a decorator of each route: every write of every router takes the
header, and a route added later does too. It runs after the session's authentication; a token is
read here as the API reads it (``api_auth.bearer_user``). A request without the header, or by
nobody signed in (the API answers its 401), passes through untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from ipcity.core import idempotency
from ipcity.core.services import idempotency_claim, idempotency_release, idempotency_settle
from ipcity.web.api_auth import bearer_user

WRITES = ("POST", "PUT", "PATCH", "DELETE")
HEADER = "Idempotency-Key"  # read as Django reads headers: any case


class ApiIdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method not in WRITES or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not idempotency.KEY_PATTERN.fullmatch(key):
            return JsonResponse({"detail": _("Idempotency-Key 应为 1—255 个可见 ASCII 字符")}, status=400)
        user = request.user if request.user.is_authenticated else bearer_user(request)
        if user is None:
            return self.get_response(request)
        claim = idempotency_claim(user=user, key=key, fingerprint=idempotency.fingerprint(
            request.method or "", request.get_full_path(), request.body))
        if claim.mismatch:
            return JsonResponse({"detail": _("这个 Idempotency-Key 已用于另一个请求（方法、地址或请求体不同）")}, status=422)
        if claim.busy:
            return JsonResponse({"detail": _("使用这个 Idempotency-Key 的请求尚在处理，请稍后重试")}, status=409)
        if claim.replay is not None:
            replayed = HttpResponse(bytes(claim.replay.body), status=claim.replay.status,
                                    content_type="application/json; charset=utf-8")
            replayed["Idempotent-Replayed"] = "true"
            return replayed
        assert claim.row is not None
        response = self.get_response(request)
        if 200 <= response.status_code < 300 and not response.streaming:
            idempotency_settle(claim.row, status=response.status_code, body=response.content)
        else:
            idempotency_release(claim.row)
        return response
