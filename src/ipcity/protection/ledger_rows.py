"""An office's case ledger (台账) read into checked rows: headers as offices write them, cells typed.

Offices keep their ledgers in their own column order and words (登记日期 or 收件日期, 当事人 or
申请人); each column is recognised by its header through ``HEADERS`` (a canonical field → the
words offices use for it, compared after width folding and without spaces or brackets). Missing
required columns are named; columns not recognised are listed so the office sees what is ignored.

This module reads and checks one row at a time against the vocabularies of
``ipcity.casework.workflow`` and the calendar's range; what needs the database (case types as the
office configured them, departments of the region) is passed in as lookups by the service
(``services/ledger.py``), which writes nothing until every row has passed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ipcity.analytics import cell_values
from ipcity.casework import workflow
from ipcity.core.templatetags.punctuation import list_comma
from ipcity.credit_codes import credit_code_problem, normalise_credit_code
from ipcity.text import fold_width

# field → header words (the first is the one the export writes). Order = the export's columns.
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("案件编号", "编号", "案号", "登记编号"),
    "received_on": ("登记日期", "收件日期", "接收日期", "来件日期", "收案日期", "登记时间"),
    "case_type": ("案件类型", "类型", "案件类别", "业务类型"),
    "channel": ("来源渠道", "来源", "渠道", "案件来源", "受理渠道"),
    "ip_kind": ("知识产权类型", "权利类型", "涉及权利", "知识产权类别"),
    "subject": ("案由", "事由", "案件名称", "标题", "诉求"),
    "summary": ("案情摘要", "简要案情", "摘要", "基本案情"),
    "claimant": ("当事人", "申请人", "请求人", "投诉人", "举报人", "咨询人"),
    "claimant_kind": ("当事人类型", "申请人类型", "主体类型"),
    "contact_person": ("联系人",),
    "phone": ("联系电话", "电话", "手机", "手机号码", "联系方式"),
    "respondent": ("被申请人", "被请求人", "被投诉人", "被举报人", "对方当事人"),
    "enterprise_credit_code": ("统一社会信用代码", "信用代码", "社会信用代码"),
    "accepted_on": ("受理日期", "立案日期", "受理时间"),
    "department": ("承办部门", "承办单位", "办理部门", "承办处室"),
    "closed_on": ("结案日期", "办结日期", "结案时间", "办结时间"),
    "result": ("结案结果", "办理结果", "处理结果", "结案方式", "结果"),
    "closure_note": ("结案说明", "备注", "办理情况"),
}
REQUIRED = ("received_on", "case_type", "channel", "claimant")
LABELS = {key: words[0] for key, words in HEADERS.items()}

# Words offices use for a channel or a result besides the vocabulary's labels.
CHANNEL_WORDS = {"12330": "hotline_12330", "12330热线": "hotline_12330", "热线": "hotline_12330",
                 "电话": "hotline_12330", "来电": "hotline_12330", "来访": "visit", "窗口": "visit",
                 "来信": "letter", "信函": "letter", "网站": "website", "网上": "website", "网络": "website",
                 "展会": "fair", "法院委托": "court_referral", "法院": "court_referral", "诉调对接": "court_referral",
                 "部门移交": "agency_referral", "移交": "agency_referral", "部门移送": "agency_referral"}
RESULT_WORDS = {"调解成功": "mediated", "达成调解": "mediated", "调解不成": "mediation_failed",
                "调解失败": "mediation_failed", "未达成调解": "mediation_failed", "撤回": "withdrawn",
                "撤诉": "withdrawn", "移送": "transferred", "驳回": "dismissed", "不予支持": "dismissed",
                "裁决": "ruled", "援助完成": "assisted", "已答复": "answered", "答复": "answered",
                "中止终结": "terminated", "终结": "terminated", "终止": "terminated"}
PARTY_KIND_WORDS = {"企业": "enterprise", "公司": "enterprise", "个人": "individual", "自然人": "individual",
                    "机构": "organisation", "组织": "organisation", "社会组织": "organisation", "高校": "organisation"}
_ENTERPRISE_ENDINGS = ("公司", "企业", "厂", "集团", "合作社", "商行", "经营部", "工作室", "事务所")
_NOISE = re.compile(r"[\s（）()\[\]【】:：*＊]+")

MAX_TEXT = {"number": 32, "subject": 255, "claimant": 255, "respondent": 255, "contact_person": 64,
            "phone": 32, "enterprise_credit_code": 18}


class LedgerUnreadable(ValueError):
    """The file as a whole cannot be read as a ledger (no header row, a required column missing)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Lookups:
    """What a row is checked against: case type and department names → ids, the calendar's range."""

    case_types: dict[str, tuple[int, str]]  # code and name (folded) → (CaseType id, code)
    departments: Callable[[str], int | None]  # a department's name as written → its id in the region
    calendar_range: tuple[dt.date, dt.date]
    today: dt.date


@dataclass
class CheckedRows:
    rows: list[dict[str, Any]] = field(default_factory=list)  # JSON-safe, ready to write
    errors: list[dict[str, Any]] = field(default_factory=list)  # {row, column, message}
    ignored_headers: list[str] = field(default_factory=list)


