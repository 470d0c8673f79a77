"""What the page benchmarks share: a Django set-up on a throw-away data directory, timing, percentiles.

The scripts run as ``python benchmarks/NAME.py``, so this folder is on ``sys.path``.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager


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


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """The SQL statements run inside the block, in a list filled as they run."""
    from django.db import connection

    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield executed


def office_client(username: str = "bench_office"):
    """An office user (no region, no department) signed in with Django's test Client."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from ipcity.core.models import Profile, Role

    user = get_user_model().objects.create_user(username, password=None)
    Profile.objects.create(user=user, role=Role.OFFICE)
    client = Client()
    client.force_login(user)
    return user, client


def measure(client, urls: list[str], requests: int) -> tuple[list[float], list[float], int]:
    """Time ``requests`` GETs cycling through ``urls``: (wall ms, CPU ms, queries of the first URL)."""
    for url in urls[:3]:  # warm caches (templates, URL resolver)
        client.get(url)
    with counted_queries() as executed:
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


def duckdb_csv_to_parquet(path, out) -> float:
    """Seconds DuckDB takes to read a CSV (every column as text) and write it as Parquet: the
    reference the import benchmarks print their ``ratio_vs_duckdb`` against, in the same run."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("SET threads = 2")
        started = time.perf_counter()
        con.execute(f"COPY (SELECT * FROM read_csv('{path}', all_varchar = true, header = true)) "
                    f"TO '{out}' (FORMAT parquet)")
        return time.perf_counter() - started
    finally:
        con.close()


class PeakRss:
    """``with PeakRss() as peak: ...``; then ``peak.mb`` is the largest resident set seen (sampled
    every 50 ms on a thread), the memory figure of the import benchmarks."""

    def __enter__(self) -> PeakRss:
        import threading

        import psutil

        self.peak = 0
        self._stop = threading.Event()

        def sample() -> None:
            process = psutil.Process()
            while not self._stop.wait(0.05):
                self.peak = max(self.peak, process.memory_info().rss)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return self.peak / 2**20
