from __future__ import annotations

import datetime as dt

import pytest

from ipcity.supervision import services

from .factories import add_users, make_program


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast user creation


@pytest.fixture
def world(db):
    return add_users(make_program())


@pytest.fixture
def round_(world):
    """An office round due 2026-12-15 (a Tuesday) with one report per department."""
    return services.round_create(program=world.program, user=world.users["office"], title="2026年度工作推进情况",
                                 due=dt.date(2026, 12, 15), opens_on=dt.date(2026, 1, 1))


@pytest.fixture
def report0(world, round_):
    return round_.reports.get(department=world.departments[0])
