"""WCAG 2.1 AA on the signed-in pages: every role's pages, in Chinese and in English, checked by axe-core.

The public pages have their own test (tests/web/publication/test_accessibility_browser.py). Here the
access matrix's world (two cities, a programme with indicators, values, imports, a supervision round
and its reports, a protection case, a navigation project, transfer needs: tests/web/access_matrix/
world.py) is built once; for each role (site admin, office, leader, reporter) and each language one
browser context signs in and crawls breadth-first from ``/`` through the links it is shown, one page
per URL name (``/case/1/`` and ``/case/2/`` are one page), at most ``PAGE_BOUND`` pages; the few pages
no link leads to (``UNLINKED``) are queued after ``/``. On each page,
once its HTMX fragments have loaded, axe-core runs the WCAG 2.0/2.1 A and AA rules (``tests/axe.py``);
the page's main POST form is then sent empty (fields cleared, browser validation off) and the page
that answers with the form's errors is checked too.

A serious or critical violation fails the test, listed per page, unless ``ALLOWED`` names it with the
reason it is left. Setting ``IPCITY_A11Y_REPORT=<prefix>`` also writes every violation found (any
impact) as JSON, one file per language and walk (``<prefix>.en.office.json``…), for the findings table.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from tests.axe import REFUSED, require_axe, violations
from tests.browser_session import sign_in
from tests.web.access_matrix.test_matrix import PATTERNS
from tests.web.test_english_crawl import _path
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The site admin walks last and checks only the pages the office has not checked in that language:
# it is shown the office's pages (of both cities) plus the site's own (users, tokens), and checking
# the same templates twice would double the test's time for nothing.
LANGUAGES = ("zh-hans", "en")
PAGE_BOUND = 60
# Not pages of ours to read: logging out ends the session, the language switch is a POST, files and
# the JSON API are not HTML, and Django's admin is Django's (staff only).
SKIP_PREFIXES = ("/accounts/logout/", "/i18n/", "/static/", "/media/", "/api/", "/admin/")
DOWNLOAD_SUFFIXES = (".csv", ".json", ".xlsx", ".docx", ".pdf", ".zip", ".png", ".svg", ".txt", ".geojson")

# Pages no link leads to (reached through a form, an HTMX load or a redirect), walked after ``/``.
# A role that may not open one gets a 403/404 and the page is left out of its walk.
UNLINKED = ("programs:importing:item_new", "programs:importing:item_edit",
            "monitoring:import", "monitoring:department_import", "monitoring:computed", "monitoring:actions",
            "monitoring:figure_records", "password_change_done")

# (axe rule, URL name) → why the violation is left. Empty: every finding of the first run was fixed.
ALLOWED: dict[tuple[str, str], str] = {}

# The form a page is about: the POST form in <main> with the most fields a user types into.
MAIN_FORM_JS = """() => {
  const typed = "input:not([type]), input[type=text], input[type=number], input[type=date], input[type=email], "
              + "input[type=url], input[type=tel], input[type=password], textarea";
  let best = null, most = 0;
  for (const form of document.querySelectorAll("main form")) {
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") continue;
    const n = form.querySelectorAll(typed).length;
    if (n > most) { best = form; most = n; }
  }
  if (!best) return false;
  best.querySelectorAll(typed).forEach(el => { el.value = ""; });
  best.querySelectorAll("textarea").forEach(el => { el.textContent = ""; });
  best.noValidate = true;
  best.setAttribute("data-a11y-empty", "1");
  return true;
}"""
LINKS_JS = "els => els.map(e => e.href)"
SETTLED_JS = "() => !document.querySelector('.htmx-request')"
# axe-core does not look into a <canvas>: an ECharts chart needs a box with role="img" and a name
# (its own label or the heading it points to) for a screen reader to hear what it shows, or is
# hidden from it (aria-hidden) because a table on the page holds its data (the public indicator page).
UNNAMED_CHARTS_JS = """() => [...document.querySelectorAll("canvas")].filter(c => {
  if (c.closest("[aria-hidden=true]")) return false;
  const box = c.closest("[role=img]");
  return !box || !(box.getAttribute("aria-label") || "").trim()
    && !(box.getAttribute("aria-labelledby") || "").split(/\\s+/).some(id => id && document.getElementById(id));
}).map(c => (c.closest("[id]") || {}).id || "canvas")"""


def _url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name or match.route


def _wanted(path: str) -> bool:
    bare = urlsplit(path).path
    return not bare.startswith(SKIP_PREFIXES) and not bare.lower().endswith(DOWNLOAD_SUFFIXES)


def _settle(page) -> None:
    """HTMX fragments triggered on load are in place (their requests carry ``.htmx-request``)."""
    try:
        page.wait_for_function(SETTLED_JS, timeout=5000)
    except PlaywrightError:
        pass  # a fragment that never answers is the walkthrough's to report; check what is there


def _check(page, label: str, found: dict) -> None:
    found[label] = violations(page)
    charts = page.evaluate(UNNAMED_CHARTS_JS)
    if charts:
        found[label].append({"id": "chart-text-alternative", "impact": "serious", "count": len(charts),
                             "help": "A chart has a role=img box with a name", "nodes": charts[:3]})


def _crawl(context, base: str, start: list[str],
           checked: frozenset[str] = frozenset()) -> tuple[dict[str, list[dict]], list[str]]:
    """Every violation (any impact) per page label, and the pages that could not be checked; pages
    of the URL names in ``checked`` are walked through for their links but not checked again."""
    page = context.new_page()
    page.set_default_timeout(15000)
    found: dict[str, list[dict]] = {}
    unchecked: list[str] = []
    queue, queued, names = deque(start), set(start), set()
    while queue and len(names - checked) < PAGE_BOUND:
        path = queue.popleft()
        name = _url_name(path)
        if name is None or name in names:
            continue
        names.add(name)
        try:
            response = page.goto(base + path)
        except PlaywrightError:
            unchecked.append(f"{path}: a download")
            continue
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            unchecked.append(f"{path}: {response.status if response else 'no answer'}")
            continue
        if name in checked:
            unchecked.append(f"{path}: checked in the office's walk")
        else:
            _settle(page)
            _check(page, f"{name} {path}", found)
        for href in page.eval_on_selector_all("a[href]", LINKS_JS):
            url = urldefrag(href)[0]
            if not url.startswith(base):
                continue
            link = url[len(base):] or "/"
            if link not in queued and _wanted(link):
                queued.add(link)
                queue.append(link)
        if name not in checked and page.evaluate(MAIN_FORM_JS):
            try:
                with page.expect_navigation():
                    page.evaluate("() => document.querySelector('form[data-a11y-empty]').submit()")
            except PlaywrightError:
                unchecked.append(f"{path}: the empty form did not answer with a page")
                continue
            if urlsplit(page.url).path == urlsplit(path).path:  # answered with its errors, not a redirect
                _settle(page)
                _check(page, f"{name} {path} (form posted empty)", found)
    page.close()
    return found, unchecked


@pytest.fixture
def matrix_world(english_catalogue):  # noqa: F811
    from tests.web.access_matrix.world import build_world

    require_axe()
    _seed_case_types()
    return build_world()


def _seed_case_types() -> None:
    """The world opens a protection case, whose type a data migration seeds; the flush after each
    transactional test (six of them here, and others before them on the worker) removes those rows.
    The migration's own seed runs again (it only adds what is missing)."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    seed = MigrationLoader(connection).get_migration("protection", "0002_seed_case_types")
    seed.operations[0].code(apps, None)


