"""Helpers of the publication tests: follow every public link, read every file's text."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser


class Links(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)


def links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.urls


def texts(name: str, data: bytes) -> list[tuple[str, str]]:
    """(name, text) of a file and, for a ZIP (an .xlsx is one), of every member, recursively."""
    if data[:4] == b"PK\x03\x04":
        found = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                found += texts(f"{name}!{member}", archive.read(member))
        return found
    return [(name, data.decode("utf-8", errors="replace"))]


def crawl(client, start: str = "/open/") -> tuple[dict[str, bytes], set[str]]:
    """Every response reachable from ``start`` through links under it: {path: body}, and the links
    that lead elsewhere (other than static files and fragments)."""
    bodies: dict[str, bytes] = {}
    elsewhere: set[str] = set()
    queue = [start]
    while queue:
        path = queue.pop()
        if path in bodies:
            continue
        response = client.get(path, follow=True)
        assert response.status_code == 200, (path, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies[path] = body
        if response["Content-Type"].startswith("text/html"):
            for url in links(body.decode()):
                if url.startswith(start):
                    queue.append(url.replace("&amp;", "&"))
                elif not url.startswith(("/static/", "#", "data:")):
                    elsewhere.add(url)
    return bodies, elsewhere
