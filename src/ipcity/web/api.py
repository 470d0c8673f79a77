"""The JSON API (django-ninja): OpenAPI at /api/docs. Each app contributes a router."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ipcity.monitoring.api import router as monitoring_router
from ipcity.programs.api import router as programs_router
from ipcity.protection.api import router as protection_router
from ipcity.supervision.api import router as supervision_router
from ipcity.transfer.api import router as transfer_router
from ipcity.web.api_auth import EXPIRED_CHALLENGE, TokenExpiredError, api_auth, docs_login_required
from ipcity.web.api_docs import OfflineSwagger
from ipcity.web.api_openapi import document_refusals
from ipcity.web.api_validation import MESSAGES, NonFiniteNumber, StrictJsonParser, localised_errors


class IpcityApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """django-ninja's schema with the refusals of every operation (``ipcity.web.api_openapi``)."""
        return document_refusals(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = IpcityApi(
    title="ipcity API",
    version="1",
    description="知识产权强市建设管理平台 API. Session (browser) or token (`Authorization: Bearer …`) auth.",
    auth=api_auth,
    urls_namespace="api",
    parser=StrictJsonParser(),  # NaN / Infinity / 1e309 refused before any schema or service sees them
    docs=OfflineSwagger(),  # vendored Swagger UI: the docs work without internet
    docs_decorator=docs_login_required,  # the schema is for signed-in users (or tokens) only
)


@api.exception_handler(Http404)
def not_found(request, exc):
    """One refusal for what does not exist and what the user may not see (no hint which), in the
    user's language; never django-ninja's English "Not Found" nor, with DEBUG, the lookup's text."""
    return api.create_response(request, {"detail": _("记录不存在或无权查看")}, status=404)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    """Malformed input (pydantic's check, before the view): still 422 with each error's ``loc``, but
    its ``msg`` in the user's language instead of pydantic's English (``ipcity.web.api_validation``)."""
    return api.create_response(request, {"detail": localised_errors(exc.errors)}, status=422)


def unauthorised(request, exc: AuthenticationError | None = None):
    """Nobody signed in and no valid token: what is missing, in the user's language, and the scheme
    a client should use (RFC 9110 asks a 401 to name it in ``WWW-Authenticate``). An expired token
    gets the same shape, saying when it expired, and RFC 6750's ``error="invalid_token"``."""
    if isinstance(exc, TokenExpiredError):
        response = api.create_response(request, {"detail": str(exc)}, status=401)
        response["WWW-Authenticate"] = EXPIRED_CHALLENGE
        return response
    response = api.create_response(request, {"detail": _("需要登录或 API 令牌")}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


# What django-ninja says, in English, when a body is not JSON at all (before any schema check).
_UNPARSABLE_BODY = "Cannot parse request body"


@api.exception_handler(HttpError)
def http_error(request, exc):
    """django-ninja's own refusals keep their status; the one raised before our code, a body that is
    not JSON, speaks the user's language like the 422s (with DEBUG ninja appends the parser's text)."""
    if isinstance(exc, AuthenticationError):  # ninja's English "Unauthorized", whatever the language
        return unauthorised(request, exc)
    message = str(exc)
    if exc.status_code == 400 and message.startswith(_UNPARSABLE_BODY):
        unparsable = "json_not_finite" if isinstance(exc.__cause__, NonFiniteNumber) else "json_invalid"
        message = str(MESSAGES[unparsable])
    return api.create_response(request, {"detail": message}, status=exc.status_code)


api.add_router("/programs", programs_router)
api.add_router("/monitoring", monitoring_router)
api.add_router("/supervision", supervision_router)
api.add_router("/protection", protection_router)
api.add_router("/transfer", transfer_router)
