"""``ipcity serve``'s supervisor: the job worker is restarted when it dies, both children stop when
the supervisor is told to stop or gunicorn ends, and none outlives a killed supervisor."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import psutil

from ipcity.web import server


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_dying_job_worker_is_restarted_and_stopped_with_the_server(monkeypatch):
    monkeypatch.setattr(server, "QUICK_DEATH_SECONDS", 0.0)  # no back-off: restart at once
    web = server.Child("web", _python("import time, sys; time.sleep(3); sys.exit(3)"))
    worker = server.Child("jobs", _python("import time; time.sleep(0.3)"))
    supervisor = server.Supervisor(web=web, worker=worker, poll_seconds=0.1)
    assert supervisor.run() == 3  # gunicorn's exit status is the supervisor's
    assert worker.restarts >= 3
    assert not worker.alive()


def test_sigterm_stops_both_children():
    web = server.Child("web", _python("import time; time.sleep(60)"))
    worker = server.Child("jobs", _python("import time; time.sleep(60)"))
    supervisor = server.Supervisor(web=web, worker=worker, poll_seconds=0.1)
    threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM)).start()
    started = time.monotonic()
    supervisor.run()
    assert time.monotonic() - started < 10
    assert not web.alive() and not worker.alive()
    assert web.proc.returncode == -signal.SIGTERM and worker.proc.returncode == -signal.SIGTERM
    assert worker.restarts == 0


def test_a_quick_crash_waits_before_the_next_try():
    """A worker that dies at start is not restarted in a tight loop (its log would flood)."""
    web = server.Child("web", _python("import time, sys; time.sleep(2.5); sys.exit(0)"))
    worker = server.Child("jobs", _python("import sys; sys.exit(1)"))
    server.Supervisor(web=web, worker=worker, poll_seconds=0.05).run()
    # Back-off of 1 s, then 2 s: at most two restarts in 2.5 s instead of dozens.
    assert 1 <= worker.restarts <= 2


def test_children_do_not_outlive_a_killed_supervisor(tmp_path):
    script = textwrap.dedent("""
        import sys
        from ipcity.web import server
        sleep = [sys.executable, "-c", "import time; time.sleep(60)"]
        sup = server.Supervisor(web=server.Child("web", sleep), worker=server.Child("jobs", sleep))
        sup.run()
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 20
        children: list[psutil.Process] = []
        while len(children) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            children = psutil.Process(proc.pid).children()
        assert len(children) == 2
        proc.send_signal(signal.SIGKILL)  # no chance to clean up
        proc.wait()
        _gone, alive = psutil.wait_procs(children, timeout=10)
        assert not alive, "children outlived the supervisor"
    finally:
        proc.kill()
