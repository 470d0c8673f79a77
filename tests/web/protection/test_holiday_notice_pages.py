"""The holiday-notice page (节假日安排): the office reads the known years, the site admin types in
or uploads a year's notice, previews it (nothing written) and loads it.

The 2027 notice is the AUTHORED fixture tests/casework/fixtures/holidays_2027_authored.csv (not
the real notice): 1–3 January, 6–13 February and 3–5 April off, Saturday 20 February worked. Every
test gets its own data directory (``settings.DATA_DIR`` under pytest's tmp_path): nothing is
written into a shared one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path

import chinese_calendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.casework import calendar, holiday_notices
from ipcity.protection import services
from ipcity.protection.models import Case, HolidayNoticeLoad
from tests.web.holiday_notice_fixtures import NOTICE_2027
from tests.web.protection.case_fixtures import register

D = dt.date

pytestmark = pytest.mark.skipif(max(day.year for day in chinese_calendar.holidays) != 2026,
                                reason="written for chinese_calendar 1.11 (known to 2026)")

PAGE = "protection:holidays"
PREVIEW = "protection:holidays_preview"
CONFIRM = "protection:holidays_confirm"


@pytest.fixture
def notice_dir(settings, tmp_path):
    """This test's own data directory, the app's notice directory in it; the previous restored."""
    previous = calendar.notice_dir()
    settings.DATA_DIR = tmp_path / "data"
    directory = settings.DATA_DIR / "reference" / "holidays"
    calendar.set_notice_dir(directory)
    yield directory
    calendar.set_notice_dir(previous)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, text: str, *, name: str = "2027.csv", replace: bool = False):
    data = {"mode": "file", "file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")}
    if replace:
        data["replace"] = "on"
    return client.post(reverse(PREVIEW), data)


def _provisional_case(w, monkeypatch) -> Case:
    """Accepted on Friday 2026-12-04: 90 working days, Monday–Friday into 2027 → 2027-04-09."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2026, 12, 4))
    case = register(w, received_on=D(2026, 12, 1), case_type="complaint")
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2026, 12, 4))
    case.refresh_from_db()
    assert case.statutory_due == D(2027, 4, 9) and calendar.is_provisional(case.statutory_due)
    return case


def _nothing_written(directory: Path) -> None:
    assert not directory.exists() or list(directory.iterdir()) == []
    assert not HolidayNoticeLoad.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["protection.holiday_notice.load",
                                                     "protection.case.deadlines_recompute"]).exists()
    assert calendar.supported_range()[1] == D(2026, 12, 31)


def test_the_office_reads_the_years_and_only_the_site_admin_gets_the_forms(cases_world, notice_dir):
    w = cases_world
    page = _client(w.office_a).get(reverse(PAGE))
    assert page.status_code == 200
    text = page.content.decode()
    assert "2004-01-01 至 2026-12-31" in text and "2027-01-01 至 2027-12-31" in text  # known; provisional
    assert reverse(PREVIEW) not in text and "请联系系统管理员" in text
    admin_page = _client(w.admin).get(reverse(PAGE)).content.decode()
    assert reverse(PREVIEW) in admin_page and 'name="spring_days"' in admin_page and 'type="file"' in admin_page
    for user in (w.leader_a, w.handler):
        assert _client(user).get(reverse(PAGE)).status_code == 403
    anonymous = Client().get(reverse(PAGE))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    # linked from the case list, where the office finds the site-wide case settings
    assert reverse(PAGE) in _client(w.admin).get(reverse("protection:cases")).content.decode()


def test_loading_is_the_site_admins_alone(cases_world, notice_dir):
    w = cases_world
    payload = json.dumps(holiday_notices.notice_payload(
        holiday_notices.parse_notice(NOTICE_2027.read_text(encoding="utf-8"))))
    for user in (w.office_a, w.office_b, w.leader_a, w.handler):
        client = _client(user)
        assert _upload(client, NOTICE_2027.read_text(encoding="utf-8")).status_code == 403
        assert client.post(reverse(CONFIRM), {"notice": payload}).status_code == 403
    refused = Client().post(reverse(CONFIRM), {"notice": payload})
    assert refused.status_code == 302 and "login" in refused["Location"]
    _nothing_written(notice_dir)


