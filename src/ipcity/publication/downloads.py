"""The open data as files: CSV, XLSX and JSON per indicator and per programme, and one ZIP of all.

Built only from ``publication.selectors`` (what is published). Text cells of the CSV and XLSX go
through ``ipcity.core.spreadsheets.safe_row``: an indicator named ``=HYPERLINK(…)`` stays text in
Excel. The same records make all three formats, so they never disagree.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ipcity.core.spreadsheets import XLSX_CONTENT_TYPE, safe_row, workbook_bytes
from ipcity.monitoring import labels
from ipcity.programs.models import Program
from ipcity.publication import selectors
from ipcity.publication.selectors import PublicIndicator

FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_CONTENT_TYPE, "json": "application/json; charset=utf-8"}
SERIES = ("actual", "plan", "projection", "reference")
# A fixed time inside the ZIP: the same data gives the same archive bytes.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def series_label(series: str) -> str:
    return {"actual": _("实际值"), "plan": _("规划目标"), "projection": _("预测值"), "reference": _("参照值"),
            "baseline": _("基期值")}[series]


def _row_series(item: PublicIndicator, year: int, series: str) -> str:
    """The chart's plan line starts at the baseline; in the data that point is the baseline (基期值),
    not a target the plan set, unless the plan also set a target for that year."""
    ind = item.indicator
    if (series == "plan" and year == ind.baseline_year and ind.baseline_value is not None
            and not any(t.year == year for t in ind.targets.all())):
        return "baseline"
    return series


def program_record(program: Program) -> dict:
    return {"id": program.pk, "title": program.title, "region": program.region.name, "region_code": program.region.code,
            "start_year": program.start_year, "end_year": program.end_year, "issuer": program.issuer or "",
            "doc_number": program.doc_number or "", "summary": program.publication.summary}


def indicator_record(item: PublicIndicator) -> dict:
    ind, a = item.indicator, item.verdict.assessment
    return {
        "id": ind.pk, "name": ind.name, "unit": ind.unit or "", "direction": a.direction,
        "qualitative_target": ind.qualitative_target or "",
        "baseline": ({"year": ind.baseline_year, "value": ind.baseline_value}
                     if ind.baseline_year is not None and ind.baseline_value is not None else None),
        "targets": [{"year": t.year, "value": t.value, "comparator": t.comparator}
                    for t in sorted(ind.targets.all(), key=lambda t: t.year)],
        "values": [{"year": p.year, "value": p.value} for p in item.verdict.series],
        "reference": [{"year": y, "value": v} for y, v in item.chart["reference"]],
        "projection": [{"year": y, "value": v} for y, v in item.chart["projection"]],
        "verdict": {**a.to_dict(), "year_status_label": str(labels.year_badge(a.year_status)["word"]),
                    "outlook_label": str(labels.outlook_badge(a.outlook)["word"]),
                    "method_label": str(labels.METHOD.get(a.method or "", "")), "plan_expected": a.plan_expected},
        "method_steps": [{"step": str(s["step"]), "text": str(s["text"])} for s in item.steps],
    }


def _long_rows(program: Program, items: list[PublicIndicator]) -> list[list]:
    rows = []
    for item in items:
        for row in item.rows:
            for series in SERIES:
                if series in row:
                    rows.append([program.title, item.indicator.name, item.indicator.unit or "", row["year"],
                                 series_label(_row_series(item, row["year"], series)), row[series]])
    return rows


def _long_header() -> list[str]:
    return [_("项目"), _("指标"), _("单位"), _("年份"), _("类别"), _("数值")]


def _verdict_header() -> list[str]:
    return [_("指标"), _("单位"), _("研判年份"), _("实际值"), _("当年期望值"), _("年度研判"), _("终期目标"), _("终期年份"),
            _("预测终期值"), _("进度比"), _("外推方法"), _("终期研判")]


def _verdict_rows(items: list[PublicIndicator]) -> list[list]:
    rows = []
    for item in items:
        a = item.verdict.assessment
        rows.append([item.indicator.name, item.indicator.unit or "", a.as_of, a.value, a.plan_expected,
                     str(labels.year_badge(a.year_status)["word"]), a.final_target, a.final_year, a.projected,
                     a.progress_ratio, str(labels.METHOD.get(a.method or "", "")), str(labels.outlook_badge(a.outlook)["word"])])
    return rows


def to_csv(program: Program, items: list[PublicIndicator]) -> bytes:
    """One row per indicator, year and series (tidy), with a BOM so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(_long_header()))
    for row in _long_rows(program, items):
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(program: Program, items: list[PublicIndicator]) -> bytes:
    wb = Workbook()
    data = wb.active
    data.title = _("数据")
    data.append(safe_row(_long_header()))
    for row in _long_rows(program, items):
        data.append(safe_row(row))
    verdicts = wb.create_sheet(_("研判"))
    verdicts.append(safe_row(_verdict_header()))
    for row in _verdict_rows(items):
        verdicts.append(safe_row(row))
    method = wb.create_sheet(_("研判依据"))
    method.append(safe_row([_("指标"), _("步骤"), _("说明")]))
    for item in items:
        for step in item.steps:
            method.append(safe_row([item.indicator.name, str(step["step"]), str(step["text"])]))
    for sheet in (data, verdicts, method):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["B"].width = 30
        sheet.freeze_panes = "A2"
    return workbook_bytes(wb)


def to_json(program: Program, items: list[PublicIndicator]) -> bytes:
    body = {"programme": program_record(program), "method_version": 1,
            "indicators": [indicator_record(i) for i in items]}
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}


def program_file(program: Program, fmt: str) -> bytes:
    return WRITERS[fmt](program, selectors.public_verdicts(program))


def indicator_file(program: Program, item: PublicIndicator, fmt: str) -> bytes:
    return WRITERS[fmt](program, [item])


def bulk_zip() -> bytes:
    """Every published programme and indicator in every format, in one archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def add(name: str, data: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)

        listing = []
        for program in selectors.public_programs():
            items = selectors.public_verdicts(program)
            folder = f"programme-{program.pk}"
            for fmt, writer in WRITERS.items():
                add(f"{folder}/programme-{program.pk}.{fmt}", writer(program, items))
                for item in items:
                    add(f"{folder}/indicator-{item.indicator.pk}.{fmt}", writer(program, [item]))
            listing.append(f"{folder}: {program.title}")
        add("README.txt", (_("政务公开数据（已公开的项目与指标）") + "\n" + "\n".join(listing) + "\n").encode("utf-8"))
    return buffer.getvalue()
