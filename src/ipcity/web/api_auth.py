"""API authentication: a personal API token (``Authorization: Bearer …``) or the browser's session.

- A token is tried first. A request that carries one is not a browser form, so it needs no CSRF
  token (nothing a third-party page can make a browser send adds this header).
- The session comes second and keeps Django's CSRF check for every unsafe method.
- Nobody signed in: 401 (never a CSRF 403 first, which would tell a client the wrong thing).
- An expired token: the same 401, saying it expired (and RFC 6750's ``error="invalid_token"``),
  so that a script's owner knows to make a new one rather than hunt for a typo.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, JsonResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


# RFC 6750 §3: the challenge of a token refused because its time is up.
EXPIRED_CHALLENGE = 'Bearer error="invalid_token", error_description="The access token expired"'


class TokenExpiredError(AuthenticationError):
    """A bearer token past its expiry: a 401 (``web.api.unauthorised``) that says so."""

    def __init__(self, expired_at) -> None:
        when = formats.date_format(timezone.localtime(expired_at), "Y-m-d H:i")
        super().__init__(message=_("API 令牌已于 %(when)s 过期，请在“API 令牌”页面创建新令牌") % {"when": when})


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        from ipcity.accounts.services import TokenExpired, token_authenticate

        try:
            user = token_authenticate(secret=token)
        except TokenExpired as exc:
            raise TokenExpiredError(exc.expired_at) from None
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


def _bearer(request: HttpRequest):
    """The user of a valid ``Authorization: Bearer`` token (or None), and the refusal of an expired one."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None, None
    try:
        return TokenAuth().authenticate(request, token.strip()), None
    except TokenExpiredError as exc:
        return None, exc


def bearer_user(request: HttpRequest):
    """The user of a valid ``Authorization: Bearer`` token, else None (an expired one included)."""
    return _bearer(request)[0]


def docs_login_required(view):
    """/api/docs and /api/openapi.json: a signed-in user or a valid token. The schema lists every
    route and field, which is for users of the platform only. The JSON answers 401, the page sends
    a browser to the login page."""

    safe_view = require_safe(view)  # documentation is read, never posted to

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.user.is_authenticated:
            return safe_view(request, *args, **kwargs)
        user, expired = _bearer(request)
        if user is not None:
            return safe_view(request, *args, **kwargs)
        if request.path.endswith(".json"):  # the API's 401 (web.api.unauthorised), expired or not
            response = JsonResponse({"detail": str(expired) if expired else _("需要登录或 API 令牌")}, status=401)
            response["WWW-Authenticate"] = EXPIRED_CHALLENGE if expired else "Bearer"
            return response
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)

    return wrapped


__all__ = ["api_auth", "docs_login_required", "SessionAuth", "TokenAuth", "TokenExpiredError"]
