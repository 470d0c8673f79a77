"""Deployment settings: `check --deploy` is clean in production; sessions expire; passwords are checked."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "IPCITY_ENV": "production",
        "IPCITY_SECRET_KEY": secrets.token_urlsafe(50),
        "IPCITY_DATA_DIR": str(tmp_path),
        "IPCITY_ALLOWED_HOSTS": "ipcity.example.org",
        "DJANGO_SETTINGS_MODULE": "ipcity.web.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by tests/conftest.py for Playwright only
    proc = subprocess.run(
        [sys.executable, "-m", "ipcity.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "IPCITY_ENV": "production", "IPCITY_DATA_DIR": str(tmp_path)}
    env.pop("IPCITY_SECRET_KEY", None)
    proc = subprocess.run([sys.executable, "-m", "ipcity.manage", "check"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode != 0 and "IPCITY_SECRET_KEY" in proc.stderr


def test_sessions_expire_and_cookies_are_protected():
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_HTTPONLY
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert "axes.middleware.AxesMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db
def test_weak_passwords_are_refused_when_the_office_creates_a_user(client):
    from django.core.exceptions import ValidationError

    from ipcity.accounts import services
    from ipcity.core.models import Role
    from tests.web.platform import factories as f

    reg = f.region()
    office = f.user("office", Role.OFFICE, region=reg)
    dept = f.department(reg, "市科技局")
    for weak in ("12345678901", "password123", "short"):
        with pytest.raises(ValidationError):
            services.user_create(actor=office, username="newbie", password=weak, role=Role.REPORTER, department=dept)


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client, settings):
    from ipcity.core.models import Role
    from tests.web.platform import factories as f

    if not settings.AXES_ENABLED:
        pytest.skip("django-axes disabled by IPCITY_AXES=0")
    f.user("victim", Role.LEADER, region=f.region())
    f.user("control", Role.LEADER, region=f.region())
    client.post("/accounts/login/", {"username": "control", "password": f.PASSWORD})
    assert "_auth_user_id" in client.session  # the right password works when not locked
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "victim", "password": "wrong-guess"})
    response = client.post("/accounts/login/", {"username": "victim", "password": f.PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 403, 429)
