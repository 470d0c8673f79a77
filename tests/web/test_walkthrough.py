"""Walk every page as every role: follow each internal link breadth-first from ``/`` on the demo.

For each of the demo accounts (office ``admin``, ``leader``, ``reporter1``, ``reporter2``), a
site superuser, and the office and a reporter in English, the crawler signs in, GETs ``/`` and
every ``<a href>`` (and one ``hx-get`` fragment of each kind) it finds, up to a bound, and collects
what a user would notice: a server error or a broken link, a page without ``<title>``, raw
template syntax, a bare ``None``, an ISO timestamp or float noise on screen, a table with no rows
and no empty-state message, a form field without a label or a POST form without its CSRF token,
a download with the wrong content type; for reporters any link to another department's page or
report; for the leader any form that changes data. Each test fails with the whole list, so that
one run shows everything to fix.
"""

from __future__ import annotations

import io
import mimetypes
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from tests.conftest import SHARED

# Every test here reads the module's demo database; the marker also makes pytest-django create it.
pytestmark = pytest.mark.django_db

PAGE_BOUND = 400
# Hrefs that are not pages to read: logging out ends the session; the language switch is a POST.
SKIP_PREFIXES = ("/accounts/logout/", "/i18n/", "/static/", "/media/", "/api/")
# The Django admin is crawled for the superuser only, and without query strings: its sort and
# filter links multiply without showing anything of ours.
ADMIN_PREFIX = "/admin/"
DOWNLOAD_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".json": "application/json",
    ".csv": "text/csv",
    ".pdf": "application/pdf",
}
# Openings only: ``}}`` closes nested JSON objects, which the Django admin shows as they are.
RAW_TEMPLATE = re.compile(r"\{\{|\{%")
MISSING_VALUES = {"None", "nan", "NaN", "null", "undefined"}
RAW_NONE = re.compile(r"\bNone\b")
# A stored instant shown as data (``2026-11-21T19:13:05+00:00``) instead of a local date and time.
RAW_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
# A measured value with more decimals than any indicator is reported with (float noise).
LONG_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d{5,}(?![\d.])")


@dataclass
class Crawl:
    """What one role's walk saw."""

    visited: dict[str, int] = field(default_factory=dict)  # url → status
    problems: list[str] = field(default_factory=list)
    downloads: dict[str, str] = field(default_factory=dict)  # url → content type
    fragments: list[str] = field(default_factory=list)  # hx-get URLs checked
    post_forms: set[tuple[str, str]] = field(default_factory=set)  # (page kind, form action path)

    def problem(self, url: str, what: str) -> None:
        self.problems.append(f"{url}: {what}")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo (示例市 and the seed plans when present) loaded once, rolled back afterwards."""
    from ipcity.core.models import Profile, Role
    from ipcity.programs.demo import load_demo

    seeds = SHARED / "seeds"
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            result = load_demo(stdout=io.StringIO(), seeds_dir=seeds if seeds.is_dir() else SHARED / "-absent-",
                               password="Walk-2026-pass!")
            users = {u.username: u for u in get_user_model().objects.filter(
                username__in=["admin", "leader", "reporter1", "reporter2"]).select_related("profile")}
            _pending_revision(users["admin"])
            superuser = get_user_model().objects.create_superuser("root", password="Walk-2026-pass!")
            Profile.objects.get_or_create(user=superuser, defaults={"role": Role.ADMIN})
            users["root"] = superuser
            yield {"result": result, "users": users}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _pending_revision(office) -> None:
    """A plan upload awaiting review (a revision of the sample), so the walk reaches the import
    review pages, their diff and their HTMX edit fragments."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ipcity.programs.demo import SAMPLE_PLAN
    from ipcity.programs.importing.services import plan_import_create
    from ipcity.programs.models import Program

    upload = SimpleUploadedFile("revision.json", SAMPLE_PLAN.read_bytes(), content_type="application/json")
    plan_import_create(user=office, uploaded=upload, target_program=Program.objects.get(is_sample=True))


