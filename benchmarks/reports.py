"""Benchmark: a 30-page annual report as PDF and as .docx (target: each ≤ 10 s).

    python benchmarks/reports.py [--indicators 28] [--tasks 100] [--runs 3]

Loads the demo (示例市, ``ipcity demo --no-seeds``) into a throw-away data directory, then widens
its programme to ``--indicators`` indicators (each with targets, three years of values and a
chart) and ``--tasks`` tasks, so the annual report runs to about 30 pages. Times
``reports.build.build_report`` (snapshot + layout; the snapshot alone separately) per format,
best and median of ``--runs``, and prints the page count. Ends with lines
``pdf pages=… best_s=… median_s=…`` and ``docx …``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time

import _harness


def widen(program, n_indicators: int, n_tasks: int) -> None:
    from ipcity.monitoring.models import IndicatorActual
    from ipcity.programs.models import Indicator, IndicatorTarget, Task

    template = list(Indicator.objects.filter(program=program).prefetch_related("targets", "actuals"))
    for i in range(len(template), n_indicators):
        base = template[i % len(template)]
        copy = Indicator.objects.create(program=program, order=i, name=f"{base.name}（口径{i}）", unit=base.unit,
                                        baseline_year=base.baseline_year, baseline_value=base.baseline_value,
                                        owner_department=base.owner_department, tags=base.tags)
        IndicatorTarget.objects.bulk_create(IndicatorTarget(indicator=copy, year=t.year, value=t.value,
                                                            comparator=t.comparator) for t in base.targets.all())
        IndicatorActual.objects.bulk_create(IndicatorActual(indicator=copy, year=a.year, value=a.value * (1 + i / 50),
                                                            source="基准测试", channel="demo")
                                            for a in base.actuals.filter(is_current=True))
    tasks = list(Task.objects.filter(program=program).order_by("order"))
    Task.objects.bulk_create(
        Task(program=program, order=100 + t, ref=f"{tasks[t % len(tasks)].ref.rsplit('/', 1)[0]}/{100 + t}",
             title=f"推进知识产权强市建设重点任务第{t}项，完善工作机制并加强督促检查")
        for t in range(max(0, n_tasks - len(tasks))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=28)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="ipcity-bench-reports-")
    _harness.setup(data_dir, IPCITY_AXES="0", IPCITY_DEMO_PASSWORD="Bench-Reports-2026")
    from pathlib import Path

    import pdfplumber

    from ipcity.programs.demo import load_demo
    from ipcity.programs.models import Program
    from ipcity.reports.build import build_report
    from ipcity.reports.snapshot import build_snapshot
    from ipcity.supervision.models import Round

    load_demo(stdout=io.StringIO(), seeds_dir=Path(data_dir) / "no-seeds")
    program = Program.objects.get(is_sample=True)
    year = Round.objects.get(program=program, key="demo:current").period_year
    widen(program, args.indicators, args.tasks)
    start = time.perf_counter()
    build_snapshot("annual", program=program, year=year)
    print(f"snapshot s={time.perf_counter() - start:.2f} indicators={args.indicators} tasks={args.tasks}")
    for fmt in ("pdf", "docx"):
        times, content = [], b""
        for _ in range(args.runs):
            start = time.perf_counter()
            content = build_report(program=program, kind="annual", year=year, fmt=fmt).content
            times.append(time.perf_counter() - start)
        if fmt == "pdf":
            pages = len(pdfplumber.open(io.BytesIO(content)).pages)
            Path(data_dir, "annual.pdf").write_bytes(content)
        else:
            import docx

            pages = len(docx.Document(io.BytesIO(content)).paragraphs)  # Word paginates; paragraphs instead
        label = "pages" if fmt == "pdf" else "paragraphs"
        print(f"{fmt} {label}={pages} bytes={len(content)} best_s={min(times):.2f} "
              f"median_s={statistics.median(times):.2f} target_s=10 {'ok' if max(times) <= 10 else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
