"""A programme as a plan in the interchange format (``ipcity-plan/1``): the inverse of the loader.

``program_to_plan(program_create_from_plan(plan=p, ...)) == p`` for every valid plan whose target
years are given (a target without a year is stored under the plan's end year, the convention of
the gold files). Departments are exported as each document wrote them (``name_as_written``), so
alias matching on import loses nothing. Evidence is exported where it was stored.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from ipcity.core.key_order import by_sequence
from ipcity.programs.models import Indicator, IndicatorTarget, Program, Task, TaskAssignment, TaskTarget
from ipcity.text import plain_number

PLAN_FORMAT = "ipcity-plan/1"


def program_to_plan(program: Program) -> dict:
    """The whole programme as a plan dict (six queries whatever its size)."""
    indicators = (
        Indicator.objects.filter(program=program)
        .order_by("order", "id")
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("id")))
    )
    tasks = Task.objects.filter(program=program).order_by("order", "id").prefetch_related(
        Prefetch("assignments", queryset=TaskAssignment.objects.order_by("order", "id")),
        Prefetch("targets", queryset=TaskTarget.objects.order_by("order", "id")),
    )
    return {
        "format": PLAN_FORMAT,
        "title": program.title,
        "region": program.region_name,
        "issuer": program.issuer,
        "doc_number": program.doc_number,
        "issued_on": program.issued_on.isoformat() if program.issued_on else None,
        "period": {"start": program.start_year, "end": program.end_year},
        "indicators": [indicator_to_plan(indicator) for indicator in indicators],
        "tasks": [task_to_plan(task) for task in tasks],
        "phases": [
            {"name": phase.name, "start": phase.start, "end": phase.end}
            for phase in program.phases.order_by("order", "id")
        ],
        "reporting": [
            {"what": duty.what, "who": duty.who, "due": duty.due_dict()}
            for duty in program.reporting_duties.order_by("order", "id")
        ],
    }


def indicator_to_plan(indicator: Indicator) -> dict:
    baseline = None
    if indicator.baseline_value is not None:
        baseline = {"year": indicator.baseline_year, "value": plain_number(indicator.baseline_value)}
    item: dict[str, Any] = {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": baseline,
        "targets": [
            {"year": target.year, "value": plain_number(target.value), "comparator": target.comparator}
            for target in indicator.targets.all()
        ],
        "qualitative_target": indicator.qualitative_target,
        "tags": list(indicator.tags or []),
        "source": indicator.source,
    }
    if indicator.evidence:
        item["evidence"] = evidence_in_order(indicator.evidence)
    return item


def task_to_plan(task: Task) -> dict:
    assignments = list(task.assignments.all())
    item: dict[str, Any] = {
        "ref": task.ref,
        "title": task.title,
        "departments": [a.name_as_written for a in assignments],
        "lead": [a.name_as_written for a in assignments if a.is_lead],
        "targets": [
            {
                "name": target.name,
                "year": target.year,
                "value": plain_number(target.value),
                "unit": target.unit,
                "comparator": target.comparator,
            }
            for target in task.targets.all()
        ],
    }
    if task.evidence:
        item["evidence"] = evidence_in_order(task.evidence)
    return item


# An item's evidence as the format writes it (text, start, end; then what OCR adds, ``plans.read.ocr``).
_EVIDENCE_KEYS = ("text", "start", "end", "ocr", "ocr_confidence")


def evidence_in_order(evidence: dict) -> dict:
    """The stored evidence in the format's key order, not the database's: PostgreSQL's jsonb gives
    keys back shortest first (end, text, start); a key the format does not name comes last."""
    return by_sequence(evidence, _EVIDENCE_KEYS)


