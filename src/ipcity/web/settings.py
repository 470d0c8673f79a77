"""Django settings for ipcity.

Everything that differs between machines comes from the environment:

- ``IPCITY_DATA_DIR`` (default ``./var``): SQLite database, uploads, patent datasets.
- ``DATABASE_URL``: use PostgreSQL (or another database) instead of the embedded SQLite.
- ``IPCITY_SECRET_KEY``: required when ``IPCITY_ENV=production``.
- ``IPCITY_ENV``: ``development`` (default), ``test`` or ``production`` (secure cookies, HSTS...).
- ``IPCITY_EMAIL_*``: SMTP settings; the console backend is used when no host is set.
- ``IPCITY_LOG_LEVEL``, ``IPCITY_LOG_MAX_BYTES``, ``IPCITY_LOG_BACKUPS``: the logs under
  ``$IPCITY_DATA_DIR/logs/`` (see docs/deploy.md).

In production a missing secret key or allowed host stops start-up with ImproperlyConfigured naming
the variable; ``ipcity`` prints that as one line (no traceback).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("IPCITY_ENV", "development")
PRODUCTION = ENV == "production"

DATA_DIR = Path(os.environ.get("IPCITY_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/media/"
DATASETS_DIR = DATA_DIR / "datasets"

if PRODUCTION:
    SECRET_KEY = os.environ.get("IPCITY_SECRET_KEY", "").strip()
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "IPCITY_SECRET_KEY is not set: production needs a long random secret key "
            "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')")
else:
    # A development key kept in the data directory, so sessions survive restarts.
    _key_file = DATA_DIR / ".secret_key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()

DEBUG = os.environ.get("IPCITY_DEBUG", "0" if PRODUCTION else "1") == "1"
# Production names its hosts explicitly (a wrong Host header is refused); development answers locally.
_default_hosts = "" if PRODUCTION else "127.0.0.1,localhost,testserver"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("IPCITY_ALLOWED_HOSTS", _default_hosts).split(",") if h.strip()]
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "IPCITY_ALLOWED_HOSTS is not set: production needs the server's host name(s), comma-separated "
        "(e.g. ipcity.example.gov.cn,127.0.0.1)")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("IPCITY_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "huey.contrib.djhuey",
    "ipcity.core",
    "ipcity.audit",
    "ipcity.programs",
    "ipcity.monitoring",
    "ipcity.supervision",
    "ipcity.reports",
    "ipcity.navigation",
    "ipcity.protection",
    "ipcity.transfer",
    "ipcity.publication",
    "ipcity.datasets",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the application itself (WhiteNoise), before sessions: no DB work for them.
    "ipcity.web.staticfiles.StaticFilesMiddleware",
    # Before anything reads the body: an over-large request is refused on its Content-Length (413).
    "ipcity.web.limits.RequestSizeLimitMiddleware",
    # Binds the client address for audit records; records every 401/403 and every download.
    "ipcity.audit.middleware.AuditRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Under /api/: a 404 no route matched, a 405 and a 500 as JSON in the user's language.
    "ipcity.web.api_fallback.ApiJsonErrorsMiddleware",
    # Under /api/: HEAD answered as GET without the body (django-ninja routes no HEAD).
    "ipcity.web.api_fallback.ApiHeadMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # API writes with an Idempotency-Key header: a retry gets the first answer, done once.
    "ipcity.web.api_idempotency.ApiIdempotencyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every view needs a signed-in user unless marked ``login_not_required`` (login, /healthz,
    # language switch, the JSON API which answers 401 itself); static files are served above. An
    # HTMX request (a polling card) of an ended session is sent to the login page whole.
    "ipcity.web.login_required.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ipcity.web.urls"
WSGI_APPLICATION = "ipcity.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ipcity.web.context_processors.ipcity",
            ],
        },
    }
]

# SQLite by default: embedded, WAL so readers never wait for the writer, IMMEDIATE transactions
# so two writers queue instead of failing with "database is locked" half-way through.
_sqlite_path = DATA_DIR / "ipcity.sqlite3"
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{_sqlite_path}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "ipcity.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},  # Django's, worded in Chinese
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Ours: 3 of 4 character classes, no long repeats or keyboard/alphabet runs, not the user name.
    {"NAME": "ipcity.core.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "ipcity.core.passwords.RepetitionValidator", "OPTIONS": {"max_run": 3}},
    {"NAME": "ipcity.core.passwords.SequenceValidator", "OPTIONS": {"max_run": 3}},
    {"NAME": "ipcity.core.passwords.UsernameValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# Sessions end after 8 working hours or when the browser closes.
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the cookie-less meta tag instead

# django-axes: five failed logins for one user from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lock lasts 30 minutes from the failure that started it: attempts made while locked are
# refused without moving its end (axes 8 name; its default would restart the window each time).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "ipcity.audit.signin.lockout_response"  # Chinese page: how long, until when
AXES_CLIENT_IP_CALLABLE = "ipcity.audit.context.client_ip_from"  # same address as the audit trail

# Audit trail: the client address behind these proxies is read from X-Forwarded-For (default: no
# proxy is trusted, the peer address is the client). Records are kept IPCITY_AUDIT_RETENTION_DAYS
# (at least 180 days, 网络安全法 第二十一条; less stops start-up) and purged nightly after that.
IPCITY_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("IPCITY_TRUSTED_PROXIES", "").split(",") if p.strip()]
IPCITY_AUDIT_RETENTION_DAYS = int(os.environ.get("IPCITY_AUDIT_RETENTION_DAYS", "365"))
if IPCITY_AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured(
        f"IPCITY_AUDIT_RETENTION_DAYS={IPCITY_AUDIT_RETENTION_DAYS}: audit records must be kept at least 180 days "
        "(网络安全法 第二十一条)")
AXES_ENABLED = os.environ.get("IPCITY_AXES", "1") == "1"
# API tokens: the longest lifetime a new token may be given, in days (the choices are 30, 90 and
# 365; one above the cap becomes the cap). Tokens already issued keep their expiry.
IPCITY_API_TOKEN_MAX_DAYS = int(os.environ.get("IPCITY_API_TOKEN_MAX_DAYS", "365"))
if IPCITY_API_TOKEN_MAX_DAYS < 1:
    raise ImproperlyConfigured(f"IPCITY_API_TOKEN_MAX_DAYS={IPCITY_API_TOKEN_MAX_DAYS}: a token must live at least a day")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# ipcity.web is no app, so its static files (CSS, vendored ECharts/HTMX) are named here.
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
# Production: hashed, compressed copies (collectstatic, which `ipcity serve` runs when needed),
# cached a year by browsers. Elsewhere plain names: tests and the in-process benchmarks render
# templates with DEBUG off and no collectstatic manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if PRODUCTION
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: the size limit every upload form checks before anything is read or written.
IPCITY_MAX_UPLOAD_BYTES = int(os.environ.get("IPCITY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = IPCITY_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A patent export or IP-records file uploaded on the datasets page (数据集): its own, larger cap.
# The request-size middleware allows it (plus 1 MB) on that one URL only (ipcity.web.limits).
IPCITY_DATASET_UPLOAD_MAX_BYTES = int(os.environ.get("IPCITY_DATASET_UPLOAD_MAX_BYTES", 200 * 1024 * 1024))
# An import running (or queued) longer than this is taken for one whose worker died (a restart, an
# OOM kill): the periodic ``datasets_import_reap`` marks it failed (docs/datasets.md).
IPCITY_DATASET_IMPORT_STALE_MINUTES = max(1, int(os.environ.get("IPCITY_DATASET_IMPORT_STALE_MINUTES", "120")))
# A 数据集 upload (an export naming applicants, inventors, addresses) is kept this many days after
# its import ended, done or failed, then removed by the hourly ``datasets_upload_purge``; the
# import's record and report stay (docs/datasets.md). 0: removed at the next run after it ends.
IPCITY_DATASET_UPLOAD_KEEP_DAYS = max(0, int(os.environ.get("IPCITY_DATASET_UPLOAD_KEEP_DAYS", "30")))

EMAIL_HOST = os.environ.get("IPCITY_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("IPCITY_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("IPCITY_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("IPCITY_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("IPCITY_EMAIL_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("IPCITY_EMAIL_FROM", "ipcity@localhost")

# Background jobs: huey with SQLite storage in the data directory (no broker to run).
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "ipcity",
    "filename": str(DATA_DIR / "huey.sqlite3"),
    "immediate": ENV == "test",
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("IPCITY_SSL_REDIRECT", "1") == "1"
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # local probes speak plain HTTP to the app
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    X_FRAME_OPTIONS = "DENY"

# Application log: the console (journald under systemd) and $IPCITY_DATA_DIR/logs/ipcity.log,
# rotated by size and shared by all processes; gunicorn's access log is logs/access.log
# (ipcity/web/gunicorn_conf.py).
from ipcity.web.logs import log_dir, rotation  # noqa: E402 - after DATA_DIR, which it mirrors

LOG_DIR = log_dir()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "file": {"class": "ipcity.web.logs.SharedRotatingFileHandler", "filename": str(LOG_DIR / "ipcity.log"),
                 "formatter": "plain", **rotation()},
    },
    "root": {"handlers": ["console", "file"], "level": os.environ.get("IPCITY_LOG_LEVEL", "WARNING")},
}
