"""The matrix world, shared by the modules of this package, and the matrix's size in the summary."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client, override_settings


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The world and a signed-in client per actor, built once per module and rolled back at the end."""
    from tests.web.access_matrix.world import build_world

    # The real hasher costs ~0.3 s per account and the world has seven.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with fast, django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        clients = {"anon": Client()}
        for actor, user in world.users.items():
            clients[actor] = Client()
            clients[actor].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        yield world, clients
        transaction.set_rollback(True)


def pytest_terminal_summary(terminalreporter):
    from tests.web.access_matrix.expectations import ACTORS
    from tests.web.access_matrix.test_matrix import METHODS, PATTERNS

    if not any(getattr(r, "nodeid", "").startswith("tests/web/access_matrix/test_matrix.py::test_pattern")
               for reports in terminalreporter.stats.values() for r in reports):
        return
    n = len(PATTERNS)
    terminalreporter.write_line(
        f"permission matrix: {n} URL patterns × {len(ACTORS)} actors × {len(METHODS)} methods "
        f"= {n * len(ACTORS) * len(METHODS)} requests")
