"""API authentication: a personal API token (``Authorization: Bearer …``) or the browser's session.

- A token is tried first. A request that carries one is not a browser form, so it needs no CSRF
  token (nothing a third-party page can make a browser send adds this header).
- The session comes second and keeps Django's CSRF check for every unsafe method.
- Nobody signed in: 401 (never a CSRF 403 first, which would tell a client the wrong thing).
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        from ipcity.accounts.services import token_authenticate

        user = token_authenticate(secret=token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; CSRF is checked only once we know someone is signed in."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked in authenticate(), after the user is known

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, _("CSRF 校验失败：请刷新页面后重试，或使用 API 令牌（Authorization: Bearer …）"))
        return user


api_auth = [TokenAuth(), SessionAuth()]


def bearer_user(request: HttpRequest):
    """The user of a valid ``Authorization: Bearer`` token, else None."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    return TokenAuth().authenticate(request, token.strip()) if scheme.lower() == "bearer" and token else None


def docs_login_required(view):
    """/api/docs and /api/openapi.json: a signed-in user or a valid token. The schema lists every
    route and field, which is for users of the platform only. The JSON answers 401, the page sends
    a browser to the login page."""

    safe_view = require_safe(view)  # documentation is read, never posted to

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.user.is_authenticated or bearer_user(request) is not None:
            return safe_view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            response = JsonResponse({"detail": _("需要登录或 API 令牌")}, status=401)
            response["WWW-Authenticate"] = "Bearer"
            return response
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)

    return wrapped


__all__ = ["api_auth", "docs_login_required", "SessionAuth", "TokenAuth"]