def header_key(text: object) -> str:
    return _NOISE.sub("", fold_width(str(text or ""))).strip()


_WORD_TO_FIELD = {header_key(word): key for key, words in HEADERS.items() for word in words}


def csv_rows(text: str) -> list[tuple[int, tuple]]:
    """A CSV's non-empty lines as ``(line number, cells)``, like ``spreadsheets.read_sheet``'s rows."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    out = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if any(c.strip() for c in cells):
            out.append((number, tuple(cells)))
    return out


def locate_columns(rows: list[tuple[int, tuple]]) -> tuple[int, dict[str, int], list[str]]:
    """(index of the header row in ``rows``, field → column index, headers not recognised).

    The header row is the first of the first ten rows that names at least two fields (a title row
    above it, as offices put one, is skipped)."""
    for index, (_number, values) in enumerate(rows[:10]):
        columns: dict[str, int] = {}
        ignored: list[str] = []
        for position, value in enumerate(values):
            key = _WORD_TO_FIELD.get(header_key(value))
            if key is not None and key not in columns:
                columns[key] = position
            elif value is not None and str(value).strip():
                ignored.append(str(value).strip())
        if len(columns) >= 2:
            missing = [LABELS[k] for k in REQUIRED if k not in columns]
            if missing:
                raise LedgerUnreadable(_("台账缺少必需的列：%(columns)s（可用的列名见“台账导入说明”）")
                                       % {"columns": list_comma().join(missing)})
            return index, columns, ignored
    raise LedgerUnreadable(_("找不到表头行：前 10 行中没有“登记日期”“案件类型”“来源渠道”“当事人”等列名"))


def check_rows(rows: list[tuple[int, tuple]], lookups: Lookups) -> CheckedRows:
    """Every data row checked; each problem with its sheet row number and a Chinese reason."""
    header_index, columns, ignored = locate_columns(rows)
    out = CheckedRows(ignored_headers=ignored)
    for number, values in rows[header_index + 1:]:
        cells = {key: _cell(values, position) for key, position in columns.items()}
        if all(v is None for v in cells.values()):
            continue
        problems: list[tuple[str, str]] = []
        row = _row(cells, lookups, problems)
        for column, message in problems:
            out.errors.append({"row": number, "column": LABELS.get(column, column), "message": message})
        if not problems:
            row["row"] = number
            out.rows.append(row)
    return out


def _cell(values: tuple, position: int) -> object:
    value = values[position] if position < len(values) else None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed as a number
    return fold_width(str(value)).strip()


def ledger_date(value: object) -> dt.date | None:
    """A ledger's date: an Excel date, 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305.

    The patent importers' reading (``cell_values.parse_date``) without Excel serials: a ledger is
    typed by hand, so a bare number is a date only as 20240305. ``ValueError`` for anything else,
    a day that does not exist, and a placeholder such as “无” or “-” (a ledger's date is either
    written or left empty)."""
    day = cell_values.parse_date(value, serials=False)
    if day is None and value is not None and _text(value):
        raise ValueError(_text(value))
    return day


def _row(cells: dict[str, object], lookups: Lookups, problems: list[tuple[str, str]]) -> dict[str, Any]:
    def problem(column: str, message: str) -> None:
        problems.append((column, message))

    dates: dict[str, dt.date | None] = {}
    first, last = lookups.calendar_range
    for key in ("received_on", "accepted_on", "closed_on"):
        try:
            day = ledger_date(cells.get(key))
        except ValueError:
            problem(key, _("“%(value)s”不是有效日期（应为 2024-03-05 或 2024年3月5日）") % {"value": _text(cells.get(key))})
            day = None
        else:
            if day is not None and not first <= day <= last:
                problem(key, _("日期 %(day)s 超出工作日历的范围（%(first)s 至 %(last)s），无法计算办理期限")
                        % {"day": day.isoformat(), "first": first.isoformat(), "last": last.isoformat()})
                day = None
            if day is not None and day > lookups.today:
                problem(key, _("日期 %(day)s 晚于今天") % {"day": day.isoformat()})
                day = None
        dates[key] = day
    received, accepted, closed = dates["received_on"], dates["accepted_on"], dates["closed_on"]
    if cells.get("received_on") is None:
        problem("received_on", _("登记日期为空"))
    if accepted and received and accepted < received:
        problem("accepted_on", _("受理日期 %(accepted)s 早于登记日期 %(received)s")
                % {"accepted": accepted.isoformat(), "received": received.isoformat()})
    if closed and accepted and closed < accepted:
        problem("closed_on", _("结案日期 %(closed)s 早于受理日期 %(accepted)s")
                % {"closed": closed.isoformat(), "accepted": accepted.isoformat()})
    if closed and received and not accepted and closed < received:
        problem("closed_on", _("结案日期 %(closed)s 早于登记日期 %(received)s")
                % {"closed": closed.isoformat(), "received": received.isoformat()})

    type_text = _text(cells.get("case_type"))
    case_type_id, case_type_code = lookups.case_types.get(header_key(type_text), (None, "")) if type_text else (None, "")
    if not type_text:
        problem("case_type", _("案件类型为空"))
    elif case_type_id is None:
        problem("case_type", _("未知的案件类型“%(value)s”（可用：%(known)s）")
                % {"value": type_text, "known": list_comma().join(workflow.CASE_TYPES.values())})

    channel = _vocabulary_code(_text(cells.get("channel")), workflow.CHANNELS, CHANNEL_WORDS)
    if not _text(cells.get("channel")):
        problem("channel", _("来源渠道为空"))
    elif channel is None:
        problem("channel", _("未知的来源渠道“%(value)s”（可用：%(known)s）")
                % {"value": _text(cells.get("channel")), "known": list_comma().join(workflow.CHANNELS.values())})

    ip_text = _text(cells.get("ip_kind"))
    ip_kind = _vocabulary_code(ip_text, workflow.IP_KINDS, {}) if ip_text else "other"
    if ip_kind is None:
        problem("ip_kind", _("未知的知识产权类型“%(value)s”（可用：%(known)s）")
                % {"value": ip_text, "known": list_comma().join(workflow.IP_KINDS.values())})

    result_text = _text(cells.get("result"))
    result = _vocabulary_code(result_text, workflow.RESULTS, RESULT_WORDS) if result_text else None
    if result_text and result is None:
        problem("result", _("未知的结案结果“%(value)s”（可用：%(known)s）")
                % {"value": result_text, "known": list_comma().join(workflow.RESULTS.values())})
    if closed and not result_text:
        problem("result", _("有结案日期 %(closed)s 但结案结果为空") % {"closed": closed.isoformat()})
    if result_text and not closed and cells.get("closed_on") is None:
        problem("closed_on", _("有结案结果“%(value)s”但结案日期为空") % {"value": result_text})
    if closed and not accepted and case_type_code != "consult" and result != "answered":
        problem("accepted_on", _("已结案的案件缺少受理日期（只有当场答复的咨询可不经受理直接结案）"))

    department_text = _text(cells.get("department"))
    department_id = lookups.departments(department_text) if department_text else None
    if department_text and department_id is None:
        problem("department", _("未知的承办部门“%(value)s”：本区划没有这个部门，请先在“部门”中添加或改用正式名称")
                % {"value": department_text})

    claimant = _text(cells.get("claimant"))
    if not claimant:
        problem("claimant", _("当事人为空"))
    kind_text = _text(cells.get("claimant_kind"))
    claimant_kind = (_vocabulary_code(kind_text, workflow.PARTY_KINDS, PARTY_KIND_WORDS) if kind_text
                     else ("enterprise" if claimant.endswith(_ENTERPRISE_ENDINGS) else "individual"))
    if claimant_kind is None:
        problem("claimant_kind", _("未知的当事人类型“%(value)s”（可用：%(known)s）")
                % {"value": kind_text, "known": list_comma().join(workflow.PARTY_KINDS.values())})
    credit_code = normalise_credit_code(_text(cells.get("enterprise_credit_code")))
    if credit_code and (credit_problem := credit_code_problem(credit_code)):
        problem("enterprise_credit_code", credit_problem.message(_))

    texts = {key: _text(cells.get(key)) for key in ("number", "subject", "summary", "contact_person", "phone",
                                                     "respondent", "closure_note")}
    texts["claimant"] = claimant
    texts["enterprise_credit_code"] = credit_code
    for key, limit in MAX_TEXT.items():
        if len(texts.get(key, "")) > limit:
            problem(key, _("内容过长（%(n)s 字，上限 %(limit)s 字）") % {"n": len(texts[key]), "limit": limit})
    return {
        **texts,
        "received_on": received.isoformat() if received else None,
        "accepted_on": accepted.isoformat() if accepted else None,
        "closed_on": closed.isoformat() if closed else None,
        "case_type_id": case_type_id, "case_type": case_type_code,
        "channel": channel, "ip_kind": ip_kind, "result": result or "",
        "department_id": department_id, "department": department_text,
        "claimant_kind": claimant_kind,
    }


def _vocabulary_code(text: str, vocabulary: dict[str, str], words: dict[str, str]) -> str | None:
    """A vocabulary's code for ``text``: the code itself, its Chinese label, or an office's word."""
    key = header_key(text)
    if not key:
        return None
    for code, label in vocabulary.items():
        if key in (code, header_key(label)):
            return code
    return words.get(key)


def case_type_lookup(types: Iterable[tuple[int, str, str]]) -> dict[str, tuple[int, str]]:
    """(id, code, name) of the active case types → folded code and name → (id, code)."""
    out: dict[str, tuple[int, str]] = {}
    for pk, code, name in types:
        out[header_key(code)] = (pk, code)
        out[header_key(name)] = (pk, code)
        if code in workflow.CASE_TYPES:
            out.setdefault(header_key(workflow.CASE_TYPES[code]), (pk, code))
    return out
