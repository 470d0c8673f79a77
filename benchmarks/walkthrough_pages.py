"""Benchmark: every page of the demo, server side, as each role sees it.

    python benchmarks/walkthrough_pages.py [--bound 400] [--repeat 3] [--no-seeds]

Loads the demo (示例市 and the seed plans when ../shared/seeds exists) into a throw-away SQLite
database (or DATABASE_URL), then for each demo account walks the pages breadth-first from ``/``
as the walkthrough test does (one page of each kind first, up to --bound pages), requests each
page --repeat times with Django's test Client in-process, and prints per role (over all requests):

    role=… pages=… p50_ms=… p95_ms=… max_ms=… slowest=…

Target (platform): page p95 ≤ 150 ms server side. Downloads (.xlsx, .csv, .json) are timed too.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from _harness import setup

ROLES = ("admin", "leader", "reporter1", "reporter2")
SKIP = ("/accounts/logout/", "/i18n/", "/static/", "/media/", "/api/", "/admin/")


def load(no_seeds: bool) -> None:
    from ipcity.programs.demo import default_seeds_dir, load_demo

    seeds = Path("/nonexistent-ipcity-seeds") if no_seeds else default_seeds_dir()
    load_demo(stdout=io.StringIO(), seeds_dir=seeds, password="Bench-walk-2026!")


def _kind(url: str) -> str:
    parts = urlsplit(url)
    return re.sub(r"\d+", "N", parts.path) + ("?" if parts.query else "")


def _links(base: str, html: str) -> list[str]:
    out = []
    for href in re.findall(r'<a [^>]*href="([^"#][^"]*)"', html):
        url, _ = urldefrag(urljoin(base, href.replace("&amp;", "&")))
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def walk(client, bound: int) -> list[str]:
    """The pages a user reaches from ``/``: unseen kinds first, then the rest, up to ``bound``."""
    fresh, again, queued, kinds, pages = deque(["/"]), deque(), {"/"}, set(), []
    while (fresh or again) and len(pages) < bound:
        url = fresh.popleft() if fresh else again.popleft()
        response = client.get(url)
        if response.status_code != 200:
            continue
        pages.append(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        for link in _links(url, response.content.decode()):
            if link not in queued:
                queued.add(link)
                (again if _kind(link) in kinds else fresh).append(link)
                kinds.add(_kind(link))
    return pages


def timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bound", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-seeds", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ipcity-bench-walk-") as tmp:
        setup(tmp)
        load(args.no_seeds)
        from django.contrib.auth import get_user_model
        from django.test import Client

        for role in ROLES:
            client = Client()
            client.force_login(get_user_model().objects.get(username=role))
            pages = walk(client, args.bound)
            samples = [(timed(client, url), url) for _ in range(args.repeat) for url in pages]
            ordered = sorted(ms for ms, _url in samples)
            slowest = max(samples)[1]
            print(f"role={role} pages={len(pages)} p50_ms={statistics.median(ordered):.1f} "
                  f"p95_ms={ordered[int(0.95 * (len(ordered) - 1))]:.1f} max_ms={ordered[-1]:.1f} "
                  f"slowest={_kind(slowest)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
