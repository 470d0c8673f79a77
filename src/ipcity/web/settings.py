"""Django settings for ipcity.

Everything that differs between machines comes from the environment:

- ``IPCITY_DATA_DIR`` (default ``./var``): SQLite database, uploads, patent datasets.
- ``DATABASE_URL``: use PostgreSQL (or another database) instead of the embedded SQLite.
- ``IPCITY_SECRET_KEY``: required when ``IPCITY_ENV=production``.
- ``IPCITY_ENV``: ``development`` (default), ``test`` or ``production`` (secure cookies, HSTS...).
- ``IPCITY_EMAIL_*``: SMTP settings; the console backend is used when no host is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
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
    SECRET_KEY = os.environ["IPCITY_SECRET_KEY"]
else:
    # A development key kept in the data directory, so sessions survive restarts.
    _key_file = DATA_DIR / ".secret_key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = _key_file.read_text().strip()

DEBUG = os.environ.get("IPCITY_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("IPCITY_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
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
]
# Feature apps are added when present, so the platform runs while they are being built.
for _app in ("ipcity.monitoring", "ipcity.supervision"):
    if (PACKAGE_DIR / _app.split(".")[1] / "apps.py").exists():
        INSTALLED_APPS.append(_app)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ipcity.web.middleware.LoginRequiredMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
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
AXES_ENABLED = os.environ.get("IPCITY_AXES", "1") == "1"

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

# Uploads: the size limit every upload form checks before anything is read or written.
IPCITY_MAX_UPLOAD_BYTES = int(os.environ.get("IPCITY_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = IPCITY_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

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
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("IPCITY_LOG_LEVEL", "WARNING")},
}
