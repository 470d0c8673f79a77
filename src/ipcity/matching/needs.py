"""Enterprises' technology needs (技术需求): one need, its checks, and the needs file.

The file (CSV or XLSX) is read all or nothing: its size (10 MB) and row count (5,000) are checked
first, then every row; ``NeedsFileError`` lists every bad row with its number, so the caller writes
nothing until the whole file passes. Headers are Chinese (企业名称, 需求描述 or 技术需求, 产品,
行业代码, 所在地区, 预算（万元）, 合作方式, 经营范围) or the ``Need`` field names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ipcity import divisions
from ipcity.analytics import readers
from ipcity.credit_codes import normalise_credit_code
from ipcity.matching import table_file
from ipcity.matching.industries import UnknownIndustryCode, check_industry_code
from ipcity.notices import Notice, gettext_noop, notice_of
from ipcity.row_problems import RowProblems
from ipcity.text import fold_width

MODES = ("transfer", "licence", "cooperation")
MODE_WORDS = {"转让": "transfer", "许可": "licence", "合作": "cooperation", "合作开发": "cooperation",
              "技术合作": "cooperation", "专利转让": "transfer", "专利许可": "licence", "license": "licence"}
MAX_BYTES = 10 * 1024**2
MAX_ROWS = 5_000
TOO_SHORT = Notice(gettext_noop("需求描述过短：至少写两个字"))
# A need is a paragraph or two; the ranker's time grows with the query's distinct terms, so a
# description of megabytes (pasted, or sent to the API) is refused rather than ranked.
MAX_TEXT_CHARS = 4000
_TEXT, _PRODUCTS, _SCOPE = Notice(gettext_noop("需求描述")), Notice(gettext_noop("产品")), Notice(gettext_noop("经营范围"))
_HEADERS = {
    "enterprise": ("企业名称", "企业", "单位名称", "enterprise"),
    "text": ("需求描述", "技术需求", "需求内容", "text", "description"),
    "products": ("产品", "主要产品", "products"),
    "industry_code": ("行业代码", "所属行业", "行业", "industry_code"),
    "region_code": ("所在地区", "地区", "地区代码", "region_code", "region"),
    "budget_wan": ("预算（万元）", "预算(万元)", "预算", "budget_wan", "budget"),
    "mode": ("合作方式", "方式", "mode"),
    "business_scope": ("经营范围", "business_scope"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码", "credit_code"),
    "id": ("编号", "需求编号", "id"),
}


@dataclass(frozen=True)
class Need:
    id: str
    text: str
    products: str = ""
    industry_code: str | None = None
    region_code: str | None = None
    budget_wan: float | None = None
    mode: str | None = None
    business_scope: str = ""
    enterprise: str = ""
    sei_codes: tuple[str, ...] = ()
    # The firm's unified social credit code as written (normalised); the app checks it
    # (``ipcity.credit_codes``), naming the row, as it checks a need typed into the form.
    credit_code: str = ""

    @property
    def query_text(self) -> str:
        """What is searched: the description, the products and (when given) the business scope, once
        (a firm that wrote only its scope has it as its description too: counted twice, its words
        would outweigh the products in the cosine)."""
        scope = self.business_scope if self.business_scope.strip() != self.text.strip() else ""
        return "\n".join(part for part in (self.text, self.products, scope) if part)


def _meaningful_length(text: str) -> int:
    return len(re.sub(r"[\s\W_]+", "", text or ""))


def validate_need(need: Need, data_dir: str | Path | None = None) -> list[str]:
    """Chinese messages (``Notice``: the apps word them in the page's language) for everything
    wrong with a need (empty when it is fine)."""
    problems: list[str] = []
    if _meaningful_length(need.text) < 2:
        problems.append(TOO_SHORT)
    for label, text in ((_TEXT, need.text), (_PRODUCTS, need.products), (_SCOPE, need.business_scope)):
        if len(text or "") > MAX_TEXT_CHARS:
            problems.append(Notice(gettext_noop("%(field)s过长：%(length)s 字，至多 %(limit)s 字"), field=label,
                                   length=f"{len(text):,}", limit=f"{MAX_TEXT_CHARS:,}"))
    if need.industry_code:
        try:
            check_industry_code(need.industry_code, data_dir)
        except UnknownIndustryCode as exc:
            problems.append(exc.notice)
    if need.region_code and not divisions.is_known_code(need.region_code):
        problems.append(Notice(gettext_noop("未知的地区代码：%(code)s"), code=need.region_code))
    if need.mode is not None and need.mode not in MODES:
        problems.append(Notice(gettext_noop("未知的合作方式：%(mode)s（转让、许可或合作）"), mode=need.mode))
    if need.budget_wan is not None and need.budget_wan < 0:
        problems.append(Notice(gettext_noop("预算不能为负数：%(budget)s"), budget=need.budget_wan))
    return problems


def read_needs_file(path: str | Path, data_dir: str | Path | None = None) -> list[Need]:
    """Every need of a CSV or XLSX file, or ``NeedsFileError`` naming every bad row."""
    try:
        rows = table_file.read_rows(path, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except readers.InputError as exc:
        raise NeedsFileError([(0, Notice(gettext_noop("需求文件无法读取：%(reason)s"), reason=notice_of(exc)))]) from None
    except table_file.TooManyRows:
        raise NeedsFileError([(0, Notice(gettext_noop("需求文件超过 %(limit)s 行的上限"), limit=MAX_ROWS))]) from None
    rows = table_file.from_header(rows, lambda cells: table_file.columns_of(cells, _HEADERS)["text"] is not None)
    if len(rows) < 2:
        raise NeedsFileError([(0, Notice(gettext_noop("需求文件没有数据行")))])
    columns = table_file.columns_of(rows[0][1], _HEADERS)
    if columns["text"] is None:
        raise NeedsFileError([(rows[0][0], Notice(gettext_noop("缺少“需求描述”列")))])
    needs, problems = table_file.check_rows(rows[1:], lambda line, cells: _need_of_row(line, cells, columns, data_dir))
    if problems:
        raise NeedsFileError(problems)
    return needs


def _need_of_row(line: int, cells: list[object], columns: dict[str, int | None],
                 data_dir: str | Path | None) -> Need:
    """The need of one row, or ``BadRow`` with every problem of the row."""
    def cell(name: str) -> str:
        return table_file.cell(cells, columns.get(name))

    problems: list[str] = []
    # A row with no description but the firm's business scope is matched on the scope (issue 17:
    # "optionally filled from the firm's business scope"); a row with neither is refused.
    text = cell("text") or cell("business_scope")
    if not text:
        raise table_file.BadRow(Notice(gettext_noop("缺少需求描述")))
    region = cell("region_code")
    region_code = None
    if region:
        region_code = divisions.normalise_code(region) or divisions.code_for_name(region)
        if region_code is None:
            problems.append(Notice(gettext_noop("无法识别的地区：%(region)s"), region=region))
    mode_text = cell("mode")
    mode = MODE_WORDS.get(mode_text, mode_text) if mode_text else None
    budget = None
    if cell("budget_wan"):
        try:
            budget = float(fold_width(cell("budget_wan")).replace(",", "").replace("万元", "").replace("万", ""))
        except ValueError:
            problems.append(Notice(gettext_noop("无法识别的预算：%(budget)s"), budget=cell("budget_wan")))
    need = Need(id=cell("id") or f"row{line}", text=text, products=cell("products"),
                industry_code=cell("industry_code") or None, region_code=region_code, budget_wan=budget,
                mode=mode, business_scope=cell("business_scope"), enterprise=cell("enterprise"),
                credit_code=normalise_credit_code(cell("credit_code")))
    problems.extend(validate_need(need, data_dir))
    if problems:
        raise table_file.BadRow(*problems)
    return need


class NeedsFileError(RowProblems):
    """A needs file with bad rows: ``problems`` lists (row number, Chinese message without the row,
    a ``Notice``) for every one."""
