"""gunicorn's configuration for ``ipcity serve`` (``-c python:ipcity.web.gunicorn_conf``).

Bind address, workers and threads come from the command line; this module holds what does not
change between installations: logs under ``$IPCITY_DATA_DIR/logs/`` (access.log, one line per
request, and gunicorn's own messages in ipcity.log beside the application's), rotated by size by
the handler the application uses, and timeouts fit for an office's slowest page (reports).
"""

from __future__ import annotations

from ipcity.web.logs import log_dir, rotation

wsgi_app = "ipcity.web.wsgi:application"
# A report (WeasyPrint PDF, large Excel) may take a while; past this a worker is stuck.
timeout = 120
graceful_timeout = 30
# Behind nginx on the same machine: trust its X-Forwarded-* headers from loopback only.
forwarded_allow_ips = "127.0.0.1,::1"
# gunicorn ≥ 25's control socket lives in $HOME (read-only under systemd's ProtectHome) and is one
# per user, so two instances would share it; ipcity is managed through systemd instead.
control_socket_disable = True
# gunicorn's "combined" format plus the response time in microseconds (%(D)s).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'

_logs = log_dir()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "access": {"format": "%(message)s"},
        "plain": {"format": "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "access_file": {"class": "ipcity.web.logs.SharedRotatingFileHandler", "formatter": "access",
                        "filename": str(_logs / "access.log"), **rotation()},
        "app_file": {"class": "ipcity.web.logs.SharedRotatingFileHandler", "formatter": "plain",
                     "filename": str(_logs / "ipcity.log"), **rotation()},
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["console", "app_file"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_file"], "propagate": False},
    },
    "root": {"level": "WARNING", "handlers": ["console"]},
}
