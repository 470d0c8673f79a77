"""Fixtures shared by every test package.

- ``shared_dir``: ``../shared`` beside the checkout (or ``IPCITY_SHARED``): seeds, gold, specs, data.
- ``browser_page``: a Playwright page in Debian's chromium (never a downloaded browser).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IPCITY_SHARED", REPO.parent / "shared"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made from
# the test body are still synchronous, so the async-safety guard must be lifted for tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# `--database-tests-only` (make test's PostgreSQL run keeps the tests that use the database):
# tests/database_subset.py.
from tests import database_subset  # noqa: E402
from tests.database_subset import pytest_collection_modifyitems_database_subset  # noqa: E402,F401  (a hook)

# Which worker runs what under `pytest -n 2 --dist loadgroup` (make test): tests/xdist_groups.py.
from tests.xdist_groups import (  # noqa: E402,F401  (hooks: pytest finds them by name)
    pytest_collection_modifyitems,
    pytest_configure_node,
    pytest_xdist_make_scheduler,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    database_subset.addoption(parser)


@pytest.fixture(autouse=True)
def _interface_language():
    """Every test starts in the interface's first language (zh-hans). Django keeps the active
    language per thread, so a request or a test that switched to English would otherwise leak into
    whichever test the same worker runs next, and messages checked in Chinese would come out English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Passwords are hashed with MD5 in tests: the production hasher (PBKDF2, a million rounds)
    costs ~0.3 s of CPU per account, and several packages build a 7-account world per test. The
    production hashers stay listed after it, so a hash made by them still checks;
    tests/web/platform/test_passwords.py checks the production list itself."""
    from django.conf import settings
    from django.test import override_settings

    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=fast + [h for h in settings.PASSWORD_HASHERS if h not in fast]):
        yield


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def _playwright_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_playwright_browser):
    """A fresh browser context and page (zh-CN locale) for one test."""
    context = _playwright_browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
