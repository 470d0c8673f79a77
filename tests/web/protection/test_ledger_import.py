"""The ledger import: dry run, every bad-row reason, all or nothing, the re-import warning, limits."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied

from ipcity.audit.models import AuditEvent
from ipcity.protection.ledger_rows import ledger_date
from ipcity.protection.models import Case, CaseEvent, CaseParty, LedgerImport
from ipcity.protection.services.ledger import (
    LedgerError,
    ledger_import_confirm,
    ledger_import_dry_run,
    previous_imports,
)
from tests.web.protection.ledger_fixtures import ledger_csv, ledger_xlsx

GOOD = [
    ["TL-001", "2024-03-01", "2024-03-04", "纠纷调解", "12330", "铜陵某某科技有限公司", "13812345678", "2024-05-10", "调解成功", "市市场监管局"],
    ["TL-002", "2024/3/5", None, "咨询", "来访", "李四", "0562-1234567", None, None, None],
    ["TL-003", "2024年4月8日", "2024年4月9日", "举报投诉", "网站", "王五", "13900001111", None, None, "市市场监管局"],
]


def _dry(world, data: bytes, name: str = "台账.xlsx") -> LedgerImport:
    return ledger_import_dry_run(user=world.office, data=data, filename=name)


def test_dry_run_writes_no_case_and_confirm_writes_all(ledger_world):
    result = _dry(ledger_world, ledger_xlsx(GOOD))
    assert result.status == LedgerImport.Status.DRY_RUN, result.errors
    assert result.errors == []
    assert [r["row"] for r in result.payload] == [3, 4, 5]  # a title row, the header, then the cases
    assert Case.objects.count() == 0
    first = result.payload[0]
    assert (first["case_type"], first["channel"], first["result"]) == ("mediation", "hotline_12330", "mediated")
    assert first["department_id"] == ledger_world.departments["msj"].pk
    assert result.payload[2]["department_id"] == ledger_world.departments["msj"].pk

    assert ledger_import_confirm(ledger_import=result, user=ledger_world.office) == 3
    cases = {c.channel: c for c in Case.objects.select_related("case_type")}
    mediated = cases["hotline_12330"]
    assert (mediated.status, mediated.source, mediated.region_code) == ("closed", "ledger", "340700")
    assert mediated.accepted_on == dt.date(2024, 3, 4) and mediated.closed_on == dt.date(2024, 5, 10)
    # 120 working days of a mediation counted from the day after 2024-03-04 (Qingming 4–6 April,
    # Labour Day 1–5 May with make-up days 7 April and 11 May...) — computed by the calendar.
    from ipcity.casework.calendar import due_date
    assert mediated.statutory_due == due_date(dt.date(2024, 3, 4), 120)
    assert mediated.review_due == due_date(dt.date(2024, 3, 1), 5)
    assert mediated.enterprise_name == "铜陵某某科技有限公司"
    assert mediated.number.startswith("WQ2024-")
    assert cases["visit"].status == "registered" and cases["website"].status == "assigned"
    assert CaseParty.objects.get(case=cases["visit"]).phone == "0562-1234567"
    events = CaseEvent.objects.filter(step="import")
    assert events.count() == 3 and events.first().data["ledger_number"] in {"TL-001", "TL-002", "TL-003"}
    audits = AuditEvent.objects.filter(action="protection.ledger.import")
    assert audits.count() == 1 and audits.get().after["cases"] == 3
    result.refresh_from_db()
    assert result.status == LedgerImport.Status.CONFIRMED


def test_csv_in_gbk_with_synonym_headers(ledger_world):
    header = ["收件日期", "立案日期", "类型", "来源", "申请人", "电话", "办结日期", "处理结果", "承办单位"]
    rows = [["2024-06-03", "2024-06-04", "快速维权", "展会", "某某贸易有限公司", "13800000000", "2024-06-20", "援助完成", "市科技局"]]
    result = _dry(ledger_world, ledger_csv(rows, header=header, encoding="gb18030"), "台账.csv")
    assert result.errors == [] and result.status == "dry_run"
    assert result.payload[0]["case_type"] == "fast" and result.payload[0]["channel"] == "fair"
    assert ledger_import_confirm(ledger_import=result, user=ledger_world.office) == 1


BAD_ROWS = [
    (["2024-03-01", "2024-03-04", "专利侵权", "来访", "甲", None, None, None], "案件类型", "未知的案件类型“专利侵权”"),
    (["2024-03-01", "2024-03-04", "咨询", "微信", "甲", None, None, None], "来源渠道", "未知的来源渠道“微信”"),
    (["2024-03-01", "2024-03-04", "举报投诉", "来访", "甲", "2024-03-02", "驳回", None], "结案日期",
     "结案日期 2024-03-02 早于受理日期 2024-03-04"),
    (["2024-03-05", "2024-03-04", "举报投诉", "来访", "甲", None, None, None], "受理日期",
     "受理日期 2024-03-04 早于登记日期 2024-03-05"),
    (["2003-03-05", None, "咨询", "来访", "甲", None, None, None], "登记日期", "超出工作日历的范围"),
    (["2024-03-01", "2024-03-04", "举报投诉", "来访", "甲", None, None, "市财政局"], "承办部门", "未知的承办部门“市财政局”"),
    (["2024-02-30", None, "咨询", "来访", "甲", None, None, None], "登记日期", "不是有效日期"),
    (["2024-03-01", "2024-03-04", "举报投诉", "来访", "甲", "2024-04-01", None, None], "结案结果", "结案结果为空"),
    (["2024-03-01", "2024-03-04", "举报投诉", "来访", "甲", "2024-04-01", "和解", None], "结案结果", "未知的结案结果“和解”"),
    (["2024-03-01", "2024-03-04", "咨询", "来访", None, None, None, None], "当事人", "当事人为空"),
]
BAD_HEADER = ["登记日期", "受理日期", "案件类型", "来源渠道", "当事人", "结案日期", "结案结果", "承办部门"]


@pytest.mark.parametrize(("row", "column", "reason"), BAD_ROWS, ids=[r[2][:8] for r in BAD_ROWS])
def test_every_bad_row_is_refused_with_its_row_and_reason(ledger_world, row, column, reason):
    good = ["2024-03-01", "2024-03-04", "咨询", "来访", "乙", None, None, None]
    result = _dry(ledger_world, ledger_xlsx([good, row, good], header=BAD_HEADER))
    assert result.status == LedgerImport.Status.FAILED
    assert result.payload == []
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    assert error["row"] == 4 and error["column"] == column and reason in error["message"]
    with pytest.raises(LedgerError):
        ledger_import_confirm(ledger_import=result, user=ledger_world.office)
    assert Case.objects.count() == 0


def test_a_mistyped_credit_code_is_refused_with_its_row_and_the_right_check(ledger_world):
    # walk 26: a code with one digit wrong had the right shape, was stored, and the firm counted twice
    header = [*BAD_HEADER, "统一社会信用代码"]
    good = ["2024-03-01", "2024-03-04", "维权援助", "来访", "乙", None, None, None, "91340700ma2n00001p"]
    typo = ["2024-03-01", "2024-03-04", "维权援助", "来访", "乙", None, None, None, "91340700MA2N00001Q"]
    result = _dry(ledger_world, ledger_xlsx([good, typo], header=header))
    assert result.status == LedgerImport.Status.FAILED and result.payload == []
    assert [(e["row"], e["column"]) for e in result.errors] == [(4, "统一社会信用代码")]
    assert "“91340700MA2N00001Q”校验位应为P" in result.errors[0]["message"]
    result = _dry(ledger_world, ledger_xlsx([good], header=header))
    assert result.errors == [] and result.payload[0]["enterprise_credit_code"] == "91340700MA2N00001P"


@pytest.mark.parametrize("raw", ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "2024 年 3 月 5 日",
                                 "2024 - 03 - 05", "2024年3月5日 10:30", "2024-03-05 10:30:00", "20240305",
                                 "２０２４－０３－０５", 20240305, 20240305.0, dt.datetime(2024, 3, 5, 9, 0),
                                 dt.date(2024, 3, 5)])
def test_a_ledger_date_in_every_form_offices_write(raw):
    assert ledger_date(raw) == dt.date(2024, 3, 5)


@pytest.mark.parametrize("raw", [45356, 45356.0, "45356", 20240305.5, "无", "-", "2024-02-30", "下周",
                                 float("nan"), float("inf"), True])
def test_a_ledger_refuses_serial_numbers_placeholders_and_impossible_days(raw):
    # 45356 is 2024-03-05 as an Excel serial: a hand-typed ledger never means that.
    with pytest.raises(ValueError):
        ledger_date(raw)


def test_an_empty_ledger_date_is_none():
    assert ledger_date(None) is None


def test_a_due_date_beyond_the_calendar_is_refused(ledger_world, monkeypatch):
    # Real dates (not after today) always have a due date the calendar can count, provisionally
    # past its last notice (casework.calendar.provisional_until); the refusal is for a calendar
    # that cannot count that far, made here by a calendar whose counting ends on 31 July 2024.
    from ipcity.casework import calendar
    from ipcity.protection.services import ledger

    real_due_date = calendar.due_date

    def short_calendar(start, limit, **kwargs):
        due = real_due_date(start, limit, **kwargs)
        if due > dt.date(2024, 7, 31):
            raise calendar.CalendarRangeError(due, dt.date(2004, 1, 1), dt.date(2024, 7, 31))
        return due

    monkeypatch.setattr(ledger.calendar, "due_date", short_calendar)
    rows = [["2024-03-01", "2024-03-04", "咨询", "来访", "甲", None, None, None],
            ["2024-06-03", "2024-06-04", "行政裁决", "来访", "乙", None, None, None]]
    result = _dry(ledger_world, ledger_xlsx(rows, header=BAD_HEADER))
    assert result.status == "failed" and len(result.errors) == 1
    assert result.errors[0]["row"] == 4 and result.errors[0]["column"] == "受理日期"
    assert "超出工作日历的范围（至 2024-07-31）" in result.errors[0]["message"]


def test_missing_required_header_is_named_and_nothing_is_stored(ledger_world):
    header = ["登记日期", "受理日期", "案件类型", "当事人"]
    with pytest.raises(LedgerError, match="缺少必需的列：来源渠道"):
        _dry(ledger_world, ledger_xlsx([["2024-03-01", None, "咨询", "甲"]], header=header))
    with pytest.raises(LedgerError, match="找不到表头行"):
        _dry(ledger_world, ledger_xlsx([["x", "y"]], header=["甲", "乙"]))
    assert LedgerImport.objects.count() == 0


def test_confirm_is_all_or_nothing(ledger_world):
    result = _dry(ledger_world, ledger_xlsx(GOOD))
    # Between the dry run and the confirmation the office retires a case type: the third row's
    # type no longer exists, so no row is written, not even the two before it.
    complaint = ledger_world.types["complaint"]
    complaint.active = False
    complaint.save()
    with pytest.raises(LedgerError, match="第 5 行"):
        ledger_import_confirm(ledger_import=result, user=ledger_world.office)
    assert Case.objects.count() == 0 and CaseEvent.objects.count() == 0 and CaseParty.objects.count() == 0
    result.refresh_from_db()
    assert result.status == LedgerImport.Status.DRY_RUN
    assert not AuditEvent.objects.filter(action="protection.ledger.import").exists()


def test_reimporting_the_same_file_is_warned_and_needs_consent(ledger_world):
    data = ledger_xlsx(GOOD)
    first = _dry(ledger_world, data)
    ledger_import_confirm(ledger_import=first, user=ledger_world.office)
    again = _dry(ledger_world, data, "台账（副本）.xlsx")
    assert [p.pk for p in previous_imports(again)] == [first.pk]
    with pytest.raises(LedgerError, match="同一文件已经导入过"):
        ledger_import_confirm(ledger_import=again, user=ledger_world.office)
    assert Case.objects.count() == 3
    assert ledger_import_confirm(ledger_import=again, user=ledger_world.office, allow_duplicate=True) == 3
    assert Case.objects.count() == 6


def test_only_the_office_of_a_region_imports_and_only_its_own_draft(ledger_world):
    data = ledger_xlsx(GOOD)
    for user in (ledger_world.leader, ledger_world.reporter):
        with pytest.raises(PermissionDenied):
            ledger_import_dry_run(user=user, data=data, filename="台账.xlsx")
    draft = _dry(ledger_world, data)
    with pytest.raises(PermissionDenied):
        ledger_import_confirm(ledger_import=draft, user=ledger_world.other_office)
    # another city's office: 市市场监管局 is not one of its departments
    other = ledger_import_dry_run(user=ledger_world.other_office, data=data, filename="台账.xlsx")
    assert other.status == "failed" and {e["column"] for e in other.errors} == {"承办部门"}


def test_upload_limits_are_checked_before_reading(ledger_world):
    from ipcity.protection.services import ledger

    with pytest.raises(LedgerError, match="大小上限"):
        _dry(ledger_world, b"PK\x03\x04" + b"0" * (ledger.MAX_BYTES + 1))
    with pytest.raises(LedgerError, match="只接受"):
        _dry(ledger_world, ledger_xlsx(GOOD), "台账.pdf")
    with pytest.raises(LedgerError, match="扩展名与内容不符"):
        _dry(ledger_world, ledger_xlsx(GOOD), "台账.csv")
    # A zip whose members declare more than the unpacked limit is refused from its directory alone.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (41 * 1024 * 1024))
    with pytest.raises(LedgerError, match="解压后过大"):
        _dry(ledger_world, bomb.getvalue())
    rows = [["2024-03-01", None, "咨询", "来访", "甲", None, None, None]] * (ledger.MAX_ROWS + 1)
    with pytest.raises(LedgerError, match="行数过多"):
        _dry(ledger_world, ledger_xlsx(rows, header=BAD_HEADER, title=None))
    with pytest.raises(LedgerError, match="行数过多"):
        _dry(ledger_world, ledger_csv(rows, header=BAD_HEADER), "台账.csv")
    assert LedgerImport.objects.count() == 0
