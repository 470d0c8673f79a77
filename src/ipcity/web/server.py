"""What ``ipcity serve`` does before and while serving: check, collect static files, supervise.

- ``preflight``: the vendored scripts are there, the database answers and the port is free, else
  one line naming what to fix
  (settings problems surface earlier, as ImproperlyConfigured from the settings module).
- ``collect_static``: ``collectstatic`` only when the static sources changed since the last run
  (a fingerprint of their names, sizes and times), so a restart costs nothing.
- ``Supervisor``: runs gunicorn and the huey job worker as children in this process group,
  restarts the job worker when it dies, and stops both when it is told to stop or gunicorn ends.
  Children also get SIGTERM if the supervisor itself dies (``PR_SET_PDEATHSIG``), so a
  ``kill -9`` of ``ipcity serve`` leaves no orphan serving stale code.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger("ipcity.serve")

FINGERPRINT_FILE = ".ipcity-collected"
# A job worker that dies sooner than this after its start is crashing on start-up: wait before
# the next try instead of spinning.
QUICK_DEATH_SECONDS = 5.0
MAX_RESTART_DELAY = 60.0


class StartError(Exception):
    """A reason not to start, in one line naming the setting or option to fix."""


def default_workers() -> int:
    """One worker process per core and one more, so a core is busy while another worker waits on
    the database. Measured on 2 cores (benchmarks/http_load.py, PostgreSQL): 3 sync workers gave
    119–122 requests/s at p95 ≈ 200 ms, 4 workers 116 requests/s; more only add switching."""
    return max(2, (os.cpu_count() or 1) + 1)


def check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise StartError(f"--port/PORT: cannot listen on {host}:{port} ({exc.strerror})") from None


def check_database() -> None:
    from django.conf import settings
    from django.db import connection
    from django.db.utils import Error

    db = settings.DATABASES["default"]
    setting = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "IPCITY_DATA_DIR"
    where = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db.get('NAME')}" \
        if "postgresql" in db["ENGINE"] else str(db.get("NAME"))
    try:
        connection.ensure_connection()
        # Django 5.2 refuses servers older than PostgreSQL 14; say so here rather than mid-request.
        connection.check_database_version_supported()
    except Error as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[-1].strip()
        raise StartError(f"{setting}: cannot use the database at {where} ({reason})") from None
    except Exception as exc:  # NotSupportedError for an old server is a Django, not a DB-API, error
        raise StartError(f"{setting}: {exc}") from None
    finally:
        connection.close()


# Fetched from npm by `make vendor`, not committed: without them pages would fail (500) in
# production, where every static name must be in collectstatic's manifest.
VENDORED = ("vendor/echarts.min.js", "vendor/htmx.min.js", "vendor/swagger-ui/swagger-ui-bundle.js",
            "vendor/swagger-ui/swagger-ui.css")


def check_vendored() -> None:
    from django.contrib.staticfiles import finders

    missing = [name for name in VENDORED if not finders.find(name)]
    if missing:
        raise StartError(f"static files missing: {', '.join(missing)} (run `make vendor`, which needs npm, or copy "
                         "src/ipcity/web/static/vendor/ from a machine where it ran)")


def preflight(host: str, port: int) -> None:
    check_vendored()
    check_database()
    check_port(host, port)


def static_fingerprint() -> str:
    """Names, sizes and modification times of every source static file, and the storage in use."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore_patterns=["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static(force: bool = False) -> bool:
    """Run collectstatic when the sources changed; True when it ran."""
    from django.conf import settings
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    marker = root / FINGERPRINT_FILE
    fingerprint = static_fingerprint()
    if not force and marker.exists() and marker.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)
    marker.write_text(fingerprint)
    return True


# The child asks for SIGTERM when the supervisor dies (PR_SET_PDEATHSIG = 1; kept across exec),
# then becomes its program. Done by a small Python that then execs, not by ``preexec_fn``: that
# runs Python between fork and exec, which can deadlock when the forking process has other threads
# (the subprocess docs' warning; the supervisor's tests run inside a test worker that has them).
# The exec keeps the pid, so signals and the exit status are the program's own.
_WITH_PARENT_DEATH_SIGNAL = """\
import ctypes, os, signal, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
except (OSError, AttributeError):  # not Linux: the process group still covers Ctrl-C
    pass
if os.getppid() != int(sys.argv[1]):
    sys.exit(1)  # the supervisor died before the request took effect
os.execvp(sys.argv[2], sys.argv[2:])
"""


def with_parent_death_signal(argv: list[str]) -> list[str]:
    """``argv`` run so that it gets SIGTERM when this process dies, however it dies (a small
    Python trampoline sets the signal, then execs; no ``preexec_fn``, which is unsafe with
    threads). ``ipcity serve``'s children and tests/pgcluster.py's command use it."""
    return [sys.executable, "-I", "-S", "-c", _WITH_PARENT_DEATH_SIGNAL, str(os.getpid()), *argv]


@dataclass
class Child:
    name: str
    argv: list[str]
    proc: subprocess.Popen | None = None
    started: float = 0.0
    restarts: int = 0

    def start(self) -> None:
        self.proc = subprocess.Popen(with_parent_death_signal(self.argv))
        self.started = time.monotonic()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass
class Supervisor:
    """gunicorn plus the job worker; returns gunicorn's exit status from ``run``."""

    web: Child
    worker: Child | None = None
    poll_seconds: float = 0.5
    stopping: bool = field(default=False, init=False)
    _next_restart: float = field(default=0.0, init=False)

    def _on_signal(self, signum, _frame) -> None:
        self.stopping = True

    def run(self) -> int:
        previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
        try:
            self.web.start()
            if self.worker is not None:
                self.worker.start()
            while not self.stopping and self.web.alive():
                self._keep_worker()
                time.sleep(self.poll_seconds)
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return self.web.proc.returncode if self.web.proc else 1

    def _keep_worker(self) -> None:
        worker = self.worker
        if worker is None or worker.alive():
            return
        now = time.monotonic()
        if not self._next_restart:
            quick = now - worker.started < QUICK_DEATH_SECONDS
            delay = min(MAX_RESTART_DELAY, 2 ** min(worker.restarts, 6)) if quick else 0.0
            logger.warning("job worker exited with status %s; restarting in %.0f s",
                           worker.proc.returncode if worker.proc else "?", delay)
            self._next_restart = now + delay
        if now >= self._next_restart:
            worker.restarts += 1
            self._next_restart = 0.0
            worker.start()

    def stop(self, timeout: float = 30.0) -> None:
        children = [c for c in (self.web, self.worker) if c is not None and c.alive()]
        for child in children:
            child.proc.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of its workers
        deadline = time.monotonic() + timeout
        for child in children:
            try:
                child.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.proc.kill()
                child.proc.wait()


def gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [sys.executable, "-m", "gunicorn", "-c", "python:ipcity.web.gunicorn_conf", "--bind", bind,
            "--workers", str(workers), "--threads", str(threads)]


def worker_argv() -> list[str]:
    return [sys.executable, "-m", "ipcity.manage", "run_huey", "--quiet"]
