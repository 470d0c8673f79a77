"""Benchmark: the real server over HTTP, `ipcity serve` (gunicorn) against `ipcity serve --dev`.

    python benchmarks/http_load.py [--duration 60] [--slice 10] [--sessions 20] [--users 200] [--think 10]
                                   [--workers N] [--threads N] [--sqlite]

Loads the demo into a fresh PostgreSQL database (in DATABASE_URL's cluster when it names one,
else in a throw-away cluster on loopback started as tests/pgcluster.py does; ``--sqlite`` for the
embedded database), starts both servers side by side in production settings on 127.0.0.1 only,
and measures them in alternating slices of ``--slice`` seconds, so that both meet the same
background load of a shared machine:

- closed loop: ``--sessions`` logged-in sessions (admin, leader, reporter1, reporter2 in turn)
  each requesting the next page as soon as the last answered, for ``--duration`` seconds;
- open loop: ``--users`` simulated users, each opening one page every ``--think`` seconds on a
  fixed schedule, for ``--duration`` seconds. Latency counts from the scheduled time, so a slow
  server is not excused by requests it delayed. The simulated users share the closed loop's
  sessions (a login costs a deliberate ~0.3 s of password hashing; 200 would measure that).

Pages: each role's programme, monitoring and supervision pages (one of each kind reachable from
``/``, up to --pages). Prints per server and phase (rps counts answered pages only; errors are
refused connections and non-200 answers; latencies include both):

    server=serve phase=closed clients=20 requests=… rps=… p50_ms=… p95_ms=… p99_ms=… errors=…

Targets (issue 10, this 2-core machine): 0 errors; serve ≥ 2× the dev server's closed-loop
requests/s; p95 ≤ 100 ms at 200 simulated users.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from contextlib import ExitStack, contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

from _harness import percentile

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.pgcluster import cluster, free_port, fresh_database  # noqa: E402

ROLES = ("admin", "leader", "reporter1", "reporter2")
PASSWORD = "Bench-http-2026!"
AREAS = re.compile(r"^/(p|monitoring|supervision)/")
SKIP = re.compile(r"\.(xlsx|docx|csv|json|pdf|zip)$|/(export|download|template|edit|new|upload)", re.I)


class Session:
    """One browser: a keep-alive connection and its cookies, speaking as nginx forwards (https)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        sent = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # a kept-alive connection the server closed: reconnect once
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, response.headers, content

    def login(self, username: str) -> None:
        _, _, body = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        origin = f"https://127.0.0.1:{self.port}"
        status, _, _ = self.request("POST", "/accounts/login/",
                                    body=f"csrfmiddlewaretoken={token}&username={username}&password={PASSWORD}",
                                    headers={"Referer": origin + "/accounts/login/", "Origin": origin})
        if status != 302:
            raise SystemExit(f"login as {username} failed ({status})")


def discover(session: Session, bound: int) -> list[str]:
    """One page of each kind of the programme, monitoring and supervision areas, from ``/``."""
    queue, kinds, pages = deque(["/"]), set(), []
    while queue and len(pages) < bound:
        path = queue.popleft()
        kind = re.sub(r"\d+", "N", urlsplit(path).path)
        if kind in kinds:
            continue
        kinds.add(kind)
        status, headers, body = session.request("GET", path)
        if status != 200 or not headers.get("Content-Type", "").startswith("text/html"):
            continue
        pages.append(path)
        for href in re.findall(rb'<a [^>]*href="(/[^"#?]*)"', body):
            link = href.decode()
            if AREAS.match(link) and not SKIP.search(link):
                queue.append(link)
    return pages


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: list[float] = []
        self.errors = 0

    def add(self, ms: float, ok: bool) -> None:
        with self.lock:
            self.times.append(ms)
            self.errors += 0 if ok else 1


def _get(session: Session, path: str) -> bool:
    try:
        status, _, _ = session.request("GET", path)
    except (http.client.HTTPException, OSError):
        return False
    return status == 200


def closed_loop(port: int, sessions: list[Session], pages: dict[str, list[str]], duration: float) -> Results:
    results, stop = Results(), time.monotonic() + duration

    def run(i: int, session: Session) -> None:
        own = Session(port)  # its own connection, the logged-in session's cookies
        own.cookies = dict(session.cookies)
        urls = pages[ROLES[i % len(ROLES)]]
        n = i
        while time.monotonic() < stop:
            start = time.perf_counter()
            ok = _get(own, urls[n % len(urls)])
            results.add((time.perf_counter() - start) * 1000, ok)
            if not ok:  # a refused connection (the dev server reloading) fails at once: no spinning
                time.sleep(0.2)
            n += 1

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def open_loop(port: int, sessions: list[Session], pages: dict[str, list[str]], users: int, think: float,
              duration: float) -> Results:
    results = Results()
    begin = time.monotonic() + 1.0
    stop = begin + duration
    rng = random.Random(7)
    offsets = [rng.uniform(0, think) for _ in range(users)]  # arrivals spread over the think time

    def run(i: int) -> None:
        own = Session(port)
        own.cookies = dict(sessions[i % len(sessions)].cookies)
        urls = pages[ROLES[i % len(sessions) % len(ROLES)]]
        scheduled, n = begin + offsets[i], i
        while scheduled < stop:
            delay = scheduled - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            ok = _get(own, urls[n % len(urls)])
            results.add((time.monotonic() - scheduled) * 1000, ok)
            scheduled += think
            n += 1

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def prepare(port: int, count: int, bound: int) -> tuple[int, list[Session], dict[str, list[str]]]:
    """Log ``count`` sessions in (the roles in turn), find each role's pages, warm the caches.

    The development server restarts whenever a source file changes (in a shared checkout, at any
    time), so the set-up is retried until it has gone through once.
    """
    for _attempt in range(10):
        try:
            return _prepare(port, count, bound)
        except OSError:
            time.sleep(3)
    return _prepare(port, count, bound)


