"""Which columns of a record export carry which canonical field, and the cell-level pieces the
row-wise (:mod:`record_rows`) and column-wise (:mod:`record_tables`) mappers share.

One alias table per kind (``FIELD_ALIASES``), shared by all the formats of that kind, as the patent
importer's ``formats.py`` does: any column selection of a known register imports. A cell is parsed
by :func:`parse_cell` into its value, ``EMPTY`` (blank or a placeholder) or a :class:`BadCell`
carrying the reason its row is set aside.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipcity.analytics import cell_values as cv
from ipcity.analytics.formats import normalise_header
from ipcity.analytics.record_registry import RecordFormatError

# Fields → headers that carry them, best first, per kind (canonical columns and the registry's
# source fields: a trademark's ``term``/``term_start``/``intl_reg_date``/``co_holders``; the
# ``patent_rights`` and ``trademark_rights`` columns of pledge and licence registers). Headers are
# compared folded (``formats.normalise_header``: no spaces or underscores, lower case), so
# ``regNo``, ``RegNo`` and ``reg_no`` are one header. Besides the registers' own labels, the
# lists hold the labels and keys that enterprise-data services and warehouse tables give the same
# fields (tests/record_formats/real_layouts/NOTES.md: 注册证号, 尼斯分类号, 专用期开始时间, RegNo,
# IntCls, FlowStatusDesc, RegisterNo, RegisterAperDate…).
FIELD_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "trademark": {
        "reg_number": ("申请/注册号", "注册号/申请号", "注册号", "申请号", "商标注册号", "注册证号", "regNo", "regNum",
                       "reg_number"),
        # Not 商标类别: enterprise-data services use it for the form of the mark (普通商标, 文字…).
        "nice_class": ("国际分类", "国际分类号", "尼斯分类号", "尼斯分类", "类别", "类号", "intCls", "nice_class"),
        "mark_type": ("商标类型", "商标种类", "商标类型名称", "mark_type"),
        "gi": ("是否地理标志", "地理标志", "gi"),
        "madrid": ("是否马德里", "马德里", "madrid"),
        "office": ("office",),
        "app_date": ("商标申请日期", "申请日期", "申请日", "appDate", "applyDate", "app_date"),
        "intl_reg_date": ("国际注册日期", "国际注册日"),
        "reg_date": ("注册公告日期", "注册公告日", "注册日期", "注册日", "reg_date"),
        "term": ("专用权期限", "专用期限", "商标专用权期限", "有效期限", "商标使用期限时间段"),
        # The term's two ends in columns of their own: the start stands for the registration
        # (taken back over renewals, as the range's start is), the end is the expiry.
        "term_start": ("专用权期限开始日期", "专用期开始时间", "专用期开始日期", "专用权起始日期", "专用权开始日期",
                       "propertyBgnDate"),
        "expiry_date": ("到期日期", "专用权到期日", "截止日期", "专用权期限截止日期", "专用权期限结束日期", "专用期结束时间", "专用期结束日期",
                        "专用权截止日期", "有效期至", "propertyEndDate", "expiry_date"),
        "lapse_date": ("无效日期", "注销日期", "撤销日期", "失效日期", "商标无效日期", "lapse_date"),
        # 企查查's ``Status`` is a number code; its words are in ``FlowStatusDesc`` (first).
        "status": ("商标状态", "当前权利状态名称", "当前权利状态", "状态", "法律状态", "商标流程状态", "FlowStatusDesc",
                   "status"),
        # The current holder (权利人) before the applicant of record where a service gives both.
        "holders": ("申请人名称(中文)", "注册人", "权利人中文名称", "申请人", "申请人名称", "申请人中文名称", "商标注册人",
                    "权利人", "ApplicantCn", "holders"),
        "co_holders": ("共有申请人", "共有人", "共同申请人"),
        "first_holder_country": ("申请人国籍", "注册人国籍", "申请人国家/地区", "国籍", "first_holder_country"),
        "first_holder_address": ("申请人地址(中文)", "注册人地址", "权利人中文地址", "申请人地址", "申请人中文地址", "地址",
                                 "first_holder_address"),
        "region_code": ("行政区划代码", "区划代码", "region_code"),
    },
    "pledge": {
        "pledge_id": ("质押登记号", "质权登记号", "登记号", "质押登记编号", "pledge_id"),
        "right_kind": ("质押类型", "权利类型", "出质权利类型", "right_kind"),
        "patent_rights": ("专利号", "质押专利号", "专利申请号", "申请号"),
        "trademark_rights": ("商标注册号", "质押商标注册号", "注册号"),
        "rights": ("rights", "权利号", "出质权利"),
        "reg_date": ("质押登记日", "登记日", "质押登记日期", "登记日期", "登记生效日", "生效日", "reg_date"),
        "amount": ("担保金额", "担保债权数额", "担保金额(万元)", "担保金额(元)", "担保债权数额(万元)",
                   "担保债权数额(元)", "质押金额", "质押金额(万元)", "融资金额(万元)", "融资金额", "amount"),
        "pledgor": ("出质人", "出质人名称", "pledgor"),
        "pledgor_country": ("出质人国籍", "出质人国别", "pledgor_country"),
        "pledgor_address": ("出质人地址", "出质人住所", "pledgor_address"),
        "region_code": ("出质人行政区划代码", "行政区划代码", "region_code"),
        "pledgee": ("质权人", "质权人名称", "pledgee"),
        "cancel_date": ("注销日", "注销日期", "质押注销日", "解除日期", "注销登记日", "cancel_date"),
    },
    "licence": {
        "record_id": ("备案号", "合同备案号", "许可备案号", "变更登记号", "转让登记号", "登记号", "record_id"),
        "record_type": ("备案类型", "记录类型", "record_type"),
        "right_kind": ("权利类型", "right_kind"),
        "patent_rights": ("专利号", "专利申请号", "申请号"),
        "trademark_rights": ("商标注册号", "注册号"),
        "rights": ("rights",),
        "date": ("备案日期", "备案日", "合同备案日期", "变更生效日", "生效日", "转让生效日", "核准转让日期",
                 "转让公告日期", "登记日", "date"),
        "licence_type": ("许可种类", "许可类型", "许可方式", "licence_type"),
        "from_party": ("让与人", "许可人", "转让人", "变更前权利人", "原权利人", "from_party"),
        "from_country": ("让与人国籍", "许可人国籍", "转让人国籍", "from_country"),
        "from_address": ("让与人地址", "许可人地址", "转让人地址", "变更前地址", "变更前权利人地址", "from_address"),
        "from_region_code": ("from_region_code",),
        "to_party": ("受让人", "被许可人", "变更后权利人", "新权利人", "to_party"),
        "to_country": ("受让人国籍", "被许可人国籍", "to_country"),
        "to_address": ("受让人地址", "被许可人地址", "变更后地址", "变更后权利人地址", "to_address"),
        "to_region_code": ("to_region_code",),
    },
    "copyright": {
        # 注册号: enterprise-data warehouses' name for the 登记号; RegisterNo: 企查查's key.
        "reg_number": ("登记号", "登记编号", "作品登记号", "软件登记号", "注册号", "RegisterNo", "registrationNum", "regNo",
                       "reg_number"),
        "work_type": ("登记类型", "著作权类型", "work_type"),
        "category": ("作品类别", "作品类型", "作品著作权类别", "category"),
        "reg_date": ("登记日期", "登记日", "批准日期", "登记批准日期", "作品著作权登记日期", "软件著作权登记批准日期",
                     "RegisterAperDate", "registrationDate", "regDate", "reg_date"),
        "owners": ("著作权人", "著作权人名称", "Owner", "softwareHolder", "copyrightOwner", "owners"),
        "first_owner_country": ("著作权人国籍", "国籍", "国家", "first_owner_country"),
        "first_owner_address": ("著作权人地址", "地址", "first_owner_address"),
        "region_code": ("行政区划代码", "region_code"),
    },
}
# The field that must have a column, per kind (the record's key; licences may make theirs).
KEY_FIELD = {"trademark": "reg_number", "pledge": "pledge_id", "licence": "date", "copyright": "reg_number"}


@dataclass
class ColumnChoice:
    """Which columns carry each field (best first, then fallbacks used when a cell is empty)."""

    kind: str
    format: str
    headers: list[str]
    fields: dict[str, list[int]] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)
    collapse: bool = False

    def header_of(self, name: str) -> str:
        return self.headers[self.fields[name][0]]

    def used(self) -> dict[str, str]:
        return {name: self.header_of(name) for name in self.fields}


def choose_columns(kind: str, headers: Sequence[object], format_name: str = "",
                   constants: Mapping[str, str] | None = None, collapse: bool = False) -> ColumnChoice:
    normalised = [normalise_header(h) for h in headers]
    index: dict[str, int] = {}
    for i, header in enumerate(normalised):
        if header:
            index.setdefault(header, i)
    choice = ColumnChoice(kind, format_name, [str(h or "") for h in headers], constants=dict(constants or {}),
                          collapse=collapse)
    taken: set[int] = set()
    for name, aliases in FIELD_ALIASES[kind].items():
        present = [index[a] for a in map(normalise_header, aliases) if a in index]
        present = [i for i in present if i not in taken]
        if present:
            choice.fields[name] = present
            taken.update(present)  # one column serves one field (the first field that claims it)
    key = KEY_FIELD[kind]
    if key not in choice.fields:
        raise RecordFormatError(
            f"the {kind} file has no {key} column (one of: {', '.join(FIELD_ALIASES[kind][key])}); headers found: "
            + ", ".join(h for h in choice.headers if h))
    return choice



@dataclass
class Mapped:
    """Canonical columns of the rows that mapped, their lines, and the rows set aside."""

    kind: str
    columns: dict[str, list[Any]]
    lines: list[int]
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)

    def rows(self) -> list[dict[str, Any]]:
        names = list(self.columns)
        return [dict(zip(names, values, strict=True)) for values in zip(*self.columns.values(), strict=True)]


class BadCell:
    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


EMPTY = object()  # a cell that is blank or a placeholder (-, 无…)


def parse_cell(choice: ColumnChoice, index: int, raw: Any, parse: Callable[[Any], Any]) -> Any:
    if raw is None or cv.clean(raw) is None:
        return EMPTY
    try:
        value = parse(raw)
    except ValueError as exc:
        return BadCell(f"{choice.headers[index]} {str(raw)!r}: {exc}")
    return EMPTY if value is None else value


def joined_names(names: list[str] | None) -> str | None:
    return "|".join(names or []) or None


# Two company names run together with nothing between them (a web list that joined its owners:
# 甲科技有限公司乙通讯技术有限公司): a break after a company's legal form where the rest of the cell
# is itself a company's name ending in one. A branch (…有限公司北京分公司) is no company of its
# own and is not split off; neither is anything that does not end in 有限(责任)公司.
_RUN_TOGETHER = re.compile(r"(?:(?<=有限公司)|(?<=有限责任公司))(?=[^|]{2,}?(?:有限公司|有限责任公司)$)")


def party_names(value: Any) -> str | None:
    """A list of parties (``;``, ``、``, ``|``… separated) as the canonical ``|``-joined text;
    company names written one after the other without a separator are told apart too."""
    names = cv.split_names(value)
    if names and any(name.count("公司") > 1 for name in names):
        names = [part for name in names for part in _RUN_TOGETHER.split(name) if part]
    return joined_names(names)
