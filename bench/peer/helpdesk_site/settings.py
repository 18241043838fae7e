"""The smallest Django project that runs django-helpdesk, for the peer comparison.

SQLite in PEER_VAR_DIR, or the PostgreSQL that DATABASE_URL names (as
scripts/with-postgres sets it), configured as Redress configures them (WAL and
IMMEDIATE transactions on SQLite). No URLs or
templates are served; the benchmark calls helpdesk's own form and query code.
"""

import os
from urllib.parse import unquote, urlsplit

SECRET_KEY = "peer-benchmark-only"
DEBUG = False
USE_TZ = True
TIME_ZONE = "Europe/London"
ALLOWED_HOSTS = ["*"]
SITE_ID = 1
ROOT_URLCONF = "helpdesk_site.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Teams (pinax-teams) are an optional extra; the knowledge base then points at users.
HELPDESK_TEAMS_MODE_ENABLED = False

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "helpdesk",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        var_dir = os.environ.get("PEER_VAR_DIR", ".")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(var_dir, "helpdesk.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    parts = urlsplit(url)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
    }


DATABASES = {"default": _database()}
