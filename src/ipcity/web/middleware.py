"""Every page needs a signed-in user, except the login page, static files and the public API docs."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Paths an anonymous visitor may reach. The JSON API answers 401 itself (token auth).
PUBLIC_PREFIXES = ("/accounts/login/", "/static/", "/i18n/", "/api/", "/favicon.ico", "/public/")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
