"""The English crawl: every page, as every role, in English, shows no Chinese outside data.

The access matrix's world and signed-in clients (``tests/web/access_matrix``) are reused: every URL
pattern it walks is fetched by every actor with the language cookie set to English. Each HTML answer
(pages, and the 403 and 404 replies of the actors who may not see them; for a page that answers 200,
each HTMX fragment it references with ``hx-get`` too) is reduced to the text a reader sees: elements marked ``lang="zh…"`` (data that is Chinese by nature: programme titles,
department names, report contents), ``<script>`` and ``<style>`` are removed with everything inside
them; text and the attributes a reader meets (``title``, ``placeholder``, ``aria-label``, ``alt``)
are kept. A Chinese character left fails the test, naming the URL, the actor and the text.

Error pages (403, 404, the 429 lockout reply, a CSRF failure) and form validation errors (every
walked pattern POSTed with no body, which the forms answer with their errors) are crawled the same way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client

from tests.web.access_matrix.conftest import matrix  # noqa: F401  (the shared world, as a fixture)
from tests.web.access_matrix.expectations import ACTORS, POST_BODIES
from tests.web.access_matrix.test_matrix import _PARAM, PATTERNS
from tests.web.access_matrix.world import PASSWORD, fetch, url_kwargs
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Full-width marks a template or Python writes between translated words: Chinese too, outside data.
# Curly quotes “” are not among them: English typography uses the same two characters (the English
# catalogue writes “at least”, and templates quote a programme's name as “…”).
FULL_WIDTH_PUNCTUATION = re.compile(r"[（）：；。，、「」]")
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
SKIPPED = {"script", "style", "template"}
HX_GET = re.compile(r'hx-get="([^"]+)"')


class _Reader(HTMLParser):
    """The text a reader of an English page sees, and the Chinese-by-nature data marked ``lang="zh…"``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, hidden, inside lang=zh data)
        self.seen: list[str] = []  # visible texts outside data
        self.quoting: list[str] = []  # texts that cannot carry markup: <title>, attributes
        self.where: dict[str, str] = {}  # text → the innermost elements holding it, for the failure message
        self.data: set[str] = set()  # texts marked lang="zh…"

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        hidden, data = self.stack[-1][1:] if self.stack else (False, False)
        data = data or (values.get("lang") or "").lower().startswith("zh")
        hidden = hidden or data or tag in SKIPPED
        if not hidden:
            self.quoting += [values[name] for name in VISIBLE_ATTRIBUTES if values.get(name)]
            if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
                self.seen.append(values["value"])
        if tag not in VOID:
            self.stack.append((tag, hidden, data))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        # Close up to the matching open tag; a stray end tag (browsers ignore it) changes nothing.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        text = data.strip()
        if not text:
            return
        if self.stack and self.stack[-1][2]:
            self.data.add(text)
        elif self.stack and self.stack[-1][0] == "title":
            self.quoting.append(text)
        elif not (self.stack and self.stack[-1][1]):
            self.seen.append(text)
            self.where.setdefault(text, ">".join(tag for tag, *_ in self.stack[-3:]))


# A translation may quote a Chinese word the user must type or find, glossed in English:
# the template's column “填报值” (reported value), e.g. 专利导航 (patent navigation).
GLOSSED = re.compile(r"(?:“[\u4e00-\u9fff]+”\s*\d*\s*)+\s?\(|[\u4e00-\u9fff]+ \(")
# A full-width mark the user must type, quoted: "Attributes (separated by “、”)".
QUOTED_MARK = re.compile(r"“[（）：；。，、「」]”")


