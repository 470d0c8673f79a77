"""The annual monitoring and evaluation report of one programme for year Y.

Indicators are judged by the dashboard's own functions (``monitoring.selectors.judge`` with the
programme's thresholds, as of Y); tasks come from the supervision board's roll-up of the round
reporting on Y; problems and next steps are the departments' words from their handed-in reports.
The builder sees the whole programme (it is the office's document), not one user's share of it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipcity.monitoring import labels
from ipcity.monitoring import selectors as monitoring
from ipcity.programs.models import Program
from ipcity.programs.sections import section_titles
from ipcity.reports.snapshot.common import (
    ReportDataMissing,
    as_of_date,
    clean,
    now_stamp,
    program_header,
    year_round,
)
from ipcity.supervision.models import Round
from ipcity.supervision.selectors import board as boards
from ipcity.supervision.selectors.reported_texts import reported_texts
from ipcity.supervision.selectors.rollup import rollup

BEHIND_OUTLOOKS = ("needs_acceleration", "off_track", "regressing")


def indicator_rows(program: Program, year: int) -> tuple[list[dict], list[dict]]:
    """(rows, value records): every indicator judged as of ``year``, as the dashboard judges it."""
    thresholds = monitoring.program_thresholds(program)
    rows, records = [], []
    for indicator in monitoring.indicators_for_judging([program.pk]).order_by("order", "pk"):
        verdict = monitoring.judge(indicator, thresholds, year)
        a = verdict.assessment
        targets = sorted(indicator.targets.all(), key=lambda t: t.year)
        target_y = next((t.value for t in targets if t.year == year), None)
        final = targets[-1] if targets else None
        actuals = [r for r in getattr(indicator, "current_actuals", []) if r.year <= year]
        records += [{"indicator_id": indicator.pk, "record_id": r.pk, "year": r.year, "value": r.value,
                     "entered_at": r.entered_at.isoformat(timespec="seconds"), "source": r.source,
                     "computed": r.computed, "dataset": _dataset_name(r.lineage)} for r in actuals]
        year_word, _colour = labels.YEAR_STATUS.get(a.year_status, (a.year_status, ""))
        outlook_word, _colour = labels.OUTLOOK.get(a.outlook, (a.outlook, ""))
        rows.append({
            "id": indicator.pk, "name": indicator.name, "unit": indicator.unit or "",
            "department": indicator.owner_department.name if indicator.owner_department else "",
            "baseline_year": indicator.baseline_year, "baseline": clean(indicator.baseline_value),
            "target": clean(target_y), "expected": clean(a.expected),
            "final_year": final.year if final else None, "final_target": clean(final.value) if final else None,
            "qualitative_target": indicator.qualitative_target or "",
            "actual": clean(a.value) if a.as_of == year else None, "actual_year": a.as_of,
            "year_status": a.year_status, "year_word": str(year_word),
            "outlook": a.outlook, "outlook_word": str(outlook_word),
            "projected": clean(a.projected), "required_growth": clean(a.required_annual_growth),
            "series": [[r.year, clean(r.value)] for r in actuals],
            "plan": ([[indicator.baseline_year, clean(indicator.baseline_value)]]
                     if indicator.baseline_year and indicator.baseline_value is not None else [])
                    + [[t.year, clean(t.value)] for t in targets],
            "reference": [[r.year, clean(r.value)] for r in getattr(indicator, "references", []) if r.year <= year],
        })
    return rows, records


def _dataset_name(lineage: dict | None) -> str | None:
    """The dataset a computed value came from: the engine's lineage keeps it as an object (name,
    source file, rows…); a lineage given through the API may name it as a string."""
    dataset = (lineage or {}).get("dataset")
    return (dataset.get("name") or None) if isinstance(dataset, dict) else (dataset or None)


def task_sections(program: Program, rnd: Round, cells: list) -> tuple[list[dict], int]:
    sections, completion = rollup(reporting_round=rnd, cells=cells)
    titles = section_titles(program.source_text, [s.section for s in sections])
    out = []
    for s in sections:
        heading = titles.get(s.section) or []
        out.append({
            "section": s.section, "title": heading[-1] if heading else (s.section.replace("/", "") or _("其他任务")),
            "completion": s.completion, "done": s.done, "count": len(s.tasks),
            "tasks": [{"ref": t.ref, "title": t.title, "status": t.status, "status_label": str(t.status_label),
                       "progress": t.progress, "department": t.decided_by, "others": t.others_text}
                      for t in s.tasks],
        })
    return out, completion


def build(*, program: Program, year: int, reporting_round: Round | None = None, **_ignored) -> tuple[dict, dict]:
    indicators, records = indicator_rows(program, year)
    rnd = year_round(program, year, reporting_round)
    missing: list[tuple[str, dict]] = []
    if not any(row["actual"] is not None for row in indicators):
        missing.append((gettext_noop("%(year)s 年没有任何指标的实际值（请先在“监测”中填报或计算）"), {"year": year}))
    if rnd is None:
        missing.append((gettext_noop("没有报告 %(year)s 年度工作的督查轮次（请先在“督查督办”中发起）"), {"year": year}))
    if missing:
        raise ReportDataMissing(missing)
    assert rnd is not None
    snapshot = {"kind": "annual", "program": program_header(program), "year": year, **now_stamp(),
                "round": {"id": rnd.pk, "title": rnd.title, "due_date": rnd.due_date.isoformat()}}
    cells = boards.round_cells(rnd)
    board = boards.board(reporting_round=rnd, today=as_of_date(snapshot), cells=cells)
    sections, completion = task_sections(program, rnd, cells)
    summaries, lines = reported_texts(reporting_round=rnd)
    year_counts = {code: 0 for code in labels.YEAR_STATUS}
    outlook_counts = {code: 0 for code in labels.OUTLOOK}
    for row in indicators:
        year_counts[row["year_status"]] = year_counts.get(row["year_status"], 0) + 1
        outlook_counts[row["outlook"]] = outlook_counts.get(row["outlook"], 0) + 1
    behind_tasks = [{"department": c.department, "task_ref": c.task_ref, "task_title": c.task_title,
                     "colour": c.colour, "colour_word": str(c.colour_word), "reason": str(c.reason)}
                    for c in board.cells if c.colour in ("red", "yellow")]
    snapshot.update({
        "indicators": indicators,
        "year_counts": [{"code": c, "word": str(labels.YEAR_STATUS[c][0]), "count": n} for c, n in year_counts.items()],
        "outlook_counts": [{"code": c, "word": str(labels.OUTLOOK[c][0]), "count": n} for c, n in outlook_counts.items()],
        "sections": sections, "completion": completion,
        "board_counts": dict(board.counts), "expected_progress": board.expected,
        "summaries": summaries,
        "problems": [li for li in lines if li["reason"] or li["remedy"]],
        "behind_indicators": [r for r in indicators if r["year_status"] == "behind" or r["outlook"] in BEHIND_OUTLOOKS],
        "behind_tasks": behind_tasks,
    })
    source = {"value_records": records, "round": {"id": rnd.pk, "title": rnd.title, "period_year": rnd.period_year},
              "datasets": sorted({r["dataset"] for r in records if r["dataset"]}),
              "reports": [s["report_id"] for s in summaries]}
    return snapshot, source
