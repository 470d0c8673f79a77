"""Cases whose deadlines run into a year without a holiday notice (provisional, Monday–Friday),
loading the notice (``ipcity cases calendar load``), the recompute and the home page reminder.

The clock is moved with ``timezone.localdate`` (services read it). The 2027 notice is the
AUTHORED fixture tests/casework/fixtures/holidays_2027_authored.csv (not the real notice):
1 January, 6–13 February and 3–5 April off, Saturday 20 February worked.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipcity.audit.models import AuditEvent
from ipcity.casework import calendar, holiday_notices
from ipcity.cli.main import cli
from ipcity.core.contributions import attention_items
from ipcity.protection import services
from ipcity.protection.board import case_board_section
from ipcity.protection.calendar_attention import calendar_notice_attention
from ipcity.protection.models import Case
from ipcity.protection.services.calendar_notices import case_deadlines_recompute
from ipcity.protection.services.ledger import ledger_import_confirm, ledger_import_dry_run
from tests.web.holiday_notice_fixtures import NOTICE_2027
from tests.web.protection.case_fixtures import register
from tests.web.protection.ledger_fixtures import ledger_xlsx

D = dt.date
MARK = "（暂按周一至周五推算）"

pytestmark = pytest.mark.skipif(max(day.year for day in chinese_calendar.holidays) != 2026,
                                reason="written for chinese_calendar 1.11 (known to 2026)")


def _today(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args: day)


def _page(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_accept_today_is_provisional_then_exact_after_loading_2027(cases_world, notices, monkeypatch):
    w = cases_world
    _today(monkeypatch, D(2026, 12, 4))
    case = register(w, received_on=D(2026, 12, 1), case_type="complaint")
    assert case.review_due == D(2026, 12, 8)  # 12/2, 12/3, 12/4, 12/7, 12/8
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2026, 12, 4))
    case.refresh_from_db()
    # 90 working days: 19 in December, then Monday–Friday 21 (Jan) + 20 (Feb) + 30 → 2027-04-09.
    assert case.statutory_due == D(2027, 4, 9) and calendar.is_provisional(case.statutory_due)
    detail = _page(w.office_a, reverse("protection:case", args=[case.pk]))
    assert "2027-04-09" in detail and MARK in detail and "2027年节假日安排尚未载入" in detail
    assert MARK in _page(w.office_a, reverse("protection:cases"))
    reminder = [i for i in attention_items(w.office_a) if i.kind == "protection_holiday_notice"]
    assert [i.title for i in reminder] == ["载入2027年节假日安排"] and reminder[0].detail.startswith("1 件")
    assert not [i for i in attention_items(w.handler) if i.kind == "protection_holiday_notice"]

    result = CliRunner().invoke(cli, ["cases", "calendar", "load", str(NOTICE_2027)])
    assert result.exit_code == 0, result.output
    assert "loaded 2027: 14 holidays, 1 make-up workdays" in result.output
    assert "1 case(s) had their due dates recomputed" in result.output
    case.refresh_from_db()
    # 1/1 (−1), 2/8–2/12 (−5), Saturday 2/20 (+1), Monday 4/5 (−1): 4/12–4/16, 4/19.
    assert case.statutory_due == D(2027, 4, 19) and not calendar.is_provisional(case.statutory_due)
    audit = AuditEvent.objects.get(action="protection.case.deadlines_recompute")
    assert (audit.before["statutory_due"], audit.after["statutory_due"]) == ("2027-04-09", "2027-04-19")
    assert MARK not in _page(w.office_a, reverse("protection:case", args=[case.pk]))
    assert not [i for i in attention_items(w.office_a) if i.kind == "protection_holiday_notice"]
    # A second load of the same year is refused and changes nothing.
    again = CliRunner().invoke(cli, ["cases", "calendar", "load", str(NOTICE_2027)])
    assert again.exit_code == 2 and "已经载入" in again.output


def test_board_due_soon_across_new_year(cases_world, notices, monkeypatch):
    w = cases_world
    _today(monkeypatch, D(2026, 12, 31))
    case = register(w, received_on=D(2026, 12, 29))
    # 12/30, 12/31, Friday 1/1 (provisional: no notice), 1/4, 1/5.
    assert case.review_due == D(2027, 1, 5)
    section = case_board_section(w.office_a, D(2026, 12, 31))
    row = next(r for r in section.rows if case.number in r.title)
    assert "2027-01-05" in str(row.when) and MARK in str(row.when)
    assert "剩 3 个工作日" in row.badge


def test_ledger_rows_running_into_2027_are_accepted(ledger_world, notices, monkeypatch):
    _today(monkeypatch, D(2026, 12, 4))
    rows = [["TL-101", "2026-11-16", "2026-11-18", "纠纷调解", "12330", "铜陵某某科技有限公司", "13812345678",
             None, None, "市市场监管局"],
            ["TL-102", "2003-06-02", None, "咨询", "来访", "李四", "0562-1234567", None, None, None]]
    refused = ledger_import_dry_run(user=ledger_world.office, data=ledger_xlsx(rows), filename="台账.xlsx")
    assert [e["row"] for e in refused.errors] == [4] and "超出" in refused.errors[0]["message"]
    draft = ledger_import_dry_run(user=ledger_world.office, data=ledger_xlsx(rows[:1]), filename="台账.xlsx")
    assert draft.errors == [], draft.errors
    assert ledger_import_confirm(ledger_import=draft, user=ledger_world.office) == 1
    case = Case.objects.get()
    # 120 working days after 2026-11-18: 8 in November (19, 20, 23–27, 30), 23 in December → 31;
    # then Monday–Friday: 21 (Jan) 52, 20 (Feb) 72, 23 (Mar) 95, 22 (Apr) 117, May 3, 4, 5 → 120.
    assert case.statutory_due == D(2027, 5, 5) and calendar.is_provisional(case.statutory_due)


def test_recompute_is_office_only_and_leaves_archived_cases(cases_world, notices, monkeypatch):
    w = cases_world
    _today(monkeypatch, D(2026, 12, 4))
    case = register(w, received_on=D(2026, 12, 1), case_type="complaint")
    services.case_review(user=w.office_a, case_id=case.pk, accept=True, on=D(2026, 12, 4))
    archived = register(w, received_on=D(2026, 12, 2), case_type="complaint")
    Case.objects.filter(pk=archived.pk).update(status="archived", statutory_due=D(2027, 4, 9))
    with pytest.raises(PermissionDenied):
        case_deadlines_recompute(user=w.handler)
    assert case_deadlines_recompute(user=w.office_a) == 0  # nothing moved yet
    holiday_notices.load_notice_file(NOTICE_2027, notices)
    assert case_deadlines_recompute(user=w.office_b) == 0  # another city's office: not its case
    assert case_deadlines_recompute(user=w.office_a) == 1
    assert Case.objects.get(pk=archived.pk).statutory_due == D(2027, 4, 9)
    assert Case.objects.get(pk=case.pk).statutory_due == D(2027, 4, 19)


def test_reminder_starts_45_days_before_the_known_range_ends(cases_world, notices):
    w = cases_world
    assert calendar_notice_attention(w.office_a, today=D(2026, 11, 15)) == []  # 46 days before 12/31
    items = calendar_notice_attention(w.office_a, today=D(2026, 11, 16))  # 45 days
    assert [(i.title, i.level) for i in items] == [("载入2027年节假日安排", "blue")]
    # says who loads it and where (found by the empty-installation field test): the office asks the
    # site admin, who loads it on the page the item opens
    assert "请系统管理员在“节假日安排”页载入" in items[0].detail
    assert items[0].url == reverse("protection:holidays")
    for_admin = calendar_notice_attention(w.admin, today=D(2026, 11, 16))
    assert "预览后载入" in for_admin[0].detail and for_admin[0].url == reverse("protection:holidays")
    assert calendar_notice_attention(w.leader_a, today=D(2026, 12, 20)) == []
    assert calendar_notice_attention(w.handler, today=D(2026, 12, 20)) == []


def test_command_reads_a_gbk_notice_and_refuses_oversize_or_binary_files(db, notices, tmp_path):
    """The command reads a file as the page reads an upload (``core.uploads.text_check``): a notice
    saved as GBK by a Chinese Excel loads; a file over the size limit is refused before it is read,
    and one with control bytes is refused by line; neither stores anything."""
    text = NOTICE_2027.read_text(encoding="utf-8")
    commented = "# 国务院办公厅关于2027年部分节假日安排的通知（自拟）\n" + text
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"#" * (holiday_notices.MAX_NOTICE_BYTES + 1))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(text.encode("utf-8") + b"2027-10-01,holi\x00day\n")
    for path, message in ((huge, "文件过大"), (binary, "控制字符")):
        refused = CliRunner().invoke(cli, ["cases", "calendar", "load", str(path)])
        assert refused.exit_code == 2 and message in refused.output, refused.output
        assert 2027 not in calendar.loaded_notices() and not list(notices.glob("*.json"))

    gbk = tmp_path / "notice-gbk.csv"
    gbk.write_bytes(commented.encode("gbk"))
    result = CliRunner().invoke(cli, ["cases", "calendar", "load", str(gbk)])
    assert result.exit_code == 0, result.output
    assert "loaded 2027: 14 holidays, 1 make-up workdays" in result.output
    assert (notices / "2027.json").exists()