def _pattern(url: str) -> str:
    """``/p/12/tasks/?page=3`` → ``/p/N/tasks/?page``: which kind of page a URL is."""
    parts = urlsplit(url)
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def _internal(base: str, href: str) -> str | None:
    href = (href or "").strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url, _fragment = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIP_PREFIXES):
        return None
    return path


def _check_download(crawl: Crawl, url: str, response) -> None:
    ctype = response["Content-Type"].split(";")[0].strip()
    crawl.downloads[url] = ctype
    disposition = response.get("Content-Disposition", "")
    name = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)', disposition)
    suffix = "." + (name.group(1) if name else urlsplit(url).path).rsplit(".", 1)[-1].lower()
    expected = DOWNLOAD_TYPES.get(suffix) or mimetypes.types_map.get(suffix)
    if expected and ctype != expected:
        crawl.problem(url, f"download {suffix} served as {ctype}, expected {expected}")
    if not (response.content if not response.streaming else b"".join(response.streaming_content)):
        crawl.problem(url, "download is empty")


def _visible_text(doc) -> str:
    for bad in doc.xpath("//script|//style|//template|//textarea"):
        bad.drop_tree()
    return doc.text_content()


def _check_page(crawl: Crawl, url: str, html: str) -> lxml.html.HtmlElement:
    doc = lxml.html.document_fromstring(html)
    title = doc.findtext(".//title")
    if not title or not title.strip():
        crawl.problem(url, "no <title>")
    for form in doc.xpath("//form"):
        method = (form.get("method") or "get").lower()
        if method != "post":
            continue
        crawl.post_forms.add((_pattern(url), urlsplit(urljoin(url, form.get("action") or url)).path))
        if not form.xpath(".//input[@name='csrfmiddlewaretoken']"):
            crawl.problem(url, f"POST form to {form.get('action')!r} has no CSRF token")
    _check_labels(crawl, url, doc)
    for cell in doc.xpath("//td|//th|//dd"):
        text = cell.text_content().strip()
        if text in MISSING_VALUES:
            crawl.problem(url, f"table cell shows {text!r}")
        elif LONG_DECIMAL.search(text):
            crawl.problem(url, f"table cell shows a long decimal: {text[:80]!r}")
    for table in doc.xpath("//table[thead]"):
        if not table.xpath("./tbody/tr|./tr"):
            crawl.problem(url, f"table {table.get('id') or table.get('class') or ''} has no rows and no "
                               "empty-state message")
    _check_text(crawl, url, html, chinese=doc.get("lang", "").startswith("zh"))
    return doc


def _check_labels(crawl: Crawl, url: str, doc) -> None:
    """Every field a user fills in says what it is (a label around it or for it, or aria-label)."""
    if url.startswith(ADMIN_PREFIX):
        return
    labelled = set(doc.xpath("//label/@for"))
    for field_ in doc.xpath("//form//input|//form//select|//form//textarea"):
        if field_.get("type") in ("hidden", "submit", "button", "reset"):
            continue
        if not (field_.xpath("ancestor::label") or field_.get("aria-label") or field_.get("id") in labelled):
            crawl.problem(url, f"form field {field_.get('name')!r} has no label")


def _check_text(crawl: Crawl, url: str, html: str, chinese: bool = False) -> None:
    text = _visible_text(lxml.html.document_fromstring(html))
    checks = [(RAW_TEMPLATE, "raw template syntax")]
    if chinese:  # a Chinese page never says "None": it is a missing value printed as is
        checks.append((RAW_NONE, "a bare None"))
    if not url.startswith(ADMIN_PREFIX):  # the Django admin shows stored records as they are, JSON included
        checks.append((RAW_INSTANT, "a raw ISO timestamp"))
    for pattern, what in checks:
        match = pattern.search(text)
        if match:
            crawl.problem(url, f"{what} on screen: {text[max(0, match.start() - 40):match.end() + 40]!r}")


