"""``--database-tests-only`` (the Makefile's ``test-postgres``): the PostgreSQL run keeps the tests
that use the database under test, and deselects the rest, which the SQLite run has already run.

A test uses the database when it is marked ``django_db``, or asks, directly or through its
fixtures, for ``db``, ``transactional_db``, ``live_server`` or ``django_db_setup``, or it or one of
this test tree's fixtures asks for ``django_db_blocker`` (which every test has, through
pytest-django's own autouse fixtures, but only those unblock with it). Any other test cannot open the database: pytest-django refuses the
connection ("Database access not allowed"), so its outcome is the same whatever ``DATABASE_URL``
names, and running it twice proves nothing more. That holds for tests/web (the PostgreSQL run's
subset) including the tests that start a process, since none of those processes opens the run's
database: the settings and security checks (test_smoke, platform/test_security) and ``ipcity
serve`` on SQLite (serving/test_start_errors, test_serve_dev's first test) drop ``DATABASE_URL``
from the environment; the production checks that keep it (platform/test_security's secret key,
serving/test_static's storage) stop at the settings or print them, and Django connects only at a
first query; serving/test_supervisor and test_logs start plain Python processes; and the serving
tests that need PostgreSQL (serving/test_serve_production, test_serve_dev's PostgreSQL test) get
a fresh database of their own (``pg_url``), in a cluster they start in the SQLite run: they run
on PostgreSQL there.

Deselected, not skipped: the SQLite run counts them as passed or failed. Without xdist the
summary says how many (``N deselected``); under ``-n 2`` the header counts what is left
(``2 workers [N items]``).
"""

from __future__ import annotations

import pytest

OPTION = "--database-tests-only"
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_setup"})
BLOCKER = "django_db_blocker"


def uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return True  # not a test function: kept
    if BLOCKER in info.argnames:
        return True
    return any(BLOCKER in d.argnames and d.baseid.startswith("tests")
               for defs in info.name2fixturedefs.values() for d in defs)


def addoption(parser: pytest.Parser) -> None:
    parser.addoption(OPTION, action="store_true", default=False,
                     help="deselect the tests that do not use the database (tests/database_subset.py)")


@pytest.hookimpl(specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_database_subset(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption(OPTION):
        return
    keep = [item for item in items if uses_database(item)]
    if len(keep) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not uses_database(item)])
        items[:] = keep