def test_a_bad_csv_is_named_by_its_line_and_changes_nothing(cases_world, notice_dir):
    client = _client(cases_world.admin)
    bad = "# 2027\ndate,kind\n2027-01-01,holiday\n2027-02-19,workday\n"
    response = _upload(client, bad)
    assert response.status_code == 400
    assert "2027.csv：第 4 行：2027-02-19 是工作日（周一至周五），无需列为调休上班日" in response.content.decode()
    response = _upload(client, "date,kind\n2027-01-01,holiday\n2027-13-01,holiday\n")
    assert response.status_code == 400 and "第 3 行：“2027-13-01”不是有效日期" in response.content.decode()
    _nothing_written(notice_dir)


def test_a_typed_field_is_named_in_chinese(cases_world, notice_dir):
    client = _client(cases_world.admin)
    response = client.post(reverse(PREVIEW), {"mode": "typed", "year": "2027", "spring_days": "2月6日至13日",
                                              "spring_workdays": "2月19日"})
    assert response.status_code == 400
    assert "春节调休上班日：2027-02-19 是工作日" in response.content.decode()
    response = client.post(reverse(PREVIEW), {"mode": "typed", "year": "2027", "new_year_days": "1月1日至3日",
                                              "spring_days": "1月3日至1月5日"})
    assert response.status_code == 400
    assert "春节放假日期：2027-01-03 重复（另见元旦放假日期）" in response.content.decode()
    _nothing_written(notice_dir)


def test_the_preview_shows_the_dates_and_the_moves_and_writes_nothing(cases_world, notice_dir, monkeypatch):
    w = cases_world
    case = _provisional_case(w, monkeypatch)
    response = _upload(_client(w.admin), NOTICE_2027.read_text(encoding="utf-8"))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-date="2027-02-20" data-kind="workday"' in text and 'data-date="2027-02-08" data-kind="holiday"' in text
    assert response.context["moved"] == 1 and "1 件在办案件的期限将随之调整" in text
    assert case.number in text and "2027-04-09" in text and "2027-04-19" in text
    _nothing_written(notice_dir)
    case.refresh_from_db()
    assert case.statutory_due == D(2027, 4, 9) and calendar.is_provisional(case.statutory_due)


def test_typing_the_notice_gives_the_same_notice_as_the_file(cases_world, notice_dir):
    response = _client(cases_world.admin).post(reverse(PREVIEW), {
        "mode": "typed", "year": "2027", "source": "AUTHORED 测试用",
        "new_year_days": "2027-01-01 至 2027-01-03", "spring_days": "2月6日至13日",
        "spring_workdays": "2月20日（星期六）", "qingming_days": "4月3日至5日"})
    assert response.status_code == 200
    from_file = holiday_notices.parse_notice(NOTICE_2027.read_text(encoding="utf-8"))
    typed = response.context["notice"]
    assert (typed.year, typed.holidays, typed.workdays) == (2027, from_file.holidays, from_file.workdays)
    assert typed.source == "AUTHORED 测试用"
    _nothing_written(notice_dir)


TYPED_2027 = {"mode": "typed", "year": "2027", "source": "国办发明电〔2026〕AUTHORED号",
              "new_year_days": "2027-01-01 至 2027-01-03", "spring_days": "2月6日至13日",
              "spring_workdays": "2月20日（星期六）", "qingming_days": "4月3日至5日"}


def _hidden_fields(html: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html)}


