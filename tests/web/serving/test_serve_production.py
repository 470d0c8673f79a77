"""`ipcity serve` for real: production settings, PostgreSQL, gunicorn over HTTP, on loopback.

The database is a fresh PostgreSQL database (``pg_url`` in conftest.py).
The server runs as nginx would reach it: plain HTTP on 127.0.0.1 with ``X-Forwarded-Proto: https``.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie

import psutil
import pytest

from tests.pgcluster import free_port

pytestmark = pytest.mark.slow

PASSWORD = "Serve-Prod-2026!"


class Browser:
    """Just enough of a browser over http.client: cookies (Secure ones too: nginx speaks TLS)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, https: bool = True,
                headers: dict[str, str] | None = None) -> tuple[http.client.HTTPResponse, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        conn.close()
        return response, content

    def get(self, path: str, **kw) -> tuple[http.client.HTTPResponse, bytes]:
        return self.request("GET", path, **kw)


@pytest.fixture(scope="module")
def served(pg_url, tmp_path_factory) -> Iterator[dict]:
    data = tmp_path_factory.mktemp("serve-data")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPCITY_", "DJANGO_"))}
    env.update({"IPCITY_ENV": "production", "IPCITY_SECRET_KEY": secrets.token_urlsafe(50),
                "IPCITY_ALLOWED_HOSTS": "127.0.0.1,localhost", "IPCITY_DATA_DIR": str(data),
                "DATABASE_URL": pg_url, "IPCITY_DEMO_PASSWORD": PASSWORD})
    ipcity = [sys.executable, "-m", "ipcity"]
    subprocess.run([*ipcity, "demo", "--no-seeds"], env=env, check=True, capture_output=True, timeout=600)
    port = free_port()
    log = open(data / "serve.out", "w")
    proc = subprocess.Popen([*ipcity, "serve", "--port", str(port), "--workers", "2", "--threads", "2"],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300  # the first start compresses the static files
        while True:
            assert proc.poll() is None, (data / "serve.out").read_text()
            try:
                if Browser(port).get("/healthz", https=False)[0].status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (data / "serve.out").read_text()
            time.sleep(1)
        yield {"port": port, "proc": proc, "data": data}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def test_healthz_over_http_without_tls_or_login(served):
    response, body = Browser(served["port"]).get("/healthz", https=False)
    assert response.status == 200
    assert json.loads(body) == {"status": "up", "checks": {"database": "up", "job_queue": "up",
                                                           "data_directory": "up"}}


def test_plain_http_is_redirected_to_https(served):
    response, _ = Browser(served["port"]).get("/accounts/login/", https=False)
    assert response.status == 301 and response.headers["Location"].startswith("https://")


def test_static_files_are_hashed_compressed_and_cached_a_year(served):
    browser = Browser(served["port"])
    response, body = browser.get("/accounts/login/")
    assert response.status == 200
    css = re.search(r'href="(/static/ipcity/ipcity\.[0-9a-f]{12}\.css)"', body.decode())
    assert css, "the login page links the hashed stylesheet"
    response, content = browser.get(css.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Content-Type"].startswith("text/css")
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    assert content[:2] == b"\x1f\x8b"
    # The unhashed name still answers, but may change: it is cached briefly only.
    response, _ = browser.get("/static/ipcity/ipcity.css")
    assert response.status == 200 and "31536000" not in response.headers["Cache-Control"]


def test_login_then_pages_of_every_area(served):
    browser = Browser(served["port"])
    response, _ = browser.get("/")
    assert response.status == 302 and "/accounts/login/" in response.headers["Location"]
    _, body = browser.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    origin = f"https://127.0.0.1:{served['port']}"
    response, _ = browser.request("POST", "/accounts/login/",
                                  body=f"csrfmiddlewaretoken={token}&username=admin&password={PASSWORD}",
                                  headers={"Referer": f"{origin}/accounts/login/", "Origin": origin})
    assert response.status == 302, "login refused"
    response, body = browser.get("/")
    assert response.status == 200
    links = sorted(set(re.findall(r'href="(/(?:p|monitoring|supervision)/[^"]*)"', body.decode())))
    assert links
    program = next(link for link in links if re.fullmatch(r"/p/\d+/", link))
    pid = program.split("/")[2]
    for path in (program, f"/p/{pid}/indicators/", f"/monitoring/program/{pid}/", f"/supervision/program/{pid}/",
                 "/api/docs"):
        response, body = browser.get(path)
        assert response.status == 200, path
    # /api/docs uses the vendored Swagger UI, served by the app.
    bundle = re.search(r'src="(/static/vendor/swagger-ui/swagger-ui-bundle\.[0-9a-f]{12}\.js)"', body.decode())
    assert bundle and browser.get(bundle.group(1))[0].status == 200


def test_logs_are_written_under_the_data_directory(served):
    Browser(served["port"]).get("/healthz?from=log-test", https=False)
    logs = served["data"] / "logs"
    deadline = time.monotonic() + 10
    while "GET /healthz?from=log-test" not in (logs / "access.log").read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "GET /healthz?from=log-test" in (logs / "access.log").read_text()
    assert "Booting worker" in (logs / "ipcity.log").read_text()


def test_the_job_worker_is_restarted_and_everything_stops_on_sigterm(served):
    serve = psutil.Process(served["proc"].pid)

    def job_worker() -> psutil.Process | None:
        for child in serve.children():
            try:
                if "run_huey" in " ".join(child.cmdline()):
                    return child
            except psutil.Error:  # the killed worker, a zombie until the supervisor reaps it
                continue
        return None

    first = job_worker()
    assert first is not None
    first.kill()
    deadline = time.monotonic() + 20
    while ((second := job_worker()) is None or second.pid == first.pid) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert second is not None and second.pid != first.pid, "the job worker was not restarted"

    family = serve.children(recursive=True)
    served["proc"].send_signal(signal.SIGTERM)
    assert served["proc"].wait(60) == 0
    _gone, alive = psutil.wait_procs(family, timeout=10)
    assert not alive
