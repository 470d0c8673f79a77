"""Stage 5: extracted items → the ``ipcity-plan/1`` dict (keys in the order of the spec).

Evidence is the passage of the reader's text an item was read from, with its offsets.
"""

from __future__ import annotations

from ipcity.plans.extract.indicator_item import Indicator
from ipcity.plans.extract.metadata import Metadata
from ipcity.plans.extract.phases import Phase
from ipcity.plans.extract.reporting import Duty
from ipcity.plans.extract.task_tables import Task

FORMAT = "ipcity-plan/1"
# Evidence longer than this is cut: a reviewer needs the place, not a whole chapter.
_EVIDENCE_MAX = 2000


def evidence(source: str, span: tuple[int, int]) -> dict:
    start, end = span
    start = max(0, min(start, len(source)))
    end = max(start, min(end, len(source), start + _EVIDENCE_MAX))
    return {"text": source[start:end], "start": start, "end": end}


def indicator_dict(item: Indicator, source: str) -> dict:
    return {
        "name": item.name,
        "unit": item.unit,
        "baseline": item.baseline,
        "targets": item.targets,
        "qualitative_target": item.qualitative_target,
        "tags": item.tags,
        "source": item.source,
        "evidence": evidence(source, item.span),
    }


def task_dict(task: Task, source: str) -> dict:
    return {
        "ref": task.ref,
        "title": task.title,
        "departments": task.departments,
        "lead": task.lead,
        "targets": task.targets,
        "evidence": evidence(source, task.span),
    }


# The format requires a region (minLength 1); a plan whose region was not found says so in words,
# with a warning, and the office names it at review.
REGION_NOT_FOUND = "未识别"


def plan_dict(source: str, meta: Metadata, indicators: list[Indicator], tasks: list[Task],
              phases: list[Phase], duties: list[Duty]) -> dict:
    start, end = meta.period if meta.period else (0, 0)
    return {
        "format": FORMAT,
        "title": meta.title,
        "region": meta.region or REGION_NOT_FOUND,
        "issuer": meta.issuer,
        "doc_number": meta.doc_number,
        "issued_on": meta.issued_on,
        "period": {"start": start, "end": end},
        "indicators": [indicator_dict(i, source) for i in indicators],
        "tasks": [task_dict(t, source) for t in tasks],
        "phases": [{"name": p.name, "start": p.start, "end": p.end} for p in phases],
        "reporting": [{"what": d.what, "who": d.who, "due": d.due} for d in duties],
    }