def chinese_left(html: str, *, where: bool = False) -> list[str]:
    """The visible texts of ``html`` that still hold Chinese, once data marked lang="zh" is removed.

    Chinese here is a character or a full-width mark (（）：；。，、「」): ``Completion 99%（Done 1/2）``
    is a Chinese page's punctuation left between English words.

    ``<title>`` and attributes cannot hold markup: Chinese there passes only when it is data the
    page marks elsewhere (the programme title in ``<title>`` repeats the marked ``<h1>``).
    """
    reader = _Reader()
    reader.feed(html)
    reader.close()
    marked = sorted(reader.data, key=len, reverse=True)
    left = []
    for text in reader.seen + reader.quoting:
        rest = QUOTED_MARK.sub("", GLOSSED.sub("", text))
        if text in reader.quoting:
            for data in marked:
                rest = rest.replace(data, "")
        if CJK.search(rest) or FULL_WIDTH_PUNCTUATION.search(rest):
            context = reader.where.get(text, "attribute or title")
            left.append(f"{text[:80]!r} in {context}" if where else text[:80])
    return left


def test_reader_removes_data_scripts_and_styles_but_not_attributes():
    html = ('<html lang="en"><head><title>铜陵市 · 方案 · ipcity</title><style>p:after{content:"中"}</style>'
            '<script>var a="文";</script></head>'
            '<body><h1 lang="zh-hans">铜陵市<span>方案</span></h1><td lang="zh">市科技局</td>'
            '<p>Programme<br>English</p><a title="打开">Open</a><img alt="图"><input type="submit" value="保存">'
            '<input type="hidden" value="数据"><p>任务</p><p>the column “填报值” (value)</p></body></html>')
    assert chinese_left(html) == ["保存", "任务", "打开", "图"]
    assert chinese_left('<title>市科技局</title><p lang="zh">铜陵市</p>') == ["市科技局"]
    assert chinese_left('<div lang="zh"><p>未闭合<div>嵌套</div></div><p>ok</p>') == []


def test_reader_finds_full_width_punctuation_outside_data():
    html = ('<p>Office comments：<span lang="zh">请补充（附件）。</span></p><p>completion 99%（Done 1/2）</p>'
            '<p>Targets mean “at least”; tags (separated by “、”)</p><a title="Department：x">y</a>'
            '<input placeholder="a；b"><div aria-label="c，d">e</div><script>var s="：";</script>'
            '<style>p:after{content:"。"}</style><p>a, b (c): d.</p>')
    assert chinese_left(html) == ["Office comments：", "completion 99%（Done 1/2）", "Department：x", "a；b", "c，d"]


def _is_html(response) -> bool:
    return not getattr(response, "streaming", False) and response.get("Content-Type", "").startswith("text/html")


def _path(world, key: str, route: str) -> str:
    path = "/" + _PARAM.sub(lambda m: "{" + m.group(1) + "}", route)
    return path.format(**url_kwargs(world, key, _PARAM.findall(route)))


@pytest.fixture(scope="module")
def english(matrix, english_catalogue):  # noqa: F811
    world, clients = matrix
    for client in clients.values():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return world, clients


def _crawl(client, method: str, path: str, **kwargs) -> tuple[int, list[str], list[str]]:
    """(status, Chinese texts of the page, HTMX fragments it references) for an HTML answer."""
    status, body, response = fetch(client, method, path, **kwargs)
    if not _is_html(response):
        return status, [], []
    html = body.decode("utf-8", errors="replace")
    fragments = [url.replace("&amp;", "&") for url in HX_GET.findall(html) if url.startswith("/")]
    return status, chinese_left(html, where=True), fragments


@pytest.mark.parametrize(("key", "route"), PATTERNS, ids=[k for k, _r in PATTERNS])
def test_every_page_speaks_english_to_every_actor(english, key, route):
    world, clients = english
    path = _path(world, key, route)
    found = []
    for actor in ACTORS:
        status, leaks, fragments = _crawl(clients[actor], "GET", path)
        found += [f"GET {path} as {actor} ({status}): {text}" for text in leaks]
        if status != 200:
            continue
        for fragment in sorted(set(fragments)):
            _status, leaks, _more = _crawl(clients[actor], "GET", fragment, HTTP_HX_REQUEST="true")
            found += [f"GET {fragment} (fragment of {path}) as {actor}: {text}" for text in leaks]
    assert not found, "Chinese on English pages:\n" + "\n".join(found)


