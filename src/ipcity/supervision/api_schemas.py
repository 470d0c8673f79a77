"""What the supervision API answers, as OpenAPI schemas (``ipcity.supervision.api``).

Declared so that the schema at /api/docs says what a report, a board, a ranking and a
notification hold (field test of the JSON API, 2026-12: these routes had no response schema), and
so that django-ninja checks each answer against it.
"""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class LineOut(Schema):
    task_id: int
    task_ref: str
    is_lead: bool
    status: str
    progress: int | None
    done: str
    reason: str
    remedy: str
    office_comment: str


class ValueOut(Schema):
    indicator_id: int
    year: int
    value: float | None
    source: str
    note: str


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int


class ReportOut(Schema):
    id: int
    round_id: int
    department_id: int
    department: str
    status: str
    version: int
    summary: str
    office_comment: str
    times_returned: int
    first_submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    lines: list[LineOut]
    values: list[ValueOut]
    attachments: list[AttachmentOut]


class CellOut(Schema):
    department_id: int
    department: str
    task_id: int
    task_ref: str
    is_lead: bool
    report_id: int
    report_status: str
    line_status: str
    progress: int | None
    colour: str
    reason: str


class BoardOut(Schema):
    round_id: int
    due_date: dt.date
    expected_progress: int | None  # None: the plan's period is over
    counts: dict[str, int]
    cells: list[CellOut]


class ScoreOut(Schema):
    rank: int | None  # None: nothing due, not ranked
    department_id: int
    department: str
    due_reports: int
    on_time: int
    on_time_pct: int | None
    days_late: int
    times_returned: int
    completeness: int | None
    score: float | None
    nothing_due: bool


class NotificationOut(Schema):
    id: int
    kind: str
    program_id: int | None
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read: bool
