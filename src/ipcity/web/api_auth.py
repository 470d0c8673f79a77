"""API authentication: the browser's session (with CSRF) or a personal API token."""

from __future__ import annotations

from ninja.security import APIKeyHeader, HttpBearer, django_auth


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        from ipcity.core.models_tokens import ApiToken

        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


api_auth = [django_auth, TokenAuth()]
__all__ = ["api_auth", "APIKeyHeader"]
