"""Run a command against a throw-away PostgreSQL 15 cluster on loopback.

    python tests/pgcluster.py -- pytest tests/web

initdb refuses to run as root, so as root the cluster belongs to the ``postgres`` user. The
cluster lives in a temporary directory (``ipcity-pg-*``), listens on 127.0.0.1 at a free port,
and is stopped and removed when the command ends, whatever its outcome. ``DATABASE_URL`` points
the command at it. ``cluster()`` gives tests (tests/ops, tests/web/serving) a cluster of their
own the same way.

A cluster dies with the process that started it, however that process ends. ``pg_ctl`` starts
the server as a daemon in a session of its own (through ``runuser`` as root, which also clears a
parent-death signal), so nothing would stop it when its starter is killed: a SIGTERM (CI's
timeout, ``kill``) skips the ``finally`` that stops it, and a ``postgres -D
/tmp/ipcity-pg-*/data`` stayed behind under pid 1 with its port, memory and directory. So each
cluster has a watchdog: a small process (this file, ``--watch``) that sets the cluster up, then
blocks reading a pipe whose only write end its starter holds (not inherited: Python's pipes are
close-on-exec). When the read returns end-of-file, because the starter left ``cluster()`` or
died in any way, SIGKILL included, the watchdog stops the server (``pg_ctl -m immediate``, as
the cluster's owner; SIGKILL of the postmaster if that does not do it) and removes the directory,
then exits. It runs in a session of its own (a Ctrl-C in the terminal is not its business) with
/dev/null for stdin, stdout and stderr, so it never keeps the test run's output open (CI reads
it until end-of-file), and is started with ``pass_fds``, not ``preexec_fn`` (which can deadlock
in a process with threads, as test workers are). Setting the cluster up inside the watchdog
means that a starter killed in the middle of ``initdb`` or ``pg_ctl start`` leaves nothing
either: the watchdog finishes the step, sees the closed pipe and removes it all. Its one blind
spot: a process forked from the starter without exec (``multiprocessing``'s fork) holds the
write end too, and the cluster lives until that process ends as well.

``main`` (``python tests/pgcluster.py -- COMMAND``) also passes SIGTERM and SIGHUP on to the
command, so that pytest stops with it, and leaves through ``cluster()``'s clean-up (exit status
128 + the signal's number). Ctrl-C reaches the command from the terminal by itself; ``main``
then waits for it. Either way the command gets ``CHILD_GRACE_SECONDS`` to end, then SIGTERM, then
SIGKILL; and should ``main`` itself be killed outright, the command gets SIGTERM (a parent-death
signal, set as ``ipcity serve`` sets it for its children). tests/test_pgcluster.py kills starters with SIGTERM and SIGKILL and checks that the
server and its directory are gone.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PG_BIN = Path(os.environ.get("IPCITY_PG_BIN", "/usr/lib/postgresql/15/bin"))
START_SECONDS = 120  # initdb, then pg_ctl start: each at most this long
STOP_SECONDS = 30  # pg_ctl stop -m immediate; the watchdog's whole tear-down stays within ~2x
CHILD_GRACE_SECONDS = 30  # main: how long the command has to end after a signal before SIGTERM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_cluster_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a throw-away cluster and yield its URL (database ``postgres``); removed on exit.

    Importable by tests that need PostgreSQL beside the default SQLite run (tests/ops). The
    cluster is set up and torn down by its watchdog (module docstring), which tears it down as
    well when this process dies without leaving the ``with``.
    """
    root = Path(tempfile.mkdtemp(prefix="ipcity-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    lifeline_r, lifeline_w = os.pipe()  # both close-on-exec: no other child of ours holds them
    status_r, status_w = os.pipe()
    try:
        watchdog = subprocess.Popen(
            [sys.executable, "-I", "-S", str(Path(__file__).resolve()), "--watch",
             str(lifeline_r), str(status_w), str(root), str(port)],
            pass_fds=(lifeline_r, status_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, cwd="/")
    except BaseException:
        os.close(lifeline_w)
        os.close(status_r)
        shutil.rmtree(root, ignore_errors=True)
        raise
    finally:
        os.close(lifeline_r)
        os.close(status_w)
    try:
        with os.fdopen(status_r, "rb") as status:
            answer = _read_line(status, deadline=time.monotonic() + 2 * START_SECONDS + 10)
        if answer != "ok":
            raise RuntimeError(f"PostgreSQL cluster in {root} did not start: {answer or 'watchdog died'}")
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        os.close(lifeline_w)  # the watchdog's signal to stop the server and remove the directory
        try:
            watchdog.wait(timeout=2 * STOP_SECONDS + 10)
        except subprocess.TimeoutExpired:
            watchdog.kill()
            watchdog.wait(timeout=10)
        if root.exists():  # the watchdog died or hung before its work was done: do it here
            _tear_down(root)


@contextlib.contextmanager
def fresh_database(server: str, prefix: str = "ipcity") -> Iterator[str]:
    """A new, empty database in the cluster at ``server`` (a PostgreSQL URL); dropped on exit."""
    import uuid
    from urllib.parse import urlsplit

    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _read_line(stream, deadline: float) -> str:
    """The watchdog's one-line answer, or "" when it closed the pipe without one."""
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([stream], [], [], remaining)[0]:
            return "timed out waiting for the watchdog"
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()


def _set_up(root: Path, port: int, lifeline: int) -> str:
    """initdb and start the server as the cluster's owner; "ok", or why not."""
    data = root / "data"
    steps = [
        [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
         "--locale=C.UTF-8"],
        [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-o",
         f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
         "-c full_page_writes=off", "start"],
    ]
    for step in steps:
        if select.select([lifeline], [], [], 0)[0]:
            return "the starter is gone"  # end-of-file (or a byte): no one to start it for
        try:
            done = subprocess.run(as_cluster_owner(step), stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=START_SECONDS)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{Path(step[0]).name}: {exc}"
        if done.returncode != 0:
            said = (done.stderr or done.stdout).decode(errors="replace").strip().replace("\n", " | ")
            return f"{Path(step[0]).name} exited with {done.returncode}: {said[-2000:]}"
    return "ok"


def _tear_down(root: Path) -> None:
    """Stop the server in ``root`` (if any) at once, and remove ``root``; bounded in time."""
    data = root / "data"
    pid_file = data / "postmaster.pid"
    if pid_file.exists():
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            subprocess.run(as_cluster_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                             "-t", str(STOP_SECONDS), "stop"]),
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=STOP_SECONDS + 5)
        # The postmaster removes its pid file as it exits: still there, it did not stop. Its
        # backends notice the postmaster's death and end by themselves.
        with contextlib.suppress(OSError, ValueError, IndexError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
    shutil.rmtree(root, ignore_errors=True)


def _watch(lifeline: int, status: int, root: Path, port: int) -> int:
    """The watchdog (``pgcluster.py --watch``): set up, answer, wait for the starter, tear down.

    A signal to the watchdog itself (a ``pkill -f`` of a checkout's processes, a machine shutting
    down) tears down too: only SIGKILL can leave the server behind."""
    caught = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def on_signal(signum: int, frame) -> None:
        raise SystemExit(0)

    for signum in caught:
        signal.signal(signum, on_signal)
    try:
        try:
            answer = _set_up(root, port, lifeline)
        except Exception as exc:  # any failure is the starter's to report; the tear-down still runs
            answer = f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(OSError):  # BrokenPipeError: the starter died meanwhile
            os.write(status, answer.encode() + b"\n")
        os.close(status)
        if answer == "ok":
            with contextlib.suppress(OSError):
                while os.read(lifeline, 1):  # blocks until the starter closes it, or dies
                    pass
    finally:
        for signum in caught:  # a second signal must not cut the tear-down short
            signal.signal(signum, signal.SIG_IGN)
        _tear_down(root)
    return 0


def _end_child(child: subprocess.Popen) -> None:
    """Give ``child`` its grace to end after a signal, then SIGTERM, then SIGKILL."""
    for then in (signal.SIGTERM, signal.SIGKILL):
        try:
            child.wait(timeout=CHILD_GRACE_SECONDS if then == signal.SIGTERM else 10)
            return
        except subprocess.TimeoutExpired:
            child.send_signal(then)
    child.wait(timeout=10)


def run_command(command: list[str], env: dict[str, str]) -> int:
    """Run ``command``; a SIGTERM or SIGHUP is passed on to it and leaves as SystemExit(128 + n)."""
    child: subprocess.Popen | None = None
    stopping: list[int] = []

    def on_signal(signum: int, frame) -> None:
        if signum != signal.SIGINT and child is not None and child.poll() is None:
            child.send_signal(signum)  # not SIGINT: Ctrl-C reached it from the terminal already
        if stopping:
            return  # a second signal must not cut the clean-up short
        stopping.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    caught = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
    previous = {signum: signal.signal(signum, on_signal) for signum in caught}
    # The command gets SIGTERM should this process die without a word (SIGKILL): the supervisor's
    # exec wrapper of `ipcity serve` (no preexec_fn; imported here, not where the watchdog runs).
    from ipcity.web.server import with_parent_death_signal

    try:
        child = subprocess.Popen(with_parent_death_signal(command), env=env)
        return child.wait()
    except BaseException:
        if child is not None:
            _end_child(child)
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--watch"]:
        lifeline, status, root, port = argv[2:6]
        return _watch(int(lifeline), int(status), Path(root), int(port))
    if "--" not in argv:
        print("usage: pgcluster.py -- COMMAND...", file=sys.stderr)
        return 2
    command = argv[argv.index("--") + 1 :]
    with cluster() as url:
        env = dict(os.environ, DATABASE_URL=url)
        print(f"pgcluster: PostgreSQL on {url.rsplit('@', 1)[1].split('/')[0]}", flush=True)
        return run_command(command, env)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(128 + signal.SIGINT)
