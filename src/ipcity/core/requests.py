"""The request of a view that requires sign-in, for the type checker.

Django hands every view a plain ``HttpRequest`` whose ``user`` may be anonymous; behind sign-in it
never is, and annotating such a view with :class:`AuthenticatedRequest` says so, so that it can pass
``request.user`` to a service typed ``user: User``. Nothing is checked at run time.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    user: User
