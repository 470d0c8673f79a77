"""The public pages as a static site (``ipcity publish export DIR``), for the government portal.

The exporter renders the public views themselves (``urls_public``, through the URL resolver, as
an anonymous visitor in the site's language), starting from the index and following every link
under /open/ and every static asset, so the export holds exactly what the public site shows and
nothing that is not reachable from it. Each site-absolute link is rewritten relative to the file
that holds it (``/open/5/`` → ``5/index.html``); a page that names another host is refused, so the
export makes no outside request. Assets come from the static files storage (or the finders).
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

# href="…" / src="…" in our own templates (always double-quoted), and url(…) in stylesheets.
LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')
CSS_URL = re.compile(r"url\((?P<q>['\"]?)(?P<url>[^)'\"]+)(?P=q)\)")


class ExportError(RuntimeError):
    pass


@dataclass
class ExportReport:
    pages: int = 0
    downloads: int = 0
    assets: int = 0
    files: list[str] = field(default_factory=list)


def public_root() -> str:
    return reverse("open:index")


def file_for(path: str) -> str:
    """The export's file for a site path: /open/ → index.html, /open/5/ → 5/index.html,
    /open/5/data.csv → 5/data.csv, /static/x.css → static/x.css."""
    root, static = public_root(), settings.STATIC_URL
    if path.startswith(root):
        rel = path[len(root):]
    elif path.startswith(static):
        rel = "static/" + path[len(static):]
    else:
        raise ExportError(f"not a public path: {path}")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return rel


def _render(path: str) -> HttpResponse:
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.static_export = True  # type: ignore[attr-defined]
    try:
        match = resolve(path)
    except Resolver404 as exc:
        raise ExportError(f"no public page at {path}") from exc
    response = match.func(request, *match.args, **match.kwargs)
    if not isinstance(response, HttpResponse):
        raise ExportError(f"{path}: a streamed answer cannot be exported")
    if response.status_code != 200:
        raise ExportError(f"{path} answered {response.status_code}")
    return response


def _asset(path: str) -> bytes:
    name = unquote(path[len(settings.STATIC_URL):])
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    found = finders.find(name)
    if not found:
        raise ExportError(f"static file not found: {path}")
    return Path(found if isinstance(found, str) else found[0]).read_bytes()


def _rewrite(text: str, here: str, pattern: re.Pattern, found: Callable[[str], None]) -> str:
    """Site-absolute URLs in ``text`` made relative to the file ``here``; each one reported."""
    def replace(match: re.Match) -> str:
        url = match.group("url")
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            raise ExportError(f"{here}: link to another host: {url}")
        if not parts.path.startswith("/"):
            return match.group(0)  # already relative, or a fragment
        found(parts.path)
        target = file_for(parts.path)
        relative = posixpath.relpath(target, posixpath.dirname(here) or ".")
        new = relative + (f"#{parts.fragment}" if parts.fragment else "")
        return match.group(0).replace(url, new)
    return pattern.sub(replace, text)


def export_site(out: Path) -> ExportReport:
    """Write the public site into ``out`` (which must be empty or missing)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ExportError(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    root, static = public_root(), settings.STATIC_URL
    queue: deque[str] = deque([root])
    seen = {root}

    def found(path: str) -> None:
        if path not in seen and (path.startswith(root) or path.startswith(static)):
            seen.add(path)
            queue.append(path)

    with translation.override(settings.LANGUAGE_CODE):
        try:
            while queue:
                path = queue.popleft()
                here = file_for(path)
                target = out / here
                target.parent.mkdir(parents=True, exist_ok=True)
                if path.startswith(static):
                    data = _asset(path)
                    if here.endswith(".css"):
                        data = _rewrite(data.decode("utf-8"), here, CSS_URL, found).encode("utf-8")
                    report.assets += 1
                else:
                    response = _render(path)
                    # Never response.close(): it sends request_finished, which closes the database
                    # connection (fatal inside a transaction). The public views answer HttpResponse.
                    data = response.content
                    if response["Content-Type"].startswith("text/html"):
                        data = _rewrite(data.decode("utf-8"), here, LINK, found).encode("utf-8")
                        report.pages += 1
                    else:
                        report.downloads += 1
                target.write_bytes(data)
                report.files.append(here)
        except ExportError:
            shutil.rmtree(out, ignore_errors=True)
            raise
    return report
