"""Benchmark: monitoring pages, server side: dashboard, indicator page, comparison across programmes.

    python benchmarks/monitoring_pages.py [--programs 20] [--indicators 20] [--years 5] [--requests 200]

Builds, in a throw-away SQLite database (or DATABASE_URL), N programmes of one province with M
indicators each and a value for every year (with one correction per indicator, so the history
table is not empty), links indicator 0 of every programme to one catalogue entry, signs in a
province office user with Django's test Client in-process, requests each page N times and prints:

    page=… n=… p50_ms=… p95_ms=… queries=…

Target (issue 4): dashboard of a programme with 20 indicators × 5 years, and the comparison page
across 20 programmes, p95 ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile

from _harness import measure, percentile, setup


def build(n_programs: int, n_indicators: int, n_years: int):
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from ipcity.core.models import Department, Profile, Region, Role
    from ipcity.monitoring.models import IndicatorActual, IndicatorLink, StandardIndicator
    from ipcity.programs import models as m

    start = 2021
    with transaction.atomic():
        province = Region.objects.create(code="340000", name="安徽省", level="province")
        programs = []
        for p in range(n_programs):
            city = Region.objects.create(code=f"34{p + 1:02d}00", name=f"城市{p}", level="city", parent=province)
            dept = Department.objects.create(region=city, name="市市场监管局")
            prog = m.Program.objects.create(title=f"城市{p}工作方案", region=city, region_name=f"城市{p}",
                                            start_year=start + 1, end_year=start + n_years)
            inds = m.Indicator.objects.bulk_create(
                m.Indicator(program=prog, order=i, name=f"指标{i}" if i else "每万人口高价值发明专利拥有量",
                            unit="%" if i % 4 == 3 else "件", baseline_year=start, baseline_value=10 + i,
                            tags=["年均值"] if i % 7 == 6 else [], owner_department=dept)
                for i in range(n_indicators))
            m.IndicatorTarget.objects.bulk_create(
                m.IndicatorTarget(indicator=ind, year=start + k, value=10 + ind.order + 2 * k)
                for ind in inds for k in range(2, n_years + 1))
            actuals = []
            for ind in inds:
                for k in range(1, n_years + 1):
                    value = 10 + ind.order + k * (1 + (ind.order + p) % 5) / 2
                    actuals.append(IndicatorActual(indicator=ind, year=start + k, value=value * 0.97, is_current=False,
                                                   source="初报"))
                    actuals.append(IndicatorActual(indicator=ind, year=start + k, value=value, source="统计公报"))
            IndicatorActual.objects.bulk_create(actuals)
            programs.append((prog, inds))
        standard, _created = StandardIndicator.objects.get_or_create(  # seeded by migration 0003
            code="HVIP_PER_10K", defaults={"name": "每万人口高价值发明专利拥有量", "unit": "件"})
        IndicatorLink.objects.bulk_create(IndicatorLink(standard=standard, indicator=inds[0]) for _, inds in programs)
        user = get_user_model().objects.create_user("bench_office", password=None)
        Profile.objects.create(user=user, role=Role.OFFICE, region=province)
    return programs, user


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--programs", type=int, default=20)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ipcity-bench-") as tmp:
        setup(tmp)
        from django.test import Client
        from django.urls import reverse

        programs, user = build(args.programs, args.indicators, args.years)
        client = Client()
        client.force_login(user)
        print(f"programs={args.programs} indicators={args.indicators} years={args.years} requests={args.requests}")
        pages = {
            "monitoring:dashboard": [reverse("monitoring:dashboard", args=[p.pk]) for p, _ in programs],
            "monitoring:indicator": [reverse("monitoring:indicator", args=[p.pk, inds[i % len(inds)].pk])
                                     for i, (p, inds) in enumerate(programs)],
            "monitoring:compare": [reverse("monitoring:compare")],
            "api:verdicts": [f"/api/monitoring/programs/{p.pk}/verdicts" for p, _ in programs],
        }
        worst = 0.0
        for page, urls in pages.items():
            times, _cpu, queries = measure(client, urls, args.requests)
            p95 = percentile(times, 95)
            worst = max(worst, p95)
            print(f"page={page} n={len(times)} p50_ms={statistics.median(times):.1f} p95_ms={p95:.1f} queries={queries}")
        print(f"worst_p95_ms={worst:.1f} target_ms=150 {'OK' if worst <= 150 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