@pytest.mark.parametrize(("key", "route"), PATTERNS, ids=[k for k, _r in PATTERNS])
def test_every_form_error_speaks_english(english, key, route):
    """A POST with no body (or the matrix's body): the forms answer with their errors, in English."""
    world, clients = english
    if key.startswith("api:") or key in ("logout", "set_language"):
        pytest.skip("JSON API (no page: its messages are catalogued like the rest) or a POST that only redirects")
    path = _path(world, key, route)
    body = {name: value.format(**world.ids) if isinstance(value, str) else value
            for name, value in POST_BODIES.get(key, {}).items()}
    found = []
    for actor in ACTORS:
        for hx in ({}, {"HTTP_HX_REQUEST": "true"}):
            status, leaks, _fragments = _crawl(clients[actor], "POST", path, data=body, **hx)
            found += [f"POST {path} {'(htmx) ' if hx else ''}as {actor} ({status}): {text}" for text in leaks]
    assert not found, "Chinese in English form replies:\n" + "\n".join(sorted(set(found)))


def test_the_crawl_reads_english_pages(english):
    """Not vacuous: the office's walk meets many HTML pages, and they speak English."""
    world, clients = english
    pages = []
    for key, route in PATTERNS:
        status, body, response = fetch(clients["office_a"], "GET", _path(world, key, route))
        if status == 200 and _is_html(response):
            pages.append(body.decode())
    assert len(pages) >= 30, len(pages)
    home = next(html for html in pages if "IP-strong city programmes" in html)
    assert "Log out" in home and 'lang="zh"' in home and not chinese_left(home)


def _english_client(**kwargs) -> Client:
    client = Client(**kwargs)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(client, method: str, path: str, **kwargs) -> tuple[int, str]:
    status, body, _response = fetch(client, method, path, **kwargs)
    return status, body.decode("utf-8", errors="replace")


def test_error_pages_speak_english(english):
    world, clients = english
    forbidden = _path(world, "programs:editing:indicator", dict(PATTERNS)["programs:editing:indicator"])
    pages = {  # what: (client, path, status, English the page must say)
        "404 of an unknown address": (clients["office_a"], "/no-such-page/", 404, "Page not found"),
        "404 of another city's programme": (clients["office_b"], f"/p/{world.ids['program_id']}/", 404,
                                            "Programme not found, or you are not allowed to view it"),
        "404 signed out": (_english_client(), "/no-such-page/", 404, "Page not found"),
        "403 of a reader editing": (clients["leader_a"], forbidden, 403, "Only the IP office can change a programme"),
    }
    found = []
    for what, (client, path, expected_status, english) in pages.items():
        status, html = _page(client, "GET", path)
        assert (status, english in html) == (expected_status, True), (what, status)
        found += [f"{what}: {text}" for text in chinese_left(html, where=True)]
    assert not found, "Chinese on English error pages:\n" + "\n".join(found)


def test_csrf_failure_speaks_english(english):
    status, html = _page(_english_client(enforce_csrf_checks=True), "POST", settings.LOGIN_URL,
                         data={"username": "m_office_a", "password": PASSWORD})
    assert status == 403 and "CSRF verification failed" in html  # Django's own page, in English
    assert not chinese_left(html, where=True)


def test_login_errors_and_lockout_speak_english(english):
    if not settings.AXES_ENABLED:
        pytest.skip("django-axes disabled by IPCITY_AXES=0")
    client = _english_client()
    wrong = {"username": "m_leader_a", "password": "Wrong-Guess-7731"}
    status, refused = _page(client, "POST", settings.LOGIN_URL, data=wrong)  # rolled back: no lock counted
    assert status == 200 and "Incorrect username or password" in refused
    # The lock needs the failures to stay (the module's world is rolled back at its end).
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(settings.LOGIN_URL, {**wrong, "username": "m_leader_b"})
    locked = response.content.decode()
    assert response.status_code == 429 and "Account temporarily locked" in locked
    found = [f"{what}: {text}" for what, html in (("refused", refused), ("429", locked))
             for text in chinese_left(html, where=True)]
    assert not found, "Chinese in English sign-in replies:\n" + "\n".join(found)
