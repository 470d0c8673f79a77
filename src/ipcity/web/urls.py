"""URL map. Each app owns its own ``urls.py``; the API routers are gathered in ``api.py``.

Every view needs a signed-in user (``django.contrib.auth.middleware.LoginRequiredMiddleware``)
except those marked ``login_not_required``: Django's login views, /healthz, the language switch,
the public open-data pages under /open/ (``ipcity.publication.views``)
and the JSON API, which answers 401 itself (token or session, ``web.api_auth``).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from ipcity.audit.signin import PasswordChangeView
from ipcity.web.api import api
from ipcity.web.health import healthz


def _answers_401_itself(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Exempt the API's views from the login redirect: they authenticate (or answer 401) themselves."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _answers_401_itself(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)
    return patterns


_api_patterns, _api_app, _api_namespace = api.urls

urlpatterns = [
    path("healthz", healthz, name="healthz"),  # no login: probes from systemd, nginx, monitoring
    path("accounts/login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Audited (auth.password_change); the validators of AUTH_PASSWORD_VALIDATORS apply.
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/", include("ipcity.accounts.urls")),
    path("audit/", include("ipcity.audit.urls")),
    # The language switch works before sign-in (the login page offers it).
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", (_answers_401_itself(_api_patterns), _api_app, _api_namespace)),
    path("monitoring/", include("ipcity.monitoring.urls")),
    path("supervision/", include("ipcity.supervision.urls")),
    path("reports/", include("ipcity.reports.urls")),
    path("navigation/", include("ipcity.navigation.urls")),
    # Rights protection (维权援助): the case workflow, its ledger and statistics.
    path("protection/", include("ipcity.protection.urls")),
    # Technology transfer matching (供需对接与开放许可) and its public page under /open/transfer/.
    path("transfer/", include("ipcity.transfer.urls")),
    path("open/transfer/", include("ipcity.transfer.urls_public")),
    # The public open-data pages (no sign-in) and the office's publication tab.
    path("open/", include("ipcity.publication.urls_public")),
    # Datasets (数据集): the office imports a patent export or an IP-records file in the browser.
    path("datasets/", include("ipcity.datasets.urls")),
    path("publication/", include("ipcity.publication.urls")),
    path("", include("ipcity.programs.urls")),
]
