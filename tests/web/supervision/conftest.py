from __future__ import annotations

import datetime as dt

import pytest

from ipcity.supervision.calendar import next_working_day
from ipcity.supervision.services import rounds
from tests.web.holiday_notice_fixtures import notices  # noqa: F401 - a fixture of this package

from .factories import add_users, make_program, this_year


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
    """An office round due in mid-December of the programme's last year (next year: always ahead of
    today), on a working day so its due date is the one asked for, opened on 1 January this year,
    with one report per department. Tests count days from ``round_.due_date``."""
    year = world.program.end_year
    return rounds.round_create(program=world.program, user=world.users["office"], title=f"{year}年度工作推进情况",
                               due=next_working_day(dt.date(year, 12, 15)), opens_on=dt.date(this_year(), 1, 1))


@pytest.fixture
def report0(world, round_):
    return round_.reports.get(department=world.departments[0])
