"""What the page benchmarks share: a Django set-up on a throw-away data directory, timing, percentiles.

The scripts run as ``python benchmarks/NAME.py``, so this folder is on ``sys.path``.
"""

from __future__ import annotations

import os
import statistics
import time


def setup(data_dir: str, **env: str) -> None:
    """Configure Django on ``data_dir`` with production-like templates, and migrate."""
    os.environ.setdefault("IPCITY_DATA_DIR", data_dir)
    os.environ.setdefault("IPCITY_DEBUG", "0")  # templates and settings as in production
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcity.web.settings")
    for name, value in env.items():
        os.environ.setdefault(name, value)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (1–99) of at least one value."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def measure(client, urls: list[str], requests: int) -> tuple[list[float], list[float], int]:
    """Time ``requests`` GETs cycling through ``urls``: (wall ms, CPU ms, queries of the first URL)."""
    from django.db import connection

    for url in urls[:3]:  # warm caches (templates, URL resolver)
        client.get(url)
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(urls[0])
    times, cpu = [], []
    for i in range(requests):
        url = urls[i % len(urls)]
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, cpu, len(executed)
