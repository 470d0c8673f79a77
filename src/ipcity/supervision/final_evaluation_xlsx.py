"""终期评估 as an .xlsx workbook: the indicators against their final targets, the task sections'
completion from the last round."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.supervision.selectors.final_evaluation import FinalReport

INDICATOR_HEADERS = [gettext_noop("序号"), gettext_noop("指标"), gettext_noop("单位"), gettext_noop("目标年份"),
                     gettext_noop("期末目标"), gettext_noop("实际值"), gettext_noop("实际值年份"), gettext_noop("数据来源"),
                     gettext_noop("评估结果"), gettext_noop("说明")]
INDICATOR_WIDTHS = [6, 40, 10, 10, 12, 12, 12, 24, 12, 40]
TASK_HEADERS = [gettext_noop("任务板块"), gettext_noop("任务数"), gettext_noop("已完成"), gettext_noop("完成度(%)")]
TASK_WIDTHS = [50, 10, 10, 12]


def _head(ws, row: int) -> None:
    for cell in ws[row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F0F4F8")
        cell.alignment = Alignment(horizontal="center")


def _widths(ws, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + index)].width = width


def _note(row) -> str:
    e = row.evaluation
    if e.result == "no_data":
        return gettext("%(year)s 年及以前没有实际值") % {"year": e.final_year}
    if e.result == "no_target":
        return gettext("无数值目标，由办公室另行说明")
    if e.kind == "average":
        return gettext("年均值：%(first)s—%(last)s 年平均") % {"first": e.years_in_mean[0], "last": e.years_in_mean[-1]}
    if e.from_earlier_year:
        return gettext("%(final)s 年无实际值，取 %(year)s 年值") % {"final": e.final_year, "year": e.value_year}
    return ""


def final_evaluation_workbook(report: FinalReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = gettext("指标终期评估")
    program = report.program
    # Names come from uploaded documents: text cells go through safe_row (no live formulas).
    ws.append(safe_row([gettext("%(title)s · 终期评估") % {"title": program.title}]))
    ws.append(safe_row([gettext("实施期：%(start)s—%(end)s 年；统计日期：%(today)s") % {
        "start": program.start_year, "end": program.end_year, "today": f"{report.today:%Y-%m-%d}"}]))
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([gettext(h) for h in INDICATOR_HEADERS])
    _head(ws, 3)
    for number, row in enumerate(report.indicators, start=1):
        e, ind = row.evaluation, row.indicator
        source = row.actual.source if row.actual is not None else ""
        ws.append(safe_row([number, ind.name, ind.unit or "", e.final_year, e.final_target, e.value, e.value_year,
                            source, str(row.label), _note(row)]))
    ws.freeze_panes = "A4"
    _widths(ws, INDICATOR_WIDTHS)
    ws.append([])
    ws.append([gettext("说明：期末目标为最晚年份的目标值；实际值取该年份的现行值，该年没有时取此前最近一年的值（注明年份）；"
                       "“年均值”指标取至该年份的平均值；达成与否按研判方法的比较规则（越大越好为“不低于”，越小越好为“不高于”）。")])
    tasks = wb.create_sheet(gettext("任务完成情况"))
    rnd = report.reporting_round
    scope = (gettext("依据轮次：%(round)s（所报年度 %(year)s）") % {"round": rnd.title, "year": rnd.period_year} if rnd
             else gettext("尚无报送轮次"))
    tasks.append(safe_row([scope]))
    tasks.append([gettext(h) for h in TASK_HEADERS])
    _head(tasks, 2)
    for section, title in report.sections:
        tasks.append(safe_row([title, len(section.tasks), section.done, section.completion]))
    tasks.append(safe_row([gettext("合计"), report.task_total, report.tasks_done, report.completion]))
    _widths(tasks, TASK_WIDTHS)
    return workbook_bytes(wb)
