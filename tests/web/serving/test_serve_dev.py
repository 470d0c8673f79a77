"""`ipcity serve --dev`: Django's development server with its autoreloader, and one job worker."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time

import psutil

from tests.pgcluster import free_port


def test_dev_server_reloads_and_runs_one_job_worker(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPCITY_", "DATABASE_URL", "DJANGO_"))}
    env.update({"IPCITY_ENV": "development", "IPCITY_DATA_DIR": str(tmp_path)})
    subprocess.run([sys.executable, "-m", "ipcity", "migrate"], env=env, check=True, capture_output=True,
                   timeout=300)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ipcity", "serve", "--dev", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None and time.monotonic() < deadline
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/accounts/login/")
                response = conn.getresponse()
                break
            except OSError:
                time.sleep(0.5)
        assert response.status == 200
        assert "WSGIServer" in response.headers["Server"]  # Django's runserver, not gunicorn
        family = psutil.Process(proc.pid).children(recursive=True)
        cmdlines = [" ".join(p.cmdline()) for p in family]
        # The autoreloader runs the server in a child process that it restarts on code changes...
        assert sum("serve --dev" in c for c in cmdlines) == 1, cmdlines
        # ...and the job worker belongs to the watching parent, so there is only one.
        assert sum("run_huey" in c for c in cmdlines) == 1, cmdlines
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def test_dev_server_does_not_keep_a_database_connection_per_browser(pg_url, tmp_path):
    """runserver gives each connection its own thread: persistent database connections would pile
    up (one per idle browser) until PostgreSQL refuses more clients."""
    import psycopg

    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPCITY_", "DATABASE_URL", "DJANGO_"))}
    env.update({"IPCITY_ENV": "development", "IPCITY_DATA_DIR": str(tmp_path), "DATABASE_URL": pg_url})
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "ipcity", "serve", "--dev", "--no-jobs", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    browsers = []
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None and time.monotonic() < deadline
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=5).connect()
                break
            except OSError:
                time.sleep(0.5)
        for _ in range(15):  # fifteen browsers, each keeping its connection open
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/healthz")  # reads the database
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            browsers.append(conn)
        database = pg_url.rsplit("/", 1)[1]
        with psycopg.connect(pg_url, autocommit=True) as admin:
            deadline = time.monotonic() + 10
            while True:
                held = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                                     "pg_backend_pid()", [database]).fetchone()[0]
                if held <= 2 or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
        assert held <= 2, f"{held} database connections held for 15 idle browsers"
    finally:
        for conn in browsers:
            conn.close()
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
