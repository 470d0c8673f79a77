"""Record one indicator's value COUNT times through the monitoring service, as fast as it can:
``python -m tests.ops.drivers.write_values WORKER COUNT GO_FILE``. Two of these at once are
the SQLite concurrency test; any "database is locked" ends the process with a traceback.
Prints ``ready`` once set up, waits for GO_FILE to exist, writes, then prints the wall-clock
times of its first attempt and last commit (``start end``).

Every write corrects the same indicator-year, so the two processes contend for the same rows.
"""

from __future__ import annotations

import os
import sys
import time


def main(worker: int, count: int, go_file: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcity.web.settings")
    import django

    django.setup()
    from ipcity.monitoring import selectors, services
    from ipcity.programs.models import Indicator

    indicator = Indicator.objects.order_by("pk").first()
    year = selectors.indicator_years(indicator).start
    print("ready", flush=True)
    while not os.path.exists(go_file):  # both processes start writing together
        time.sleep(0.005)
    started = time.time()
    for i in range(count):
        services.actual_value_record(indicator=indicator, year=year, value=value(worker, i), user=None,
                                     source=f"worker {worker}")
    print(started, time.time(), flush=True)


def value(worker: int, i: int) -> float:
    return round(1 + worker * 0.001 + i * 0.01, 3)  # distinct per write, acceptable to every unit


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
