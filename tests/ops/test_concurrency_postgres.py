"""On PostgreSQL, 1,000 department-report submissions from 50 concurrent logged-in sessions over
HTTP (gunicorn, several worker processes and threads): 0 lost, 0 duplicated.

Every tenth submission is also posted a second time at the same moment (a double click), so a
duplicate would have its chance; the report's version check must turn the second one away.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.ops.helpers import REPO, create_database, env_for, ipcity
from tests.pgcluster import PG_BIN

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason=f"PostgreSQL binaries not in {PG_BIN}")]

REPORTS, SESSIONS = 1000, 50
PLAN = REPO.parent / "shared" / "seeds" / "gold" / "000_3c8ebd50ad477ee4.json"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # the 302 after a save is the answer we check
        return None


class Session:
    """One browser: its own cookies, logged in through the login form."""

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect)
        page = self._open("/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status = self.post("/accounts/login/", {"username": username, "password": password,
                                                "csrfmiddlewaretoken": token})
        assert status == 302, f"login of {username} answered {status}"

    def _open(self, path: str, data: bytes | None = None):
        return self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=60)

    def post(self, path: str, fields: dict) -> int:
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        try:
            with self._open(path, body) as response:
                return response.status
        except urllib.error.HTTPError as exc:  # 302 (not followed), 409 (stale version)…
            return exc.code


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(pg_server, tmp_path):
    pytest.importorskip("gunicorn")
    if not PLAN.exists():
        pytest.skip(f"no plan at {PLAN}")
    url = create_database(pg_server, "reports_load")
    data_dir = tmp_path / "data"
    ipcity("migrate", data_dir=data_dir, database_url=url)
    ipcity("plan", "load", str(PLAN), data_dir=data_dir, database_url=url)
    setup = subprocess.run([sys.executable, "-m", "tests.ops.drivers.report_load_setup", str(REPORTS), str(SESSIONS)],
                           env=env_for(data_dir, url), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert setup.returncode == 0, setup.stderr
    plan = json.loads(setup.stdout.strip().splitlines()[-1])
    port = _free_port()
    env = env_for(data_dir, url) | {"IPCITY_AXES": "0", "IPCITY_DEBUG": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "ipcity.web.wsgi:application", "--bind",
                             f"127.0.0.1:{port}", "--workers", "3", "--threads", "8", "--timeout", "120"],
                            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=5).read()
            break
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
    yield base, url, plan
    proc.terminate()
    proc.wait(timeout=30)


def _fields(report: dict) -> dict:
    fields = {"version": str(report["version"]), "action": "submit", "summary": "按计划推进"}
    for task in report["tasks"]:
        fields |= {f"line-{task}-status": "done", f"line-{task}-progress": "100", f"line-{task}-done": "已完成"}
    return fields


def test_1000_submissions_from_50_sessions_none_lost_none_duplicated(server):
    base, url, plan = server
    assert sum(len(s["reports"]) for s in plan["sessions"]) == REPORTS
    statuses: Counter = Counter()
    lock = threading.Lock()

    def run(account: dict) -> None:
        session = Session(base, account["username"], plan["password"])
        for n, report in enumerate(account["reports"]):
            path = f"/supervision/report/{report['id']}/fill/"
            if n % 10 == 0:  # a double click: the same form posted twice at once
                with ThreadPoolExecutor(2) as pair:
                    codes = list(pair.map(session.post, [path, path], [_fields(report)] * 2))
            else:
                codes = [session.post(path, _fields(report))]
            with lock:
                statuses.update(codes)

    started = time.monotonic()
    with ThreadPoolExecutor(SESSIONS) as pool:
        list(pool.map(run, plan["sessions"]))
    elapsed = time.monotonic() - started
    assert not [code for code in statuses if code >= 500], statuses

    import psycopg

    ids = [r["id"] for s in plan["sessions"] for r in s["reports"]]
    with psycopg.connect(url) as conn:
        status = dict(conn.execute("SELECT id, status FROM supervision_departmentreport WHERE id = ANY(%s)",
                                   (ids,)).fetchall())
        steps = Counter(r for (r,) in conn.execute(
            "SELECT report_id FROM supervision_reviewstep WHERE action = 'submit' AND report_id = ANY(%s)", (ids,)))
        audits = Counter(int(o) for (o,) in conn.execute(
            "SELECT object_id FROM audit_auditevent WHERE action = 'supervision.report.submit'"))
    lost = [i for i in ids if status[i] != "submitted"]
    duplicated = [i for i in ids if steps[i] != 1 or audits[i] != 1]
    assert (len(lost), len(duplicated)) == (0, 0), f"lost {lost[:5]}…, duplicated {duplicated[:5]}…"
    print(f"{REPORTS} submissions from {SESSIONS} sessions in {elapsed:.1f} s; answers {dict(statuses)}")
