"""What the page benchmarks share: a Django set-up on a throw-away data directory, and percentiles.

The scripts run as ``python benchmarks/NAME.py``, so this folder is on ``sys.path``.
"""

from __future__ import annotations

import os
import statistics


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
