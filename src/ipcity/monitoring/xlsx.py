"""The Excel template for actual values: build it, read it back, and check every row (dry run).

One sheet, rows = indicators × plan years, with the unit, the year's target and the current value
shown beside the column to fill. The indicator is identified by its number (指标编号); a row
whose number was left empty is matched by its exact name within the programme.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ipcity.core import spreadsheets
from ipcity.core.templatetags.punctuation import list_comma
from ipcity.monitoring.values import ValueProblem, parse_value

SHEET = "实际值填报"
HEADERS = ["指标编号", "指标名称", "单位", "年份", "目标值", "现值", "填报值", "数据来源", "备注", "项目"]
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A department's template holds its indicators × plan years (tens to a few hundred rows).
TEMPLATE_LIMITS = spreadsheets.WorkbookLimits(max_bytes=MAX_UPLOAD_BYTES, max_rows=5000, max_columns=50)
_FILL = PatternFill("solid", fgColor="FFF7D6")


class TemplateUnreadable(ValueError):
    """The upload is no template we can read (wrong type, too big, corrupt, headers missing, a formula)."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


@dataclass
class TemplateRow:
    """What one indicator-year row of the template shows."""

    indicator_id: int
    name: str
    unit: str
    year: int
    target: float | None
    current: float | None
    source: str = ""
    note: str = ""
    program: str = ""


@dataclass
class CheckedUpload:
    rows: list[dict] = field(default_factory=list)  # to write
    problems: list[dict] = field(default_factory=list)  # {row, column, message}
    unchanged: int = 0


def template_build(title: str, rows: Iterable[TemplateRow]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(spreadsheets.safe_row([f"{title} · 指标实际值填报模板"]))
    ws.append(["只填写黄色的“填报值”“数据来源”“备注”三列；不要改动指标编号和年份。空白的填报值不会写入。"])
    ws.append(HEADERS)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(spreadsheets.safe_row([row.indicator_id, row.name, row.unit, row.year, row.target, row.current, None,
                                         row.source, row.note, row.program]))
    for row_cells in ws.iter_rows(min_row=4, min_col=7, max_col=9):
        for cell in row_cells:
            cell.fill = _FILL
    decimal = DataValidation(type="decimal", allow_blank=True, showErrorMessage=False)
    ws.add_data_validation(decimal)
    decimal.add(f"G4:G{max(ws.max_row, 4)}")
    for column, width in zip("ABCDEFGHIJ", (10, 40, 8, 8, 10, 10, 12, 24, 30, 40), strict=True):
        ws.column_dimensions[column].width = width
    ws["A2"].alignment = Alignment(wrap_text=False)
    ws.freeze_panes = "A4"
    return spreadsheets.workbook_bytes(wb)


def template_read(data: bytes, filename: str) -> list[tuple[int, dict]]:
    """The filled rows as ``(sheet row number, {header: cell})``; ``TemplateUnreadable`` otherwise."""
    if not filename.lower().endswith((".xlsx", ".xls")):  # .xls: the template saved by WPS as 97-2003
        raise TemplateUnreadable(gettext("请上传 .xlsx 格式的模板文件"))
    try:
        # Sizes, rows, columns and formula cells are checked before and while streaming.
        rows = spreadsheets.read_sheet(data, sheet=SHEET, limits=TEMPLATE_LIMITS)
    except spreadsheets.SpreadsheetRefused as exc:
        raise TemplateUnreadable(exc.message, row=exc.row) from exc
    header_index = next((i for i, (_, r) in enumerate(rows[:10]) if r and r[0] == HEADERS[0]), None)
    if header_index is None:
        raise TemplateUnreadable(gettext("找不到表头“指标编号”，请使用本平台下载的模板"))
    headers = [str(h).strip() if h is not None else "" for h in rows[header_index][1]]
    missing = [h for h in ("指标编号", "年份", "填报值") if h not in headers]
    if missing:
        raise TemplateUnreadable(gettext("模板缺少列：%(columns)s") % {"columns": list_comma().join(missing)})
    out = []
    for number, values in rows[header_index + 1:]:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        out.append((number, dict(zip(headers, values, strict=False))))
    return out


def rows_check(cells_by_row: list[tuple[int, dict]], *, indicators: dict[int, Any], years: dict[int, range],
               current: dict[tuple[int, int], float]) -> CheckedUpload:
    """Every row's problem, and the rows that would be written. ``indicators``: the ones allowed."""
    result = CheckedUpload()
    by_name: dict[str, list[Any]] = {}
    for ind in indicators.values():
        by_name.setdefault(ind.name, []).append(ind)
    seen: dict[tuple[int, int], int] = {}
    for row_number, cells in cells_by_row:
        raw_value = cells.get("填报值")
        if raw_value is None or (isinstance(raw_value, str) and not raw_value.strip()):
            continue  # nothing filled in: not an error, nothing to write

        def problem(column: str, message: str, row_number: int = row_number) -> None:
            result.problems.append({"row": row_number, "column": column, "message": message})

        indicator = _row_indicator(cells, indicators, by_name, problem)
        year = _row_year(cells, indicator, years, problem)
        try:
            value = parse_value(raw_value, unit=getattr(indicator, "unit", None), name=getattr(indicator, "name", ""))
        except ValueProblem as exc:
            problem("填报值", str(exc))
            value = None
        if indicator is None or year is None or value is None:
            continue
        key = (indicator.pk, year)
        if key in seen:
            problem("年份", gettext("与第 %(row)s 行重复（同一指标同一年份只能填一次）") % {"row": seen[key]})
            continue
        seen[key] = row_number
        source = _text(cells.get("数据来源"))
        note = _text(cells.get("备注"))
        if current.get(key) == value:
            result.unchanged += 1
            continue
        result.rows.append({"row": row_number, "indicator_id": indicator.pk, "indicator_name": indicator.name,
                            "unit": indicator.unit or "", "year": year, "program": indicator.program.title, "value": value,
                            "previous": current.get(key), "source": source, "note": note})
    return result


def _row_indicator(cells: dict, indicators: dict[int, object], by_name: dict, problem):
    raw_id = cells.get("指标编号")
    if raw_id in (None, ""):
        matches = by_name.get(_text(cells.get("指标名称")), [])
        if len(matches) == 1:
            return matches[0]
        problem("指标编号", gettext("缺少指标编号，且指标名称无法唯一确定指标"))
        return None
    try:
        indicator_id = int(float(str(raw_id).strip()))
    except ValueError:
        problem("指标编号", gettext("“%(value)s”不是有效的指标编号") % {"value": raw_id})
        return None
    indicator = indicators.get(indicator_id)
    if indicator is None:
        problem("指标编号", gettext("未知指标：编号 %(id)s 不属于本模板的范围或不由您的部门负责") % {"id": indicator_id})
    return indicator


def _row_year(cells: dict, indicator, years: dict[int, range], problem) -> int | None:
    raw = cells.get("年份")
    try:
        year = int(str(raw).strip().removesuffix("年"))
        if isinstance(raw, float) and not raw.is_integer():
            raise ValueError
    except (TypeError, ValueError):
        problem("年份", gettext("“%(value)s”不是年份") % {"value": raw})
        return None
    if indicator is not None:
        allowed = years[indicator.pk]
        if year not in allowed:
            problem("年份", gettext("%(year)s 年不在规划期内（%(start)s—%(end)s 年）")
                    % {"year": year, "start": allowed.start, "end": allowed.stop - 1})
            return None
    return year


def _text(raw: object) -> str:
    # A name or source the template neutralised on the way out ('=…) reads back as it was.
    return "" if raw is None else spreadsheets.restore(str(raw).strip())
