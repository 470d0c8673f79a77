"""The request of a view that requires sign-in, for the type checker, and reading a query parameter.

Django hands every view a plain ``HttpRequest`` whose ``user`` may be anonymous; behind sign-in it
never is, and annotating such a view with :class:`AuthenticatedRequest` says so, so that it can pass
``request.user`` to a service typed ``user: User``. Nothing is checked at run time.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    user: User


def int_param(value: str | None, *, low: int | None = None, high: int | None = None) -> int | None:
    """A whole-number query parameter (``?year=2026``, ``?page=2``): None when absent, not a number
    (``abc``, ``²``), or outside ``low``–``high``, so that a hand-edited address shows the page
    unfiltered instead of an error (and a number beyond the database's integers never reaches it)."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    if number is None or (low is not None and number < low) or (high is not None and number > high):
        return None
    return number
