"""JSON API for programmes: the list and one programme in full. Scoped like the pages.

A reporter gets the programmes its department works on, and within one only the indicators it
owns and the tasks it answers for (the same rule as the programme pages).
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from ipcity.core.access import user_department_id
from ipcity.programs import selectors
from ipcity.programs.access import access_program
from ipcity.programs.lifecycle import program_state

router = Router(tags=["programs"])


class Period(Schema):
    start: int
    end: int


class Counts(Schema):
    """What the programme holds; for a reporter its department's indicators and tasks (those the
    programme's detail lists for it), the departments still the programme's."""

    indicators: int
    tasks: int
    departments: int


class ProgramSummary(Schema):
    id: int
    title: str
    region: str
    region_code: str
    period: Period
    status: str
    state: str = Field(description="active (实施中), ended (已期满: today is after the end year; derived) or archived (已归档)")
    counts: Counts


class Target(Schema):
    year: int
    value: float
    comparator: str


class Baseline(Schema):
    year: int | None
    value: float


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str | None
    baseline: Baseline | None
    targets: list[Target]
    qualitative_target: str | None
    tags: list[str]
    owner_department_id: int | None


class AssignmentOut(Schema):
    department_id: int
    department: str
    is_lead: bool


class TaskTargetOut(Schema):
    name: str
    year: int | None
    value: float
    unit: str | None
    comparator: str


class TaskOut(Schema):
    id: int
    ref: str
    title: str
    departments: list[AssignmentOut]
    targets: list[TaskTargetOut]


class DepartmentOut(Schema):
    id: int
    name: str
    lead_tasks: int
    partner_tasks: int


class ProgramDetail(ProgramSummary):
    issuer: str | None
    doc_number: str | None
    issued_on: str | None
    indicators: list[IndicatorOut]
    tasks: list[TaskOut]
    departments: list[DepartmentOut]


def _summary(p) -> dict:
    return {
        "id": p.pk, "title": p.title, "region": p.region.name, "region_code": p.region.code,
        "period": {"start": p.start_year, "end": p.end_year}, "status": p.status, "state": program_state(p),
        "counts": {"indicators": p.indicator_count, "tasks": p.task_count, "departments": p.department_count},
    }


@router.get("", response=list[ProgramSummary], summary="Programmes the caller may see")
def program_list(request: HttpRequest, status: Literal["", "archived", "all"] = ""):
    """Archived programmes (``status: archived``) are left out unless ``?status=archived`` (those
    only) or ``?status=all``."""
    return [_summary(p) for p in selectors.program_list(request.user, status, own_work=True)]


@router.get("/{program_id}", response=ProgramDetail, summary="One programme: indicators, targets, tasks, departments")
def program_detail(request: HttpRequest, program_id: int):
    program = selectors.program_with_counts(access_program(request.user, program_id), user_department_id(request.user))
    _years, indicator_rows = selectors.program_indicators(program, request.user)
    tasks = selectors.program_tasks(program, request.user)
    matrix = selectors.responsibility_matrix(program, request.user, tasks=tasks)
    return {
        **_summary(program),
        "issuer": program.issuer, "doc_number": program.doc_number,
        "issued_on": program.issued_on.isoformat() if program.issued_on else None,
        "indicators": [_indicator(r.indicator) for r in indicator_rows],
        "tasks": [_task(t) for t in tasks],
        "departments": [
            {"id": r.department.pk, "name": r.department.name, "lead_tasks": r.lead_count, "partner_tasks": r.partner_count}
            for r in matrix.rows
        ],
    }


def _indicator(ind) -> dict:
    baseline = None
    if ind.baseline_value is not None:
        baseline = {"year": ind.baseline_year, "value": ind.baseline_value}
    return {
        "id": ind.pk, "name": ind.name, "unit": ind.unit, "baseline": baseline,
        "targets": [{"year": t.year, "value": t.value, "comparator": t.comparator} for t in ind.targets.all()],
        "qualitative_target": ind.qualitative_target, "tags": list(ind.tags or []),
        "owner_department_id": ind.owner_department_id,
    }


def _task(task) -> dict:
    return {
        "id": task.pk, "ref": task.ref, "title": task.title,
        "departments": [
            {"department_id": a.department_id, "department": a.department.name, "is_lead": a.is_lead}
            for a in task.assignments.all()
        ],
        "targets": [
            {"name": t.name, "year": t.year, "value": t.value, "unit": t.unit, "comparator": t.comparator}
            for t in task.targets.all()
        ],
    }