def _prepare(port: int, count: int, bound: int) -> tuple[int, list[Session], dict[str, list[str]]]:
    sessions = []
    for i in range(count):
        session = Session(port)
        session.login(ROLES[i % len(ROLES)])
        sessions.append(session)
    pages = {role: discover(sessions[i], bound) for i, role in enumerate(ROLES)}
    for i, role in enumerate(ROLES):
        for path in pages[role]:
            _get(sessions[i], path)
    return port, sessions, pages


def report(server: str, phase: str, clients: int, results: Results, duration: float) -> None:
    times = results.times or [0.0]
    answered = len(results.times) - results.errors
    print(f"server={server} phase={phase} clients={clients} requests={len(results.times)} "
          f"rps={answered / duration:.1f} p50_ms={percentile(times, 50):.0f} "
          f"p95_ms={percentile(times, 95):.0f} p99_ms={percentile(times, 99):.0f} errors={results.errors}",
          flush=True)


@contextmanager
def database(sqlite: bool):
    """A fresh database URL (None: SQLite in the data directory), removed afterwards."""
    if sqlite:
        yield None
        return
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith(("postgres://", "postgresql://")):
        with fresh_database(server, "ipcity_bench") as url:
            yield url
        return
    with cluster() as server, fresh_database(server, "ipcity_bench") as url:
        yield url


@contextmanager
def running(argv: list[str], env: dict[str, str], port: int, log: Path):
    with open(log, "w") as out:
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 300
            while True:
                if proc.poll() is not None:
                    raise SystemExit(f"server ended: {log.read_text()[-2000:]}")
                try:
                    if Session(port).request("GET", "/accounts/login/")[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.5)
            yield
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds per server and phase (default 60)")
    parser.add_argument("--slice", type=float, default=10, help="seconds of one server before the other's turn")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--think", type=float, default=10.0, help="seconds between a user's pages")
    parser.add_argument("--pages", type=int, default=30, help="page kinds per role")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--sqlite", action="store_true", help="the embedded SQLite instead of PostgreSQL")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="ipcity-http-load-"))
    try:
        with database(args.sqlite) as url:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("IPCITY_", "DJANGO_", "DATABASE_URL"))}
            env.update({"IPCITY_ENV": "production", "IPCITY_SECRET_KEY": secrets.token_urlsafe(50),
                        "IPCITY_ALLOWED_HOSTS": "127.0.0.1", "IPCITY_DATA_DIR": str(data),
                        "IPCITY_DEMO_PASSWORD": PASSWORD, "IPCITY_AXES": "0"})
            if url:
                env["DATABASE_URL"] = url
            ipcity = [sys.executable, "-m", "ipcity"]
            subprocess.run([*ipcity, "demo", "--no-seeds"], env=env, check=True, stdout=subprocess.DEVNULL)
            serve = [*ipcity, "serve"]
            if args.workers:
                serve += ["--workers", str(args.workers)]
            if args.threads:
                serve += ["--threads", str(args.threads)]
            servers = {"serve": serve, "serve-dev": [*ipcity, "serve", "--dev"]}
            rounds = max(1, round(args.duration / args.slice))
            print(f"# database={'sqlite' if not url else 'postgresql'} cpus={os.cpu_count()} "
                  f"{args.duration:.0f}s per server and phase, in {rounds} alternating slices", flush=True)
            with ExitStack() as stack:
                clients = {}
                for name, argv in servers.items():  # one after the other: the first collects static
                    port = free_port()
                    stack.enter_context(running([*argv, "--port", str(port)], env, port, data / f"{name}.log"))
                    clients[name] = prepare(port, args.sessions, args.pages)
                for phase in ("closed", "open"):
                    totals = {name: Results() for name in servers}
                    for _ in range(rounds):  # alternate, so both servers meet the same background load
                        for name, (port, sessions, pages) in clients.items():
                            if phase == "closed":
                                part = closed_loop(port, sessions, pages, args.duration / rounds)
                            else:
                                part = open_loop(port, sessions, pages, args.users, args.think,
                                                 args.duration / rounds)
                            totals[name].times += part.times
                            totals[name].errors += part.errors
                    for name in servers:
                        report(name, phase, args.sessions if phase == "closed" else args.users, totals[name],
                               args.duration)
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
