"""Signing a browser in for a test: Django's test client logs the user in, the browser context
carries its session cookie (no login form to drive), and, when asked, the language choice."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.test import Client

#: A phone's width: the field test's walks at 375 px (iPhone SE/8 and most Android phones' CSS width).
PHONE_VIEWPORT = {"width": 375, "height": 800}


def sign_in(context, live_server, user, *, language: str | None = None) -> None:
    """``context`` (a Playwright BrowserContext) is signed in as ``user``; any earlier session of it is
    dropped, so one page can change users."""
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    cookies = [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    if language:
        cookies.append({"name": "django_language", "value": language, "url": live_server.url})
    context.add_cookies(cookies)


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than its window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@contextmanager
def phone_page(browser, *, locale: str = "zh-CN") -> Iterator:
    """A page of a fresh context as wide as a phone, closed afterwards."""
    context = browser.new_context(locale=locale, viewport=PHONE_VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()
