"""Benchmark: plan import, server side: saving a plan, the review screen, one HTMX edit, the export.

    python benchmarks/plan_import.py [--requests 100] [--gold ../shared/seeds/gold]

In a throw-away SQLite database (or DATABASE_URL): loads each gold plan with
``program_create_from_plan`` (the confirm step) and times it; stores the largest plan as a
pending ``PlanImport`` (once with its units matching existing departments, once with every unit
spelt anew so that each gets suggestions), signs in an office user with Django's test Client
in-process, requests the review screens, an indicator edit (HTMX POST) and the programme's plan
export N times each, and prints:

    step=… n=… p50_ms=… p95_ms=… queries=…

Target: every page p95 ≤ 150 ms (the platform's page target); a plan saves in well under a second.
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


def report(step: str, times: list[float], queries: int | str = "-") -> float:
    p95 = percentile(times, 95)
    print(f"step={step} n={len(times)} p50_ms={statistics.median(times):.1f} p95_ms={p95:.1f} queries={queries}")
    return p95


def timed_requests(client, method: str, url: str, requests: int, data=None, **extra) -> tuple[list[float], int]:
    call = getattr(client, method)
    call(url, data, **extra) if data is not None else call(url, **extra)  # warm up
    times, executed = [], []
    for i in range(requests):
        start = time.perf_counter()
        if i == 0:
            with counted_queries() as executed:
                response = call(url, data, **extra) if data is not None else call(url, **extra)
        else:
            response = call(url, data, **extra) if data is not None else call(url, **extra)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, len(executed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args()
    plans = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.gold.glob("*.json"))}
    if not plans:
        print(f"no gold plans under {args.gold}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="ipcity-bench-") as tmp:
        setup(tmp)
        from django.urls import reverse

        from ipcity.programs.models import PlanImport
        from ipcity.programs.services import program_create_from_plan

        user, client = office_client()

        load_times, programs = [], []
        for _ in range(3):  # the first round creates regions and departments, later ones reuse them
            for plan in plans.values():
                start = time.perf_counter()
                programs.append(program_create_from_plan(plan=plan, user=user))
                load_times.append((time.perf_counter() - start) * 1000)
        worst_load = report("program_create_from_plan", load_times)

        largest = max(plans.values(), key=lambda p: len(p["tasks"]) + len(p["indicators"]))
        imp = PlanImport.objects.create(original_name="bench.json", sha256="0" * 64, parsed=largest,
                                        edited=largest, created_by=user)
        pages = []
        times, queries = timed_requests(client, "get", reverse("programs:importing:review", args=[imp.pk]),
                                        args.requests)
        pages.append(report("review_page", times, queries))
        # The same plan with every unit spelt anew: no exact match, suggestions for every unit.
        respelt = json.loads(json.dumps(largest))
        for task in respelt["tasks"]:
            task["departments"] = [f"{d}办公室" for d in task["departments"]]
            task["lead"] = [f"{d}办公室" for d in task["lead"]]
        fresh = PlanImport.objects.create(original_name="bench2.json", sha256="1" * 64, parsed=respelt,
                                          edited=respelt, created_by=user)
        times, queries = timed_requests(client, "get", reverse("programs:importing:review", args=[fresh.pk]),
                                        args.requests)
        pages.append(report("review_page_unmatched_units", times, queries))
        item = largest["indicators"][0]
        edit = {"name": item["name"], "unit": item["unit"] or "", "baseline_year": "", "baseline_value": "",
                "targets": "2025 >= 12", "qualitative_target": "", "tags": "", "source": item["source"]}
        times, queries = timed_requests(
            client, "post", reverse("programs:importing:item_edit", args=[imp.pk, "indicators", 0]), args.requests,
            data=edit, HTTP_HX_REQUEST="true")
        pages.append(report("htmx_indicator_save", times, queries))
        times, queries = timed_requests(client, "get", reverse("programs:plan_json", args=[programs[-1].pk]),
                                        args.requests)
        pages.append(report("plan_json_export", times, queries))
        worst = max(pages)
        print(f"worst_page_p95_ms={worst:.1f} target_ms=150 {'OK' if worst <= 150 else 'OVER'} "
              f"worst_load_p95_ms={worst_load:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
