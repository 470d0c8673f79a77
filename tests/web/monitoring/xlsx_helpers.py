"""Fill a downloaded template the way a person would, in openpyxl."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ipcity.monitoring.xlsx import HEADERS


def fill(template: bytes, values: dict[tuple[int, int], object], extra_rows: list[list] | None = None) -> bytes:
    """Put ``values[(indicator_id, year)]`` in the 填报值 column; append ``extra_rows`` as written."""
    wb = load_workbook(io.BytesIO(template))
    ws = wb.active
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    for row in range(4, ws.max_row + 1):
        key = (ws.cell(row, col["指标编号"]).value, ws.cell(row, col["年份"]).value)
        if key in values:
            ws.cell(row, col["填报值"]).value = values[key]
            ws.cell(row, col["数据来源"]).value = "统计公报"
    for extra in extra_rows or []:
        ws.append(extra)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_rows(template: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(template)).active
    return [r for r in ws.iter_rows(min_row=4, values_only=True)]
