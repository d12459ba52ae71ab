"""Django settings, read from the environment that ``bootstrap.configure`` sets.

FUPIN_DATA: the data folder (database, file store, inbox, secret key; FUPIN_SECRET_KEY overrides
the key, for workers on other machines); FUPIN_DATABASE_URL:
``sqlite:///path`` or ``postgresql://user:pass@host:port/name`` (default: SQLite in the data
folder). Queue timings (FUPIN_Q_TIMEOUT, FUPIN_Q_RETRY) are seconds.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("FUPIN_DATA", "fupin-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
STORE_DIR = DATA_DIR / "files"
INBOX_DIR = DATA_DIR / "inbox"


def _secret_key() -> str:
    path = DATA_DIR / "secret_key"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_text(secrets.token_urlsafe(50), "ascii")
        tmp.chmod(0o600)
        os.replace(tmp, path)
    return path.read_text("ascii").strip()


def database_from_url(url: str) -> dict[str, Any]:
    """``sqlite:///abs/path`` or ``postgresql://u:p@h:port/db`` → a Django DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    if parsed.scheme == "sqlite":
        name = (
            unquote(parsed.path) if parsed.path not in ("", "/") else str(DATA_DIR / "db.sqlite3")
        )
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                # WAL lets readers go on while a worker writes; IMMEDIATE avoids lock upgrades
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
        }
    raise ValueError(f"不支持的数据库地址：{parsed.scheme}://…（可用 sqlite:/// 或 postgresql://）")


# workers on other machines must share it (queued tasks are signed with it): FUPIN_SECRET_KEY
SECRET_KEY = os.environ.get("FUPIN_SECRET_KEY") or _secret_key()
DEBUG = os.environ.get("FUPIN_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("FUPIN_ALLOWED_HOSTS", "*").split(",")
DATABASES = {"default": database_from_url(os.environ.get("FUPIN_DATABASE_URL", "sqlite:///"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_q",
    "fupin_forms.web.accounts",
    "fupin_forms.web.intake",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "fupin_forms.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "fupin_forms.web.wsgi.application"
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 12 * 3600
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_NUMBER_FILES = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("FUPIN_FAST_HASHER") == "1":  # tests only: hashing is not what they test
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django_q": {"handlers": ["console"], "level": "WARNING"}},
}

Q_CLUSTER = {
    "name": "fupin",
    "orm": "default",
    "workers": int(os.environ.get("FUPIN_Q_WORKERS", "1")),
    "timeout": int(os.environ.get("FUPIN_Q_TIMEOUT", "600")),
    "retry": int(os.environ.get("FUPIN_Q_RETRY", "660")),
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,
    "poll": 0.3,
    "bulk": 1,
    "save_limit": 200,
    "sync": os.environ.get("FUPIN_Q_SYNC") == "1",
    "label": "任务队列",
}
