"""The audit trail as a spreadsheet (.xlsx) or CSV, for the office's own records and inspections."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font

from ipcity.audit.labels import action_label
from ipcity.audit.models import AuditEvent
from ipcity.audit.selectors import event_changes
from ipcity.audit.services import without_secrets
from ipcity.core.spreadsheets import neutralise, workbook_bytes

# gettext_noop: the catalogue learns the headers here; each file translates them when written.
# 操作 keeps the action's code (stable: what a spreadsheet filters on); 操作说明 gives its words.
COLUMNS = [gettext_noop("时间"), gettext_noop("操作人"), gettext_noop("操作"), gettext_noop("操作说明"),
           gettext_noop("对象类型"), gettext_noop("对象编号"), gettext_noop("对象"), gettext_noop("变更内容"),
           gettext_noop("变更前"), gettext_noop("变更后"), gettext_noop("备注"), gettext_noop("来源地址")]


def event_row(event: AuditEvent) -> list[str]:
    """One line per event; times in the site's zone (Asia/Shanghai), JSON kept for completeness."""
    changes = "; ".join(f"{c.field}: {c.old!r} → {c.new!r}" for c in event_changes(event))
    return [
        timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
        event.actor_name,
        event.action,
        action_label(event.action),
        event.object_type,
        event.object_id,
        event.object_repr,
        changes,
        _json(without_secrets(event.before)),
        _json(without_secrets(event.after)),
        event.note,
        event.client_ip or "",
    ]


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def events_csv(events: Iterable[AuditEvent]) -> bytes:
    # A BOM so that Excel on a Chinese Windows opens the UTF-8 file correctly.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([gettext(c) for c in COLUMNS])
    for event in events:
        writer.writerow([neutralise(v) for v in event_row(event)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def events_xlsx(events: Iterable[AuditEvent]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = gettext("审计记录")
    ws.append([gettext(c) for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for event in events:
        ws.append([neutralise(v) for v in event_row(event)])
    for letter, width in zip("ABCDEFGHIJKL", (20, 14, 22, 22, 20, 10, 36, 60, 40, 40, 20, 16), strict=True):
        ws.column_dimensions[letter].width = width
    return workbook_bytes(wb)
