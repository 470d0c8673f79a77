"""Offline: no page loads anything from another host (an office's server has no internet).

A real browser walks the demo as every role, one page of each kind reachable from ``/`` (as the
walkthrough crawler does) plus ``/api/docs``, with every request to a host other than the test
server recorded; the test fails on any attempt. Swagger UI must render from the
vendored copy, so a blank docs page fails too.
"""

from __future__ import annotations

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model

from ipcity.programs.demo import load_demo

PASSWORD = "Offline-2026-pass!"
ROLES = ("admin", "leader", "reporter1", "reporter2", "root")
KINDS_PER_ROLE = 35
# Not pages to open: logging out ends the walk; the language switch is a POST; downloads.
SKIP = ("/accounts/logout/", "/i18n/", "/static/", "/media/", "/api/")
DOWNLOAD = re.compile(r"\.(xlsx|docx|csv|json|pdf|zip)$|/(export|download|template)", re.I)


def _kind(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


# Pages opened at once: each waits for the network to go quiet (500 ms without a request) so that
# late requests (HTMX loads, charts) are made and caught; in several tabs those waits overlap.
TABS = 4


def _walk(tabs, base: str, role: str) -> list[str]:
    """Open one page of each kind reachable from / (the superuser also the admin index),
    breadth-first, a batch of ``len(tabs)`` pages at a time."""
    start = ["/", "/api/docs"] + (["/admin/"] if role == "root" else [])
    queue, seen_kinds, visited = deque(start), set(), []
    while queue and len(visited) < KINDS_PER_ROLE:
        batch: list[str] = []
        while queue and len(batch) < len(tabs) and len(visited) + len(batch) < KINDS_PER_ROLE:
            path = queue.popleft()
            if _kind(path) not in seen_kinds:
                seen_kinds.add(_kind(path))
                batch.append(path)
        opened = [(tab, path, tab.goto(base + path, wait_until="commit"))
                  for tab, path in zip(tabs[:len(batch)], batch, strict=True)]
        for page, path, response in opened:
            page.wait_for_load_state("networkidle")
            visited.append(path)
            assert response is not None and response.status < 500, (role, path)
            for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                url, _ = urldefrag(href)
                parts = urlsplit(url)
                if f"{parts.scheme}://{parts.netloc}" != base or parts.path.startswith(SKIP):
                    continue
                if DOWNLOAD.search(parts.path) or (parts.path.startswith("/admin/") and path != "/admin/"):
                    continue
                link = parts.path + (f"?{parts.query}" if parts.query else "")
                if _kind(link) not in seen_kinds:
                    queue.append(link)
    return visited


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_page_reaches_another_host(live_server, browser_page, tmp_path):
    from ipcity.core.models import Profile, Role

    load_demo(stdout=io.StringIO(), seeds_dir=tmp_path, password=PASSWORD)
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    Profile.objects.get_or_create(user=root, defaults={"role": Role.ADMIN})

    base = live_server.url
    outside: list[str] = []

    # Every request is watched (the context's "request" event), not routed: a route handler answers
    # each request back to the browser, and with four tabs loading at once that round trip once
    # left the driver and Python each waiting on the other's pipe (the test hung, not failed). A
    # request to another host cannot succeed offline; the test fails on the attempt all the same.
    def watch(request):
        url = request.url
        parts = urlsplit(url)
        if url.startswith(("data:", "blob:")) or f"{parts.scheme}://{parts.netloc}" == base:
            return
        try:
            source = request.frame.url
        except Exception:  # a request without a frame (a service worker's)
            source = "?"
        outside.append(f"{source} → {url}")

    page = browser_page
    page.context.on("request", watch)
    tabs = [page] + [page.context.new_page() for _ in range(TABS - 1)]
    walked = {}
    for role in ROLES:
        page.context.clear_cookies()
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", role)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        walked[role] = _walk(tabs, base, role)
        # The API docs render from the vendored Swagger UI (a blank page would mean a failed load).
        page.goto(f"{base}/api/docs", wait_until="networkidle")
        page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
        assert page.locator(".opblock").count() > 0

    assert not outside, "requests to another host:\n" + "\n".join(sorted(set(outside)))
    for role, pages in walked.items():  # the walk really went through the application
        assert len(pages) >= 8, (role, pages)
