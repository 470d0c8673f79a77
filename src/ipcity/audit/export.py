"""The audit trail as a spreadsheet (.xlsx) or CSV, for the office's own records and inspections."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from ipcity.audit.models import AuditEvent
from ipcity.audit.selectors import event_changes
from ipcity.core.spreadsheets import neutralise, workbook_bytes

COLUMNS = ["时间", "操作人", "操作", "对象类型", "对象编号", "对象", "变更内容", "变更前", "变更后", "备注", "来源地址"]


def event_row(event: AuditEvent) -> list[str]:
    """One line per event; times in the site's zone (Asia/Shanghai), JSON kept for completeness."""
    changes = "; ".join(f"{c.field}: {c.old!r} → {c.new!r}" for c in event_changes(event))
    return [
        timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
        event.actor_name,
        event.action,
        event.object_type,
        event.object_id,
        event.object_repr,
        changes,
        _json(event.before),
        _json(event.after),
        event.note,
        event.client_ip or "",
    ]


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def events_csv(events: Iterable[AuditEvent]) -> bytes:
    # A BOM so that Excel on a Chinese Windows opens the UTF-8 file correctly.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow([neutralise(v) for v in event_row(event)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def events_xlsx(events: Iterable[AuditEvent]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "审计记录"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for event in events:
        ws.append([neutralise(v) for v in event_row(event)])
    for letter, width in zip("ABCDEFGHIJK", (20, 14, 22, 20, 10, 36, 60, 40, 40, 20, 16), strict=True):
        ws.column_dimensions[letter].width = width
    return workbook_bytes(wb)
