"""Reading a declarations workbook (XLSX or CSV) into ``DeclarationInput`` rows with their numbers.

Headers are Chinese (as the column names of CNIPA's open-licence announcements) or the field
names. Cell problems (a date or a number that cannot be read, an unknown kind or fee type) are
collected for every row; the caller writes nothing when any row fails.

The rows come through ``matching.table_file.read_rows``, as the needs file's do. Its ``columns_of``
and ``check_rows`` are not used, on purpose: a header here drops every space and keeps its case,
and of two columns naming one field (专利号 and 公开号) the leftmost wins, where ``columns_of``
takes the first listed name. A problem here is (row, bare translated message), as ``check_rows``
gives it, the row named by ``core.import_errors.RowsImportError`` in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ipcity.analytics import readers
from ipcity.core.notices import reworded
from ipcity.matching import table_file
from ipcity.notices import notice_of
from ipcity.row_problems import RowProblems
from ipcity.text import fold_width

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000

HEADERS = {
    "专利号": "pub_number", "公开号": "pub_number", "专利名称": "title", "专利类型": "patent_kind",
    "专利权人": "holder", "所在地区": "region_code", "区划代码": "region_code", "声明日期": "declared_on",
    "许可使用费类型": "fee_type", "一次性许可费（万元）": "fixed_fee_wan", "入门费（万元）": "entry_fee_wan",
    "提成比例（净销售额%）": "royalty_sales_pct", "提成比例（利润%）": "royalty_profit_pct",
    "支付标准": "payment_standard", "许可期限": "term", "专利权评价报告编号": "evaluation_report",
    "联系方式": "contact", "应用领域": "application_field", "适用产品": "products",
}
KIND_WORDS = {"发明": "invention", "实用新型": "utility", "外观设计": "design"}
FEE_WORDS = {"一次性支付": "one_off", "一次性": "one_off", "提成支付": "royalty", "提成": "royalty",
             "入门费加提成": "entry_plus_royalty", "入门费+提成": "entry_plus_royalty", "免费": "free",
             "免费许可": "free"}
REQUIRED = ("pub_number", "title", "patent_kind", "holder", "declared_on", "fee_type")
# header text as folded for comparison → field; a required field's name in messages is its first header
_FOLDED = {fold_width(name).replace(" ", ""): field for name, field in HEADERS.items()}
_REQUIRED_NAMES = {field: next(name for name, f in HEADERS.items() if f == field) for field in REQUIRED}


@dataclass(frozen=True)
class DeclarationInput:
    pub_number: str
    title: str
    patent_kind: str
    holder: str
    region_code: str
    declared_on: dt.date | None
    fee_type: str
    fixed_fee_wan: float | None = None
    entry_fee_wan: float | None = None
    royalty_sales_pct: float | None = None
    royalty_profit_pct: float | None = None
    payment_standard: str = ""
    term: str = ""
    evaluation_report: str = ""
    contact: str = ""
    application_field: str = ""
    products: str = ""


class DeclarationRowsError(RowProblems):
    """A declarations file with bad rows: (row number, Chinese message) for every one."""


def _field_of(header: Any) -> str | None:
    text = fold_width(str(header or "")).strip().replace(" ", "")
    return _FOLDED.get(text) or (text if text in HEADERS.values() else None)


def _rows(path: Path) -> list[table_file.Row]:
    """The file's non-empty rows with their line numbers (``table_file.read_rows``: size, type by
    content, encoding, stopping past MAX_ROWS before reading the rest), or ``DeclarationRowsError``.
    A file that breaks half-way (bytes not of its encoding, a damaged workbook) is refused like one
    that cannot be opened."""
    try:
        return table_file.read_rows(path, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except readers.InputError as exc:
        # The shared reader names a formula or an oversized row with a Notice: worded in the page's language.
        raise DeclarationRowsError([(0, _("文件无法读取：%(error)s") % {"error": reworded(notice_of(exc))})]) from None
    except table_file.TooManyRows:
        raise DeclarationRowsError([(0, _("行数超过 %(n)s") % {"n": MAX_ROWS})]) from None


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(fold_width(str(value)).strip().replace("/", "-").replace(".", "-"))


def _number(value: Any) -> float | None:
    if value is None or str(value).strip() == "":
        return None
    return float(fold_width(str(value)).strip().rstrip("%"))


def _text(values: dict[str, Any], field: str) -> str:
    return str(values.get(field) or "")


def read_declarations_file(path: Path) -> list[tuple[int, DeclarationInput]]:
    """[(row number, DeclarationInput)]; raises ``DeclarationRowsError`` listing every bad row."""
    table = table_file.from_header(_rows(path), lambda cells: set(REQUIRED) <= {_field_of(h) for h in cells})
    if not table:
        raise DeclarationRowsError([(0, _("文件为空"))])
    header_line, header = table[0]
    columns = [_field_of(h) for h in header]
    missing = [_REQUIRED_NAMES[field] for field in REQUIRED if field not in columns]
    if missing:
        raise DeclarationRowsError([(header_line, _("缺少列：%(cols)s") % {"cols": "、".join(missing)})])
    found: list[tuple[int, DeclarationInput]] = []
    problems: list[tuple[int, str]] = []
    for number, row in table[1:]:
        values: dict[str, Any] = {}
        for field, cell in zip(columns, row, strict=False):
            if field and field not in values:
                values[field] = cell
        try:
            kind_text = str(values.get("patent_kind") or "").strip()
            fee_text = str(values.get("fee_type") or "").strip()
            data = DeclarationInput(
                pub_number=str(values.get("pub_number") or ""), title=str(values.get("title") or ""),
                patent_kind=KIND_WORDS.get(kind_text, kind_text), holder=str(values.get("holder") or ""),
                region_code=str(values.get("region_code") or "").strip(),
                declared_on=_date(values["declared_on"]) if values.get("declared_on") else None,
                fee_type=FEE_WORDS.get(fee_text, fee_text),
                fixed_fee_wan=_number(values.get("fixed_fee_wan")), entry_fee_wan=_number(values.get("entry_fee_wan")),
                royalty_sales_pct=_number(values.get("royalty_sales_pct")),
                royalty_profit_pct=_number(values.get("royalty_profit_pct")),
                payment_standard=_text(values, "payment_standard"), term=_text(values, "term"),
                evaluation_report=_text(values, "evaluation_report"), contact=_text(values, "contact"),
                application_field=_text(values, "application_field"), products=_text(values, "products"))
        except ValueError as exc:
            problems.append((number, _("日期或数字无法识别：%(error)s") % {"error": exc}))
            continue
        found.append((number, data))
    if problems:
        raise DeclarationRowsError(problems)
    return found
