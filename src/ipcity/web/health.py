"""/healthz: is this instance able to serve? For a load balancer, systemd or an operator's probe.

No login (a probe has no session) and no detail beyond up/down per part, so an anonymous caller
learns nothing about the installation. 200 when every part is up, 503 when one is down; the reason
of a failure goes to the application log, where the operator looks next.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_job_queue() -> None:
    """Huey's storage answers (SQLite file in the data directory): jobs can be queued and read."""
    from huey.contrib.djhuey import HUEY

    HUEY.storage.queue_size()


def check_data_directory() -> None:
    """Uploads, datasets and the SQLite files live there: a full or read-only disk stops writes."""
    data_dir = settings.DATA_DIR
    fd, name = tempfile.mkstemp(prefix=".healthz-", dir=data_dir)
    try:
        os.write(fd, b"ok")
        os.fsync(fd)
    finally:
        os.close(fd)
        os.unlink(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "job_queue": check_job_queue,
    "data_directory": check_data_directory,
}


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    states = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means "down"; the reason is logged, not shown
            logger.exception("healthz: %s is down", name)
            states[name] = "down"
        else:
            states[name] = "up"
    healthy = all(state == "up" for state in states.values())
    return JsonResponse({"status": "up" if healthy else "down", "checks": states}, status=200 if healthy else 503)
