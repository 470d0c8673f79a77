"""Every view needs a signed-in user (Django's ``LoginRequiredMiddleware``), and an HTMX request
whose session has ended sends the whole page to the login page.

A page that polls (an import's status every 2 s, an analysis running) asks with ``HX-Request``.
Answered with Django's 302, the browser followed it and HTMX swapped the login page into the
polled card, inside the old page (field test 2026-12-06). Such a request now gets 204 with
``HX-Redirect``: HTMX loads the login page in the window, ``next`` being the page the user was on
(``HX-Current-URL``, its path only: the login view checks ``next`` anyway).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth import middleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse


class LoginRequiredMiddleware(middleware.LoginRequiredMiddleware):
    def handle_no_permission(self, request, view_func):
        if request.headers.get("HX-Request") != "true":
            return super().handle_no_permission(request, view_func)
        page = urlsplit(request.headers.get("HX-Current-URL", ""))
        current = page.path + (f"?{page.query}" if page.query else "") if page.path else request.get_full_path()
        login = redirect_to_login(current, self.get_login_url(view_func),
                                  self.get_redirect_field_name(view_func))
        response = HttpResponse(status=204)
        response["HX-Redirect"] = login["Location"]
        return response
