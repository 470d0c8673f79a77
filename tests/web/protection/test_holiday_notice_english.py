"""The holiday-notice pages in English (hostile29): the counts of a preview and of a loaded year
are punctuated in English, and the notice's source (its document number, Chinese by nature) is
data marked ``lang="zh"``. The notice is the AUTHORED 2027 fixture with an invented document
number as its source (see test_holiday_notice_pages.py)."""

from __future__ import annotations

import json

import chinese_calendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ipcity.casework import holiday_notices
from ipcity.protection.calendar_attention import calendar_notice_attention
from tests.web.protection.test_holiday_notice_pages import (  # noqa: F401
    CONFIRM,
    NOTICE_2027,
    PAGE,
    _client,
    _provisional_case,
    _upload,
    notice_dir,
)
from tests.web.test_english_crawl import chinese_left
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.skipif(max(day.year for day in chinese_calendar.holidays) != 2026,
                                reason="written for chinese_calendar 1.11 (known to 2026)")


def test_preview_and_page_speak_english_around_the_notices_source(cases_world, notice_dir, english_catalogue):  # noqa: F811
    notice = holiday_notices.parse_notice(NOTICE_2027.read_text(encoding="utf-8"))
    payload = {**holiday_notices.notice_payload(notice), "source": "国办发明电〔2026〕99号"}
    client = _client(cases_world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    preview = _upload(client, json.dumps(payload, ensure_ascii=False), name="2027.json")
    html = preview.content.decode()
    assert preview.status_code == 200 and "days off" in html
    assert chinese_left(html) == [], chinese_left(html, where=True)
    assert '<span lang="zh">国办发明电〔2026〕99号</span>' in html
    assert client.post(reverse(CONFIRM), {"notice": preview.context["payload"]}).status_code == 302
    page = client.get(reverse(PAGE)).content.decode()
    assert chinese_left(page) == [], chinese_left(page, where=True)


def test_one_case_is_counted_in_the_singular(cases_world, notice_dir, english_catalogue, monkeypatch):  # noqa: F811
    """UX pass 2026-12-07: the home page's reminder and the load's message read “1 open case(s)”."""
    _provisional_case(cases_world, monkeypatch)
    with translation.override("en"):
        detail = calendar_notice_attention(cases_world.office_a)[0].detail
    assert detail.startswith("The deadline of 1 open case is provisionally counted Monday–Friday"), detail
    client = _client(cases_world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    preview = _upload(client, NOTICE_2027.read_text(encoding="utf-8"))
    page = client.post(reverse(CONFIRM), {"notice": preview.context["payload"]}, follow=True).content.decode()
    assert "the due dates of 1 case were recomputed." in page and "case(s)" not in page