def test_back_to_edit_brings_the_typed_notice_back(cases_world, notice_dir):
    """The preview's 返回修改 posts what was typed back to the form (a plain link lost it: the office
    retyped seven holidays to change one date); nothing is checked or written on the way back."""
    client = _client(cases_world.admin)
    preview = client.post(reverse(PREVIEW), TYPED_2027 | {"replace": "on"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert re.search(r'<button type="submit" name="edit" value="1" formaction="%s">返回修改</button>' % reverse(PREVIEW), html)
    carried = _hidden_fields(html)
    assert {key: carried[key] for key in TYPED_2027 if key != "mode"} == {k: v for k, v in TYPED_2027.items() if k != "mode"}
    back = client.post(reverse(PREVIEW), carried | {"edit": "1"})
    assert back.status_code == 200 and back.templates[0].name == "protection/holidays.html"
    page = back.content.decode()
    for name in ("source", "new_year_days", "spring_days", "spring_workdays", "qingming_days"):
        assert f'value="{TYPED_2027[name]}"' in page, name
    assert 'value="2027"' in page and 'id="typed-replace" checked' in page
    assert 'role="alert"' not in page  # the way back is not a submission: no message
    _nothing_written(notice_dir)
    # An uploaded file cannot be sent back: its preview links to the upload form instead.
    from_file = _upload(client, NOTICE_2027.read_text(encoding="utf-8")).content.decode()
    assert 'name="edit"' not in from_file and f'href="{reverse(PAGE)}?form=file#file-form"' in from_file
    assert '<details id="file-form" open>' in client.get(reverse(PAGE) + "?form=file").content.decode()


def test_a_typed_mistake_sits_by_its_field_and_is_announced(cases_world, notice_dir):
    client = _client(cases_world.admin)
    response = client.post(reverse(PREVIEW), TYPED_2027 | {"spring_workdays": "2月19日"})
    html = response.content.decode()
    assert response.status_code == 400
    assert re.search(r'<div class="error" role="alert" id="id_spring_workdays_error"><span lang="zh">春节调休上班日：2027-02-19 是工作日', html)
    field = re.search(r'<input[^>]*id="id_spring_workdays"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_spring_workdays_error"' in field
    assert 'aria-invalid' not in re.search(r'<input[^>]*id="id_spring_days"[^>]*>', html).group(0)
    # A message that names no field (the year is already known) stays above the form.
    known = client.post(reverse(PREVIEW), {"mode": "typed", "year": "2026", "spring_days": "2月16日至22日"}).content.decode()
    assert re.search(r'<p class="error" role="alert"><span lang="zh">2026 年', known)
    assert "aria-invalid" not in known


def test_confirm_stores_the_notice_and_moves_the_provisional_case(cases_world, notice_dir, monkeypatch):
    w = cases_world
    case = _provisional_case(w, monkeypatch)
    client = _client(w.admin)
    preview = _upload(client, NOTICE_2027.read_text(encoding="utf-8"))
    response = client.post(reverse(CONFIRM), {"notice": preview.context["payload"]})
    assert response.status_code == 302 and response["Location"] == reverse(PAGE)
    assert json.loads((notice_dir / "2027.json").read_text(encoding="utf-8"))["workdays"] == ["2027-02-20"]
    case.refresh_from_db()
    # 1/1 (−1), 2/8–2/12 (−5), Saturday 2/20 (+1), Monday 4/5 (−1): 4/12–4/16, 4/19.
    assert case.statutory_due == D(2027, 4, 19) and not calendar.is_provisional(case.statutory_due)
    load = HolidayNoticeLoad.objects.get()
    assert (load.year, load.created_by, load.cases_moved, load.via, load.replaced) == (2027, w.admin, 1, "web", False)
    assert AuditEvent.objects.get(action="protection.holiday_notice.load").actor == w.admin
    recompute = AuditEvent.objects.get(action="protection.case.deadlines_recompute")
    assert (recompute.actor, recompute.after["statutory_due"]) == (w.admin, "2027-04-19")
    page = client.get(reverse(PAGE)).content.decode()
    assert "已载入2027年节假日安排；1 件案件的期限已重算" in page
    assert "2004-01-01 至 2027-12-31" in page and "1 件案件期限变动" in page


def test_a_known_year_needs_the_replace_box_and_the_preview_warns(cases_world, notice_dir):
    client = _client(cases_world.admin)
    text = NOTICE_2027.read_text(encoding="utf-8")
    client.post(reverse(CONFIRM), {"notice": _upload(client, text).context["payload"]})
    again = _upload(client, text)
    assert again.status_code == 400 and "2027 年的节假日安排已经载入；确需覆盖请勾选“覆盖已有年份”" in again.content.decode()
    replacing = _upload(client, text.replace("2027-04-05,holiday\n", ""), replace=True)
    assert replacing.status_code == 200 and "将覆盖此前载入的 2027 年安排" in replacing.content.decode()
    assert client.post(reverse(CONFIRM), {"notice": replacing.context["payload"]}).status_code == 400  # no box
    assert client.post(reverse(CONFIRM), {"notice": replacing.context["payload"], "replace": "1"}).status_code == 302
    assert calendar.is_working_day(D(2027, 4, 5))  # the replacement keeps Monday 5 April worked
    assert list(HolidayNoticeLoad.objects.values_list("replaced", flat=True)) == [True, False]


def test_a_tampered_confirm_is_checked_again(cases_world, notice_dir):
    client = _client(cases_world.admin)
    bad = json.dumps({"year": 2027, "holidays": ["2027-01-01", "2028-01-03"], "workdays": []})
    response = client.post(reverse(CONFIRM), {"notice": bad})
    assert response.status_code == 400 and "holidays[1]：2028-01-03 不在 2027 年内" in response.content.decode()
    assert client.post(reverse(CONFIRM), {"notice": '{"year": 2029, "holidays": ["2029-01-01"], '
                                                    '"workdays": []}'}).status_code == 400  # a gap
    _nothing_written(notice_dir)
