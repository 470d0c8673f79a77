"""Account pages (users, tokens) under /accounts/, beside Django's login and password views."""

from ipcity.core.views import app_name, urlpatterns  # noqa: F401
