"""URL map. Each app owns its own ``urls.py``; the API routers are gathered in ``api.py``."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ipcity.audit.signin import PasswordChangeView
from ipcity.web.api import api
from ipcity.web.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),  # no login: probes from systemd, nginx, monitoring
    path("accounts/login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Audited (auth.password_change); the validators of AUTH_PASSWORD_VALIDATORS apply.
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/", include("ipcity.core.urls")),
    path("audit/", include("ipcity.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

# Feature apps mount under their own prefix when installed.
for _label, _prefix in (("monitoring", "monitoring/"), ("supervision", "supervision/")):
    if apps.is_installed(f"ipcity.{_label}"):
        urlpatterns.append(path(_prefix, include(f"ipcity.{_label}.urls")))

urlpatterns.append(path("", include("ipcity.programs.urls")))

if settings.DEBUG:  # uploaded evidence in development; production serves MEDIA_ROOT behind auth
    pass