def _check_fragment(crawl: Crawl, url: str, response) -> None:
    """An HTMX fragment (``hx-get``): no page of its own, so no title, but the same hygiene."""
    if response.status_code >= 400:
        crawl.problem(url, f"hx-get fragment answers {response.status_code}")
    elif response["Content-Type"].startswith("text/html") and response.content.strip():
        _check_text(crawl, url, response.content.decode())


def _crawl(client, *, admin_pages: bool, bound: int = PAGE_BOUND) -> Crawl:
    """Breadth-first from ``/``; a URL of a kind not yet seen jumps the queue, so that the bound
    is spent on different pages rather than on the 300th task of one programme."""
    crawl = Crawl()
    fresh: deque[str] = deque(["/"])
    again: deque[str] = deque()
    queued = {"/"}
    patterns: set[str] = set()
    fragment_kinds: set[str] = set()
    while (fresh or again) and len(crawl.visited) < bound:
        url = fresh.popleft() if fresh else again.popleft()
        response = client.get(url)
        crawl.visited[url] = response.status_code
        if response.status_code >= 500:
            crawl.problem(url, f"server error {response.status_code}")
            continue
        if response.status_code in (301, 302):
            target = _internal(url, response["Location"])
            if target and not target.startswith("/accounts/login/") and target not in queued:
                queued.add(target)
                fresh.append(target)
            continue
        if response.status_code != 200:
            # 403/404 for a link the page itself offered is a broken link.
            crawl.problem(url, f"linked page answers {response.status_code}")
            continue
        ctype = response["Content-Type"]
        if not ctype.startswith("text/html"):
            _check_download(crawl, url, response)
            continue
        doc = _check_page(crawl, url, response.content.decode())
        for hx in doc.xpath("//*[@hx-get]/@hx-get"):
            target = _internal(url, hx)
            if target and _pattern(target) not in fragment_kinds:  # one of each kind is enough
                fragment_kinds.add(_pattern(target))
                crawl.fragments.append(target)
                _check_fragment(crawl, target, client.get(target, headers={"HX-Request": "true"}))
        for href in doc.xpath("//a/@href"):
            target = _internal(url, href)
            if target is None or target in queued:
                continue
            if target.startswith(ADMIN_PREFIX) and (not admin_pages or "?" in target):
                continue
            queued.add(target)
            kind = _pattern(target)
            (again if kind in patterns else fresh).append(target)
            patterns.add(kind)
    return crawl


ROLES = ["admin", "leader", "reporter1", "reporter2", "root"]
# The office and a reporter again, with the language switch set to English.
ENGLISH = ["admin@en", "reporter1@en"]
ENGLISH_BOUND = 150


@pytest.fixture(scope="module")
def crawls(demo, django_db_blocker):
    """Each role's walk, done once for the module's tests."""
    from django.test import Client

    out = {}
    with django_db_blocker.unblock():
        for username in ROLES:
            client = Client()
            client.force_login(demo["users"][username])
            out[username] = _crawl(client, admin_pages=username == "root")
        for key in ENGLISH:
            client = Client()
            client.force_login(demo["users"][key.split("@")[0]])
            client.cookies["django_language"] = "en"
            assert 'lang="en"' in client.get("/").content.decode()
            out[key] = _crawl(client, admin_pages=False, bound=ENGLISH_BOUND)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("username", [*ROLES, *ENGLISH])
def test_every_linked_page_renders_cleanly(crawls, username):
    crawl = crawls[username]
    assert len(crawl.visited) > 20, f"{username} reached only {sorted(crawl.visited)}"
    assert not crawl.problems, f"{username}: {len(crawl.problems)} problems\n" + "\n".join(crawl.problems[:80])


# What a read-only leader may still post: its own account, the language and its notifications
# (and the sign-in form, which the public pages link to).
LEADER_WRITES = {"/i18n/setlang/", "/accounts/login/", "/accounts/logout/", "/accounts/password_change/",
                 "/accounts/tokens/", "/supervision/notifications/"}


