"""Static files: `ipcity serve` collects them only when they changed (a restart costs nothing), and
the settings hash and compress them in production. Headers over HTTP: test_serve_production.py."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ipcity.web import server


def test_collectstatic_runs_only_when_a_source_changed(settings, tmp_path):
    source = tmp_path / "src"
    (source / "ipcity").mkdir(parents=True)
    css = source / "ipcity" / "extra.css"
    css.write_text("body { color: #000; }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

    assert server.collect_static() is True
    assert (tmp_path / "static" / "ipcity" / "extra.css").read_text() == "body { color: #000; }"
    assert server.collect_static() is False  # nothing changed: no work

    css.write_text("body { color: #111; }")
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 1_000_000))
    assert server.collect_static() is True
    assert (tmp_path / "static" / "ipcity" / "extra.css").read_text() == "body { color: #111; }"

    (source / "ipcity" / "new.js").write_text("1;")
    assert server.collect_static() is True
    assert (tmp_path / "static" / "ipcity" / "new.js").exists()


def test_hashed_compressed_storage_in_production_only(tmp_path, settings):
    assert settings.STORAGES["staticfiles"]["BACKEND"].endswith(".StaticFilesStorage")  # tests: no manifest
    env = {**os.environ, "IPCITY_ENV": "production", "IPCITY_DATA_DIR": str(tmp_path),
           "IPCITY_SECRET_KEY": "k" * 50, "IPCITY_ALLOWED_HOSTS": "ipcity.example.org"}
    code = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    out = subprocess.run([sys.executable, "-m", "ipcity", "manage", "shell", "-c", code], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "whitenoise.storage.CompressedManifestStaticFilesStorage", out.stderr
    assert "ipcity.web.staticfiles.StaticFilesMiddleware" in settings.MIDDLEWARE


def test_a_start_without_the_vendored_scripts_names_them(settings, tmp_path):
    settings.STATICFILES_DIRS = [tmp_path]  # a checkout where `make vendor` never ran
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "htmx.min.js").write_text("/* htmx */")
    with pytest.raises(server.StartError) as refused:
        server.check_vendored()
    message = str(refused.value)
    assert "vendor/echarts.min.js" in message and "vendor/swagger-ui/swagger-ui-bundle.js" in message
    assert "vendor/htmx.min.js" not in message and "make vendor" in message


def test_the_checkout_has_the_vendored_scripts():
    server.check_vendored()  # `make vendor` ran (make test runs it before the tests)
