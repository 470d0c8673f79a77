"""The permission matrix: every URL pattern × every actor × GET and POST, against expectations.py.

The patterns come from the URL configuration itself (``get_resolver()`` walked recursively, the
ninja API included), so a new URL without a row in ``expectations.EXPECTATIONS`` fails here.
Each request runs in a transaction that is rolled back, so a POST that succeeds (a logout, a
submitted report) does not change the world the next request sees.
"""

from __future__ import annotations

import copy
import json
import re

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.web.access_matrix.expectations import (
    ACTORS,
    EXCLUDED_PREFIXES,
    EXPECTATIONS,
    OUTCOMES,
    POST_BODIES,
)
from tests.web.access_matrix.world import url_kwargs

# The mark makes pytest-django create the test database (it sets up only the databases that
# marked tests ask for); the world itself is built once per module by the fixture below.
pytestmark = pytest.mark.django_db

METHODS = ("GET", "POST")
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def walk_patterns(resolver=None, prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
    """(key, route) of every URL pattern: key is ``namespace:name``, or the route when unnamed."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace]))
            found += walk_patterns(entry, route, ns)
        elif isinstance(entry, URLPattern):
            key = ":".join(filter(None, [namespace, entry.name])) if entry.name else route
            found.append((key, route))
    return found


def walked() -> list[tuple[str, str]]:
    return [(key, route) for key, route in walk_patterns() if not route.startswith(tuple(EXCLUDED_PREFIXES))]


PATTERNS = walked()


def outcome(response) -> str:
    status = response.status_code
    if status == 401:
        return "login"
    if 300 <= status < 400:
        location = response.get("Location", "")
        return "login" if "login/" in location and "next=" in location else "ok"
    if status >= 500:
        return f"error {status}"
    return {403: "forbidden", 404: "hidden", 405: "method"}.get(status, "ok")


def _request(client: Client, method: str, path: str, key: str, body: dict | None = None):
    # A logout (or a password change) rewrites the client's cookies; the rollback restores the
    # session row, this restores the cookie that points at it.
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        try:
            if method == "GET":
                response = client.get(path)
            elif body is not None and key.startswith("api:"):
                response = client.post(path, data=json.dumps(body), content_type="application/json")
            elif body is not None:
                response = client.post(path, data=body)
            else:
                response = client.post(path)
            if getattr(response, "streaming", False):
                # Reading to the end closes the file. No response.close(): the test client has
                # already closed the response, and a second close fires request_finished, which
                # closes the test's database connection on PostgreSQL.
                b"".join(response.streaming_content)
            result = outcome(response)
        except Exception as exc:  # a crash is a finding of the matrix, not an error of the walk
            result = f"error {type(exc).__name__}: {exc}"[:120]
        transaction.set_rollback(True)
    client.cookies = cookies
    return result


def post_body(world, key: str) -> dict | None:
    body = POST_BODIES.get(key)
    if body is None:
        return None
    return {name: value.format(**world.ids) if isinstance(value, str) else value for name, value in body.items()}


@pytest.mark.parametrize(("key", "route"), PATTERNS, ids=[k for k, _r in PATTERNS])
def test_pattern(matrix, key, route):
    world, clients = matrix
    assert key in EXPECTATIONS, (
        f"URL pattern {key!r} ({route}) has no row in tests/web/access_matrix/expectations.py: "
        "add one saying, per actor, what GET and POST must answer"
    )
    path = "/" + _PARAM.sub(lambda m: "{" + m.group(1) + "}", route)
    path = path.format(**url_kwargs(world, key, _PARAM.findall(route)))
    wrong = []
    for method, row in zip(METHODS, EXPECTATIONS[key], strict=True):
        for actor, expected in zip(ACTORS, row.split(), strict=True):
            got = _request(clients[actor], method, path, key, post_body(world, key))
            if got != expected:
                wrong.append(f"  {method:4} {actor:12} expected {expected:9} got {got}")
    assert not wrong, f"{key} {path}:\n" + "\n".join(wrong)


def test_every_row_is_well_formed_and_still_a_pattern():
    keys = {key for key, _route in PATTERNS}
    stale = sorted(set(EXPECTATIONS) - keys)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"
    for key, rows in EXPECTATIONS.items():
        assert len(rows) == len(METHODS), key
        for row in rows:
            words = row.split()
            assert len(words) == len(ACTORS), f"{key}: {row!r} needs {len(ACTORS)} words"
            assert set(words) <= set(OUTCOMES), f"{key}: {row!r} has an unknown outcome"
    assert set(POST_BODIES) <= set(EXPECTATIONS)


def test_walk_includes_the_api_and_every_app():
    keys = {key for key, _route in PATTERNS}
    for expected in ("api:actuals_create", "api:openapi-json", "monitoring:attachment", "supervision:attachment",
                     "programs:department", "audit:history", "accounts:tokens", "login"):
        assert expected in keys
    assert not any(route.startswith("admin/") for _key, route in PATTERNS)


def test_django_admin_lets_in_only_the_site_admin(matrix):
    """The excluded prefix, checked once: the admin is Django's, staff only."""
    _world, clients = matrix
    for actor in ACTORS:
        got = _request(clients[actor], "GET", "/admin/", "admin:index")
        if actor == "admin":
            assert got == "ok"
        else:
            assert got == "login", actor  # the admin's own login page, with ?next=


def test_outcome_words():
    class R(dict):
        def __init__(self, status, location=""):
            super().__init__(Location=location)
            self.status_code = status

    assert outcome(R(302, f"{settings.LOGIN_URL}?next=/p/1/")) == "login"
    assert outcome(R(302, "/p/1/")) == "ok"
    assert outcome(R(401)) == "login"
    assert outcome(R(400)) == "ok"
    assert (outcome(R(403)), outcome(R(404)), outcome(R(405))) == ("forbidden", "hidden", "method")
    assert outcome(R(500)).startswith("error")