@pytest.mark.slow
def test_leader_is_offered_no_form_that_changes_programme_data(crawls):
    writes = {(page, action) for page, action in crawls["leader"].post_forms if action not in LEADER_WRITES}
    assert not writes, f"the leader is offered forms that change data: {sorted(writes)}"
    assert crawls["leader"].post_forms, "the check saw no form at all"


def _department_links(urls) -> set[int]:
    found = set()
    for url in urls:
        match = re.match(r"/(?:departments|monitoring/department)/(\d+)/", url)
        if match:
            found.add(int(match.group(1)))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("username", ["reporter1", "reporter2"])
def test_reporter_never_reaches_another_departments_pages(demo, crawls, username, django_db_blocker):
    from ipcity.supervision.models import DepartmentReport

    own = demo["users"][username].profile.department_id
    crawl = crawls[username]
    assert _department_links(crawl.visited) <= {own}
    report_ids = {int(m.group(1)) for url in crawl.visited if (m := re.match(r"/supervision/report/(\d+)/", url))}
    assert report_ids, f"{username} found no report of its own to open"
    with django_db_blocker.unblock():
        departments = set(DepartmentReport.objects.filter(pk__in=report_ids).values_list("department_id", flat=True))
    assert departments == {own}


@pytest.mark.slow
def test_office_reaches_every_area_and_its_downloads(crawls):
    """The walk is only worth something if it reaches the pages: one of each area, downloads included."""
    kinds = {_pattern(url) for url in crawls["admin"].visited}
    for expected in ("/p/N/", "/p/N/matrix/", "/import/N/", "/departments/N/", "/monitoring/program/N/",
                     "/monitoring/program/N/indicator/N/", "/supervision/program/N/",
                     "/supervision/program/N/scorecard/", "/audit/program/N/", "/accounts/users/"):
        assert expected in kinds, f"office never reached {expected}"
    downloads = crawls["admin"].downloads
    assert any(u.endswith("matrix.xlsx") for u in downloads), downloads
    assert crawls["admin"].fragments, "no HTMX fragment was checked"


def test_recorded_instants_are_shown_in_local_time():
    """Audit snapshots keep UTC ISO strings; the trail shows Asia/Shanghai time to the second."""
    from ipcity.audit.selectors import value_shown

    assert value_shown("2026-11-21T19:13:05.797855+00:00") == "2026-11-22 03:13:05"
    assert value_shown("2026-11-21") == "2026-11-21"
    assert value_shown(12.5) == "12.5"
    assert value_shown("T-shirt and more text") == "T-shirt and more text"


@pytest.mark.slow
def test_office_notifications_come_in_pages(demo, client, django_assert_max_num_queries):
    """The demo gives the office hundreds of notices: 50 a page, with a link to the next, each
    naming its programme (the rounds of different programmes share titles), in a few queries."""
    from ipcity.supervision.models import Notification

    client.force_login(demo["users"]["admin"])
    with django_assert_max_num_queries(12):
        first = client.get("/supervision/notifications/")
    page_one = Notification.objects.filter(user=demo["users"]["admin"]).order_by("-created_at", "-id")[:50]
    titles = {n.report.round.program.title for n in page_one if n.report_id}
    assert titles and all(title in first.content.decode() for title in titles)
    doc = lxml.html.document_fromstring(first.content.decode())
    assert len(doc.xpath("//div[contains(@class, 'notification')]")) == 50
    assert doc.xpath("//nav[@class='pager']//a[contains(@href, 'page=2')]")
    second = client.get("/supervision/notifications/?page=2")
    assert second.status_code == 200 and "page=1" in second.content.decode()


