"""Account pages (users, tokens) under /accounts/, beside Django's login and password views."""

from ipcity.accounts.views import app_name, urlpatterns  # noqa: F401
