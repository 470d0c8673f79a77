"""Chinese pages are unchanged by the punctuation tags: the same words and marks, byte for byte.

The templates used to write the full-width marks literally (``{% translate "检查结果" %}：``); they now
write ``{% colon %}``, ``{% open_paren %}``, ``|join_semicolons``… so that English gets ASCII marks.
Each page below is rendered in Chinese twice on the same data: once as the templates stand, and once
through a loader that turns every punctuation tag back into the literal mark the template wrote before
(the HEAD rendering, rebuilt). The visible text (and the shown attributes) must be identical, and hold
the full-width marks. (When the tags came in, all 2,602 Chinese (page, role, HTMX) renderings of the
access matrix were also compared once with HEAD's: no difference.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.template.loaders.app_directories import Loader as AppDirectoriesLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader
from django.test import override_settings

from tests.web.access_matrix.conftest import matrix  # noqa: F401  (the shared world, as a fixture)
from tests.web.access_matrix.test_matrix import PATTERNS
from tests.web.access_matrix.world import fetch
from tests.web.test_english_crawl import _path
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db

# What each tag wrote as a literal before it existed (the Chinese form).
LITERAL = {"colon": "：", "semicolon": "；", "full_stop": "。", "comma": "，", "list_comma": "、",
           "open_paren": "（", "close_paren": "）"}
TAG = re.compile(r"\{%\s*(" + "|".join(LITERAL) + r")\s*%\}")
JOINS = {"join_semicolons": '|join:"；"', "join_list": '|join:"、"'}


def as_before(source: str) -> str:
    """A template's source with the punctuation tags written back as the marks they replaced."""
    source = TAG.sub(lambda m: LITERAL[m.group(1)], source)
    for name, literal in JOINS.items():
        source = re.sub(r"\|" + name + r"\b", literal, source)
    return re.sub(r"\{\{\s*([^{}|]+?)\|paren\s*\}\}", r"（{{ \1 }}）", source)


class _LiteralMixin:
    def get_contents(self, origin):
        return as_before(super().get_contents(origin))


class LiteralFilesystemLoader(_LiteralMixin, FilesystemLoader):
    pass


class LiteralAppDirectoriesLoader(_LiteralMixin, AppDirectoriesLoader):
    pass


def _literal_templates() -> list[dict]:
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {**engine["OPTIONS"], "loaders": [f"{__name__}.LiteralFilesystemLoader",
                                                          f"{__name__}.LiteralAppDirectoriesLoader"]}
    return [engine]


class _Visible(HTMLParser):
    SHOWN = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        self.parts += [f"@{name}={value}" for name, value in attrs if name in self.SHOWN and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data)


def visible(html: str) -> str:
    reader = _Visible()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


def test_as_before_writes_the_literal_marks():
    source = ('{% load punctuation %}<h1>{% translate "检查结果" %}{% colon %}x</h1>{{ a|join_semicolons }}'
              '{{ b|join_list }}{% open_paren %}{{ n }}{% close_paren %}{{ year|paren }}{%comma%}{% full_stop %}')
    assert as_before(source) == ('{% load punctuation %}<h1>{% translate "检查结果" %}：x</h1>{{ a|join:"；" }}'
                                 '{{ b|join:"、" }}（{{ n }}）（{{ year }}），。')


# Pages whose templates changed, each holding several of the marks on the matrix world.
ROUTES = ["import/<int:import_id>/", "monitoring/program/<int:program_id>/indicator/<int:indicator_id>/",
          "supervision/program/<int:program_id>/", "supervision/report/<int:report_id>/",
          "protection/statistics/", "p/<int:program_id>/tasks/", "p/<int:program_id>/matrix/",
          "departments/<int:department_id>/", "supervision/notifications/"]


@pytest.fixture(scope="module")
def chinese(matrix):  # noqa: F811
    world, clients = matrix
    office = clients["office_a"]
    office.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    yield world, office
    office.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)


@pytest.mark.parametrize("route", ROUTES)
def test_chinese_page_is_unchanged_by_the_punctuation_tags(chinese, route):
    world, office = chinese
    key = next(key for key, pattern in PATTERNS if pattern == route)
    path = _path(world, key, route)
    status, body, _response = fetch(office, "GET", path)
    with override_settings(TEMPLATES=_literal_templates()):
        status_before, body_before, _response = fetch(office, "GET", path)
    now, before = visible(body.decode()), visible(body_before.decode())
    csrf = re.compile(r'"X-CSRFToken": "[^"]+"')
    assert (status, status_before) == (200, 200)
    assert csrf.sub("", now) == csrf.sub("", before)
    assert re.search(r"[：（）；、，]", now), "a page meant to show the marks shows none"


def test_the_literal_loader_is_the_one_rendering(chinese, english_catalogue):  # noqa: F811
    """Not vacuous: in English the tags write ASCII, the rebuilt HEAD templates the full-width colon."""
    world, office = chinese
    path = _path(world, "programs:matrix", "p/<int:program_id>/matrix/")
    office.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        _status, body, _response = fetch(office, "GET", path)
        with override_settings(TEMPLATES=_literal_templates()):
            _status, body_before, _response = fetch(office, "GET", path)
    finally:
        office.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "Responsibility matrix: Lead" in visible(body.decode())
    assert "Responsibility matrix：Lead" in visible(body_before.decode())
