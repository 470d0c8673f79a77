"""A production start with a wrong or missing setting stops with ONE line naming it (no traceback),
exit status 2, before anything listens or is written."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pgcluster import free_port


def _serve(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("IPCITY_", "DATABASE_URL", "DJANGO_"))}
    base.update({"IPCITY_ENV": "production", "IPCITY_DATA_DIR": str(tmp_path / "data"),
                 "IPCITY_SECRET_KEY": secrets.token_urlsafe(50), "IPCITY_ALLOWED_HOSTS": "ipcity.example.org"})
    base.update(env)
    for name in [k for k, v in base.items() if v == ""]:
        base.pop(name)  # "" means: not set at all
    return subprocess.run([sys.executable, "-m", "ipcity", "serve", "--no-jobs", "--port", str(free_port()), *args],
                          env=base, capture_output=True, text=True, timeout=120)


def _one_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize("missing", ["IPCITY_SECRET_KEY", "IPCITY_ALLOWED_HOSTS"])
def test_a_missing_production_setting_is_named(tmp_path, missing):
    line = _one_line(_serve(tmp_path, **{missing: ""}))
    assert line.startswith("ipcity: ") and missing in line


def test_a_blank_secret_key_counts_as_missing(tmp_path):
    assert "IPCITY_SECRET_KEY" in _one_line(_serve(tmp_path, IPCITY_SECRET_KEY="   "))


def test_an_unreachable_database_is_named(tmp_path):
    port = free_port()  # nothing listens there
    line = _one_line(_serve(tmp_path, DATABASE_URL=f"postgres://ipcity:pw@127.0.0.1:{port}/ipcity"))
    assert "DATABASE_URL" in line and f"127.0.0.1:{port}/ipcity" in line
    assert "pw" not in line.replace("ipcity", "")  # the password is not echoed into logs


def test_a_port_in_use_is_named(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _serve(tmp_path, "--port", str(port))
    line = _one_line(proc)
    assert "--port" in line and str(port) in line
    assert not (tmp_path / "data" / "static").joinpath(".ipcity-collected").exists()  # nothing collected yet
