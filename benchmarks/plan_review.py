"""Benchmark: one item's save on a 560-task plan import review, its card against the whole list.

    python benchmarks/plan_review.py [--tasks 560] [--requests 30] [--gold ../shared/seeds/gold]

In a throw-away SQLite database: the largest gold plan, its tasks repeated (each copy numbered)
up to ``--tasks``, is stored as a pending ``PlanImport``; an office user signed in with Django's
test Client saves task 100 (an HTMX POST, its title changed each time) N times on each path, in
the same run and process, alternating so that neither gets the warmer caches:

- ``item_card``: what the review does now, the saved card and the out-of-band pieces
  (``programs.importing.item_responses.saved``);
- ``full_list``: the reference, the answer as it was before, the whole list of tasks with the
  units table (``views._list_response``), put in place of the first for these requests.

Both go through the same view, save and access checks; only the answer differs. A third line
times saves of task 101 whose departments change each time (the units table goes out of band too). Prints:

    step=… n=… p50_ms=… p95_ms=… bytes=… queries=…
    speedup_p50=…
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _harness import counted_queries, office_client, percentile, setup

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "seeds" / "gold"
TASK = 100


def big_plan(gold: Path, tasks: int) -> dict:
    plans = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.json"))]
    largest = max(plans, key=lambda p: len(p["tasks"]))
    copies = []
    while len(copies) < tasks:
        for task in largest["tasks"]:
            n = len(copies)
            copies.append({**task, "ref": f"{task['ref']}#{n}", "title": f"{task['title']}（{n}）"})
    return {**largest, "tasks": copies[:tasks]}


def task_post(task: dict, title: str, extra_department: str | None = None) -> dict:
    departments = [*task["departments"], *([extra_department] if extra_department else [])]
    return {"ref": task["ref"], "title": title, "departments": "\n".join(departments), "lead": "\n".join(task["lead"]),
            "targets": "\n".join(f"{t['name']} | {t['year'] or ''} | {t['comparator']} | {t['value']} | "
                                 f"{t.get('unit') or ''}" for t in task["targets"])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=560)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args()
    if not any(args.gold.glob("*.json")):
        print(f"no gold plans under {args.gold}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="ipcity-bench-") as tmp:
        setup(tmp)
        from django.urls import reverse

        from ipcity.programs.importing import item_responses, selectors, views
        from ipcity.programs.models import PlanImport

        user, client = office_client()
        plan = big_plan(args.gold, args.tasks)
        imp = PlanImport.objects.create(original_name="bench.json", sha256="0" * 64, parsed=plan, edited=plan,
                                        created_by=user)
        urls = {i: reverse("programs:importing:item_edit", args=[imp.pk, "tasks", i]) for i in (TASK, TASK + 1)}
        new_path = item_responses.saved

        def full_list(request, plan_import, kind, index, **_):
            return views._list_response(request, plan_import, kind)

        def save(answer, i: int, extra_department: str | None = None, index: int = TASK) -> tuple[float, int, int]:
            task = plan["tasks"][index]
            item_responses.saved = answer  # type: ignore[assignment]
            try:
                with counted_queries() as executed:
                    start = time.perf_counter()
                    response = client.post(urls[index], task_post(task, f"{task['title']}·{i}", extra_department),
                                           HTTP_HX_REQUEST="true")
                    elapsed = (time.perf_counter() - start) * 1000
            finally:
                item_responses.saved = new_path  # type: ignore[assignment]
            assert response.status_code == 200, response.status_code
            return elapsed, len(response.content), len(executed)

        for i in range(3):  # warm templates, URL resolver, the plan's caches
            save(new_path, i)
            save(full_list, i)
        results: dict[str, list[tuple[float, int, int]]] = {"item_card": [], "full_list": [], "item_card_units": []}
        for i in range(args.requests):
            results["item_card"].append(save(new_path, i))
            results["full_list"].append(save(full_list, i))
            # another task, so that the first two never find their task's departments changed
            results["item_card_units"].append(save(new_path, i, extra_department=f"新设中心{i % 2}", index=TASK + 1))
        imp.refresh_from_db()
        start = time.perf_counter()
        selectors.review_problems(imp)
        validation_ms = (time.perf_counter() - start) * 1000

        medians = {}
        for step, rows in results.items():
            times = [r[0] for r in rows]
            medians[step] = statistics.median(times)
            print(f"step={step} tasks={args.tasks} n={len(times)} p50_ms={medians[step]:.1f} "
                  f"p95_ms={percentile(times, 95):.1f} bytes={rows[-1][1]} queries={rows[-1][2]}")
        print(f"validation_ms={validation_ms:.1f} (the plan's rules once; the new path runs them twice)")
        print(f"speedup_p50={medians['full_list'] / medians['item_card']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
