"""The throw-away PostgreSQL clusters of the tests (tests/pgcluster.py) die with their starter.

A starter killed with SIGTERM or SIGKILL used to leave ``postgres -D /tmp/ipcity-pg-*/data``
running under pid 1, with its directory. Each test starts a cluster in a child Python process,
ends that process and checks, within a bounded wait, that no process names the cluster's
directory any more (the postmaster, the watchdog, a pg_ctl) and that the directory is gone.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.pgcluster import PG_BIN, cluster

REPO = Path(__file__).resolve().parents[1]
GONE_WITHIN = 30.0  # seconds; the tear-down takes well under one

pytestmark = [
    pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason=f"PostgreSQL binaries not in {PG_BIN}"),
    pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc to find the processes"),
]

# Prints "<its pid> <the cluster's data directory>" once the cluster answers, then waits to be killed.
HOLDER = """\
import os, sys, time
sys.path.insert(0, {repo!r})
import psycopg
from tests.pgcluster import cluster
with cluster() as url:
    with psycopg.connect(url) as conn:
        data = conn.execute("SHOW data_directory").fetchone()[0]
    print(os.getpid(), data, flush=True)
    time.sleep(120)
"""

# The same, as the command of ``pgcluster.py -- …`` (the cluster is main's, named by DATABASE_URL).
COMMAND = """\
import os, time
import psycopg
with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
    data = conn.execute("SHOW data_directory").fetchone()[0]
print(os.getpid(), data, flush=True)
time.sleep(120)
"""


def naming(path: Path) -> list[int]:
    """Pids of the processes whose command line names ``path`` (postmaster, watchdog, pg_ctl)."""
    needle = os.fsencode(path)
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if needle in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:  # ended meanwhile
                pass
    return pids


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait is missing


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + GONE_WITHIN
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still there after {GONE_WITHIN:.0f} s: {what}")
        time.sleep(0.1)


def start(argv: list[str]) -> tuple[subprocess.Popen, int, Path]:
    """Start ``argv`` (in a session of its own) and read the pid and data directory it prints."""
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([proc.stdout], [], [], remaining)[0]:
            proc.kill()
            pytest.fail(f"no cluster within 120 s; so far {line!r}")
        chunk = os.read(proc.stdout.fileno(), 1)
        if not chunk:
            pytest.fail(f"{argv[:3]} ended (status {proc.wait(10)}) before its cluster answered")
        line += chunk
        if line.startswith(b"pgcluster:") and line.endswith(b"\n"):
            line = b""  # main's own line comes first
    pid, data = line.decode().split(maxsplit=1)
    return proc, int(pid), Path(data.strip())


def assert_cluster_gone(data: Path) -> None:
    root = data.parent
    assert root.name.startswith("ipcity-pg-")
    wait_until(lambda: not naming(root), f"processes {naming(root)} naming {root}")
    wait_until(lambda: not root.exists(), f"the directory {root}")


def assert_output_closed(proc: subprocess.Popen) -> None:
    """Nothing the dead process left behind holds its stdout (CI reads a job's output to its end)."""
    ready = select.select([proc.stdout], [], [], GONE_WITHIN)[0]
    assert ready and proc.stdout.read() == b"", "something still holds the killed process's stdout"
    proc.stdout.close()


@pytest.mark.parametrize("how", ["exit", "exception"])
def test_leaving_the_with_removes_the_cluster_at_once(how):
    with pytest.raises(RuntimeError) if how == "exception" else contextlib.nullcontext():
        with cluster() as url:
            import psycopg

            with psycopg.connect(url) as conn:
                data = Path(conn.execute("SHOW data_directory").fetchone()[0])
            assert naming(data) and data.is_dir()
            if how == "exception":
                raise RuntimeError("a test failed")
    # No waiting: cluster() returns once its watchdog has done the work.
    assert not naming(data.parent) and not data.parent.exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_killed_starter_takes_its_cluster_along(signum):
    proc, pid, data = start([sys.executable, "-c", HOLDER.format(repo=str(REPO))])
    assert pid == proc.pid and naming(data)
    proc.send_signal(signum)
    assert proc.wait(timeout=GONE_WITHIN) == -signum  # no handler: it died of the signal itself
    assert_cluster_gone(data)
    assert_output_closed(proc)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_main_passes_the_signal_on_and_cleans_up(signum):
    proc, command_pid, data = start([sys.executable, "tests/pgcluster.py", "--", sys.executable, "-c", COMMAND])
    assert alive(command_pid)
    proc.send_signal(signum)
    assert proc.wait(timeout=GONE_WITHIN + 10) == 128 + signum
    assert not alive(command_pid), "the command outlived pgcluster.py"
    assert_cluster_gone(data)
    assert_output_closed(proc)


def test_main_killed_outright_still_takes_its_cluster_along():
    proc, command_pid, data = start([sys.executable, "tests/pgcluster.py", "--", sys.executable, "-c", COMMAND])
    proc.kill()
    proc.wait(timeout=GONE_WITHIN)
    assert_cluster_gone(data)
    # No handler ran, but the command had asked for SIGTERM at its parent's death.
    wait_until(lambda: not alive(command_pid), f"the command (pid {command_pid})")
    assert_output_closed(proc)


def test_a_signal_to_the_watchdog_itself_tears_the_cluster_down():
    """A ``pkill -f`` of a checkout's processes signals the watchdog too (session 33 left two
    servers that way): it tears down before it ends, as it does when its starter dies."""
    proc, pid, data = start([sys.executable, "-c", HOLDER.format(repo=str(REPO))])
    watchdogs = [p for p in naming(data.parent)
                 if b"--watch" in Path(f"/proc/{p}/cmdline").read_bytes().split(b"\0")]
    assert len(watchdogs) == 1
    os.kill(watchdogs[0], signal.SIGTERM)
    assert_cluster_gone(data)
    proc.kill()
    proc.wait(timeout=GONE_WITHIN)
    proc.stdout.close()