def test_audit_codes_are_put_into_words():
    from ipcity.audit.labels import action_label, choice_label, field_label

    assert action_label("supervision.report.submit") == "报送部门报告"
    assert action_label("something.new") == "something.new"  # unknown codes shown as they are
    assert field_label("supervision.departmentreport", "status") == "状态"
    assert field_label("supervision.departmentreport", "updated_at") == "更新时间"
    assert field_label("no.such_model", "status") == "状态"  # a field many models share is named anywhere
    assert field_label("no.such_model", "frobnicate") == "frobnicate"  # an unknown one is shown as it is
    assert choice_label("supervision.departmentreport", "status", "draft") == "草稿"
    assert choice_label("supervision.departmentreport", "status", "no-such-choice") is None


def test_audit_words_on_an_english_page_are_english_or_the_code():
    from django.utils import translation

    from ipcity.audit.labels import ACTION_LABELS, action_label, field_label

    with translation.override("en"):
        for code in ACTION_LABELS:
            shown = action_label(code)
            assert shown == code or not re.search(r"[\u4e00-\u9fff]", shown), (code, shown)
        assert not re.search(r"[\u4e00-\u9fff]", field_label("supervision.departmentreport", "updated_at"))


@pytest.mark.slow
def test_office_reads_the_audit_trail_in_words(demo, client):
    """The trail shows what happened in words and local time; the codes stay beside, small."""
    from ipcity.programs.models import Program

    client.force_login(demo["users"]["admin"])
    program = Program.objects.filter(rounds__reports__status="accepted").distinct().first()
    html = client.get(f"/audit/program/{program.pk}/?action=supervision.report").content.decode()
    assert "通过部门报告" in html and "<code>supervision.report.accept</code>" in html
    assert "<del lang=\"zh\">已报送</del>" in html  # the status choice in words, not "submitted"
    assert not RAW_INSTANT.search(html.split("<tbody>", 1)[1])


@pytest.mark.slow
def test_refused_and_missing_pages_keep_the_layout_and_say_why(demo, client):
    """A reporter sent to an office page, or to a programme it cannot see, gets a page of ours
    (title, navigation, the reason), not the server's bare default."""
    client.force_login(demo["users"]["reporter1"])
    refused = client.get("/accounts/users/")
    assert refused.status_code == 403
    doc = lxml.html.document_fromstring(refused.content.decode())
    assert "无权访问" in doc.findtext(".//title") and doc.xpath("//nav[@class='mainnav']")
    missing = client.get("/p/999999/")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "页面不存在" in html and "项目不存在或无权查看" in html
    assert "页面不存在" in client.get("/no/such/page/").content.decode()


def test_server_error_page_needs_no_context():
    """Django renders 500.html with no context at all (the database may be what failed)."""
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "服务器出错" in html and "<title>" in html


@pytest.mark.slow
def test_demo_counts_whole_things_in_whole_numbers(demo):
    """Sample values of 家/件/项… indicators are whole (9.52 家 looked absurd); ratios keep decimals."""
    from ipcity.monitoring.demo import COUNT_UNITS, RATIO_WORDS
    from ipcity.monitoring.models import IndicatorActual

    demo_values = IndicatorActual.objects.filter(channel="demo").select_related("indicator")
    counted = [a for a in demo_values if a.indicator.unit in COUNT_UNITS
               and not any(w in a.indicator.name for w in RATIO_WORDS)]
    ratios = [a for a in demo_values if a.indicator.unit in COUNT_UNITS and "每万" in a.indicator.name]
    assert counted and ratios
    assert all(a.value == int(a.value) for a in counted), [(a.indicator.name, a.value) for a in counted][:5]
    assert any(a.value != int(a.value) for a in ratios)


def test_a_fields_own_name_reads_in_english_on_an_english_page():
    """A model field's verbose name is a lazy translation: read under English it is already English,
    which the label took for "no English yet" and showed the code (``application_field``) instead of
    “Field of application” (upgrade drill, the audit history of a declaration)."""
    from django.utils import translation

    from ipcity.audit.labels import field_label

    with translation.override("en"):
        assert field_label("transfer.licencedeclaration", "application_field") == "Field of application"
    with translation.override("zh-hans"):
        assert field_label("transfer.licencedeclaration", "application_field") == "应用领域"
