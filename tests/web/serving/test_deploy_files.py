"""The deployment recipe stays true to the code: nginx's upload limit, the environment template."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"


def test_nginx_accepts_exactly_the_apps_upload_limit_and_never_serves_uploads():
    conf = (DEPLOY / "nginx" / "ipcity.conf").read_text()
    size = re.search(r"^\s*client_max_body_size\s+(\d+)m;", conf, re.M)
    assert size, "client_max_body_size missing"
    # The app takes the file plus 1 MiB for the rest of the form (DATA_UPLOAD_MAX_MEMORY_SIZE).
    assert int(size.group(1)) * 1024 * 1024 == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    media = re.search(r"location /media/ \{(.*?)\}", conf, re.S)
    assert media and "return 404" in media.group(1) and not re.search(r"\b(alias|root)\b", media.group(1))


def test_every_variable_of_the_environment_template_is_read_by_ipcity():
    template = (DEPLOY / "ipcity.env.example").read_text()
    names = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, re.M))
    assert {"IPCITY_ENV", "IPCITY_SECRET_KEY", "IPCITY_ALLOWED_HOSTS", "DATABASE_URL", "IPCITY_DATA_DIR"} <= names
    source = "\n".join(p.read_text() for p in (REPO / "src" / "ipcity").rglob("*.py"))
    unread = sorted(n for n in names if f'"{n}"' not in source and n != "DATABASE_URL")
    assert not unread, f"variables in ipcity.env.example that nothing reads: {unread}"


def test_the_systemd_unit_runs_ipcity_serve_with_its_environment_file():
    unit = (DEPLOY / "systemd" / "ipcity.service").read_text()
    assert re.search(r"^ExecStart=\S+/ipcity serve\b", unit, re.M)
    assert "EnvironmentFile=/etc/ipcity/ipcity.env" in unit
    assert "RestartPreventExitStatus=2" in unit  # a refused setting is not retried in a loop