# One test per language and walk, so that pytest-xdist deals them out to both workers (the whole
# crawl on one worker was the suite's longest test). The site admin walks after the office in the
# same test, since it skips the office's pages.
WALKS = {"office": ("office_a", "admin"), "leader": ("leader_a",), "reporter": ("reporter_a",)}
# Not vacuous: each role's walk reaches its pages (the office's most of the site).
LEAST_PAGES = {"office_a": 40, "leader_a": 20, "reporter_a": 20, "admin": 1}  # the admin: the user admin at least


@pytest.mark.parametrize("walk", WALKS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_or_critical_violation_on_any_signed_in_page(live_server, _playwright_browser, matrix_world,
                                                                 language, walk):
    report, refused, reached = {}, [], {}
    routes = dict(PATTERNS)
    first = ["/"] + [_path(matrix_world, key, routes[key]) for key in UNLINKED]
    for role in WALKS[walk]:
        context = _playwright_browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
        start = time.monotonic()
        try:
            sign_in(context, live_server, matrix_world.users[role], language=language)
            office = report.get("office_a", {}).get("pages", {}) if role == "admin" else {}
            found, unchecked = _crawl(context, live_server.url, first,
                                      frozenset(k.split(" ", 1)[0] for k in office))
        finally:
            context.close()
        reached[role] = len(found)
        report[role] = {"pages": found, "unchecked": unchecked, "seconds": round(time.monotonic() - start, 1)}
        for label, items in found.items():
            name = label.split(" ", 1)[0]
            for v in items:
                if v["impact"] in REFUSED and (v["id"], name) not in ALLOWED:
                    refused.append(f"{language} {role} {label}: {v['impact']} {v['id']} ×{v['count']} "
                                   f"({v['help']}) {v['nodes']}")
    if os.environ.get("IPCITY_A11Y_REPORT"):
        with open(f"{os.environ['IPCITY_A11Y_REPORT']}.{language}.{walk}.json", "w", encoding="utf-8") as out:
            json.dump(report, out, ensure_ascii=False, indent=1)
    assert all(reached[role] >= LEAST_PAGES[role] for role in WALKS[walk]), reached
    assert not refused, f"{len(refused)} serious or critical WCAG 2.1 AA violations:\n" + "\n".join(refused)
