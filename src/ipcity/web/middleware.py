"""Every page needs a signed-in user, except the login page, static files, the health probe and the
JSON API, which answers 401 itself (token or session, ``web.api_auth``); its docs and schema need a
signed-in user or a token too (``api_auth.docs_login_required``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Paths an anonymous visitor may reach. The JSON API answers 401 itself (token or session auth).
PUBLIC_PREFIXES = ("/accounts/login/", "/static/", "/i18n/", "/api/", "/favicon.ico", "/public/",
                   "/healthz")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
