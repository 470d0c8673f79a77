"""The pages: filling in, the second editor's conflict, review, notifications and the nav count."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from ipcity.supervision.models import ReportStatus
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

from .factories import add_users, fill_report, make_program

pytestmark = pytest.mark.django_db


def _form(report, *, version, done, status="on_track", progress="60", action="save"):
    data = {"version": str(version), "summary": "总体", "action": action}
    for line in report.task_lines.all():
        data |= {f"line-{line.task_id}-status": status, f"line-{line.task_id}-progress": progress,
                 f"line-{line.task_id}-done": done, f"line-{line.task_id}-reason": "", f"line-{line.task_id}-remedy": ""}
    for value in report.indicator_values.all():
        data |= {f"value-{value.indicator_id}-value": "3.5", f"value-{value.indicator_id}-source": "统计局"}
    return data


def test_second_editor_is_told_and_keeps_their_input(world, report0):
    first, second = Client(), Client()
    first.force_login(world.users["reporter"])
    second.force_login(world.users["head"])
    opened = report0.version  # both opened the form at this version
    assert first.post(f"/supervision/report/{report0.id}/fill/", _form(report0, version=opened, done="甲的内容")).status_code == 302
    response = second.post(f"/supervision/report/{report0.id}/fill/", _form(report0, version=opened, done="乙的内容"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "已被 reporter" in html and "您的内容尚未保存" in html
    assert "乙的内容</textarea>" in html          # their input, shown back in the form
    assert "甲的内容" in html                      # and what the other person saved, beside it
    report0.refresh_from_db()
    assert report0.task_lines.first().done == "甲的内容"
    # Saving again from the conflict page (it carries the new version) goes through.
    again = second.post(f"/supervision/report/{report0.id}/fill/", _form(report0, version=report0.version, done="乙的内容"))
    assert again.status_code == 302
    assert report0.task_lines.first().done == "乙的内容"


def test_submit_from_the_form_and_office_review(world, report0):
    reporter, office = Client(), Client()
    reporter.force_login(world.users["reporter"])
    office.force_login(world.users["office"])
    incomplete = reporter.post(f"/supervision/report/{report0.id}/fill/",
                               _form(report0, version=report0.version, done="", status="behind", action="submit"))
    assert incomplete.status_code == 400 and "滞后原因和整改措施" in incomplete.content.decode()
    report0.refresh_from_db()
    reporter.post(f"/supervision/report/{report0.id}/fill/", _form(report0, version=report0.version, done="做了", action="submit"))
    report0.refresh_from_db()
    assert report0.status == ReportStatus.SUBMITTED and report0.indicator_values.get().value == 3.5
    office.post(f"/supervision/report/{report0.id}/review/", {"action": "return", "comment": "请补充佐证"})
    report0.refresh_from_db()
    assert report0.status == ReportStatus.RETURNED
    page = reporter.get(f"/supervision/report/{report0.id}/").content.decode()
    assert "请补充佐证" in page and 'data-testid="unread-count"' in page


def test_notifications_page_and_mark_read(world, report0):
    from ipcity.supervision.services import office_review, report_filling

    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    office_review.report_return(report=report, user=world.users["office"], comment="补充")
    client = Client()
    client.force_login(world.users["reporter"])
    page = client.get("/supervision/notifications/").content.decode()
    assert "报告被退回" in page and re.search(r'data-testid="unread-count"[^>]*>1</span>', page)
    client.post("/supervision/notifications/")
    assert 'data-testid="unread-count"' not in client.get("/supervision/notifications/").content.decode()


def test_office_creates_round_and_sees_board(db, monkeypatch):
    # 1 October 2026 is a holiday of a published calendar year (to 8 October): a 2024–2026 plan.
    # Today is pinned before it, as the form refuses a due date already past.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2026, 9, 20))
    world = add_users(make_program(start_year=2024, end_year=2026))
    client = Client()
    client.force_login(world.users["office"])
    response = client.post(f"/supervision/program/{world.program.id}/rounds/new/", {"title": "国庆专项", "due": "2026-10-01"})
    assert response.status_code == 302
    board = client.get(response["Location"]).content.decode()
    assert "国庆专项" in board and "2026-10-08" in board and "遇节假日顺延" in board


def test_my_reports_for_reporter_and_office(world, report0):
    client = Client()
    client.force_login(world.users["reporter"])
    assert report0.round.title in client.get("/supervision/reports/").content.decode()
    client.force_login(world.users["office"])
    assert "暂无报告" in client.get("/supervision/reports/").content.decode()  # nothing waiting for review yet


def test_english_notifications_mark_the_programme_and_the_user_name_as_chinese_data(world, report0,
                                                                                  english_catalogue):  # noqa: F811
    """The group heading is the programme's title and the header shows the user's Chinese name:
    both data, so an English page marks them lang="zh" (the demo's 示例市知识产权局 showed bare)."""
    from ipcity.supervision.services import office_review, report_filling
    from tests.web.test_english_crawl import chinese_left

    world.users["reporter"].profile.display_name = "市科技局填报员"
    world.users["reporter"].profile.save()
    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    office_review.report_return(report=report, user=world.users["office"], comment="补充")
    client = Client()
    client.force_login(world.users["reporter"])
    client.cookies["django_language"] = "en"
    html = client.get("/supervision/notifications/").content.decode()
    assert world.program.title in html and "市科技局填报员" in html
    assert chinese_left(html, where=True) == []


def test_english_home_marks_the_offices_comment_on_a_returned_report_as_chinese_data(world, report0,
                                                                                    english_catalogue):  # noqa: F811
    """Walk 24: the reporter's to-do list read "Office comments: 请补充量化成效和佐证材料。；Due …"
    with the office's words (data) outside lang="zh"; and a comment is escaped, never markup."""
    from ipcity.supervision.services import office_review, report_filling
    from tests.web.test_english_crawl import chinese_left

    fill_report(report0)
    report = report_filling.report_submit(report=report0, user=world.users["reporter"])
    office_review.report_return(report=report, user=world.users["office"], comment="请补充佐证<b>材料</b>")
    client = Client()
    client.force_login(world.users["reporter"])
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert '<span lang="zh">请补充佐证&lt;b&gt;材料&lt;/b&gt;</span>; Due ' in html  # not "；Due"
    assert chinese_left(html, where=True) == []
    client.cookies["django_language"] = "zh-hans"
    assert "办公室意见：<span lang=\"zh\">请补充佐证&lt;b&gt;材料&lt;/b&gt;</span>" in client.get("/").content.decode()
    # a comment that ends its sentence: no 。； before the due date
    report_filling.report_submit(report=report, user=world.users["reporter"])
    office_review.report_return(report=report, user=world.users["office"], comment="请补充量化成效。")
    page = client.get("/").content.decode()
    assert '<span lang="zh">请补充量化成效</span>；截止' in page and "。；" not in page


def test_a_submitted_reports_values_carry_their_unit(world, report0):
    """The office reviews the values with their units and as figures (12.0 read “12”, without 件)."""
    from ipcity.supervision.services import report_filling

    fill_report(report0)
    report0.indicator_values.update(value=12.0)
    report_filling.report_submit(report=report0, user=world.users["reporter"])
    client = Client()
    client.force_login(world.users["office"])
    html = client.get(f"/supervision/report/{report0.id}/").content.decode()
    table = html[html.index('id="values"'):]
    row = table[:table.index("</tr>", table.index("<tbody"))]
    assert '每万人口高价值发明专利拥有量</span>（<span lang="zh">件</span>）' in row
    assert '<td class="num">12</td>' in row
