"""Settings shared by every environment.

The database comes from DATABASE_URL; without it Redress uses the embedded
SQLite file under var/, in WAL mode so that readers never block the writer.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("REDRESS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "redress.record",
    "redress.staff",
    "redress.intake",
    "redress.cases",
    "redress.reception",
    "redress.administration",
    "redress.ombudsman",
    "redress.oversight",
    "redress.letters",
    "redress.remedies",
    "redress.learning",
    "redress.assessments",
    "redress.notifications",
    "redress.leavers",
    # Demo data and its commands (load_demo_data, demo_code): the top, importing the rest.
    "redress.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "redress.project.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "redress.staff.mfa.RequireSecondFactor",
    # A page's query parameter it does not take: a 400 naming it, not a server error.
    "redress.ui.query.BadQueryPage",
]

# Content-Security-Policy (django-csp 4): only our own files run or style the page, so no
# script or style is ever written inline (redress/project/tests/test_security.py
# checks the templates). A response that sets its own policy keeps it: the charts and the
# Ombudsman's publications are stricter still.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The other headers every response carries (most are Django's defaults, stated here so a
# change shows); HSTS and the HTTPS redirect are production's (settings/production.py).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, refused to the page and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Staff sign in with a username; accounts are made by an administrator, never by sign-up.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "redress.staff.adapter.StaffOnlyAdapter"
# A temporary password set by an administrator is still a real one.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff sign in with a second factor every time (allauth.mfa): an authenticator app
# (TOTP) or a passkey / security key (WebAuthn), with recovery codes for a lost device.
# Someone with a role and no authenticator is sent to enrol before anything else
# (redress.staff.mfa.RequireSecondFactor). No passwordless passkey sign-in: a passkey is
# the second factor beside the password.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Redress"
# One period either side: a phone's clock a few seconds out should not lock anyone out.
MFA_TOTP_TOLERANCE = 1
# Failed sign-ins are counted in the shared cache (below), so the limit holds across
# every process and app server: allauth's default, 10 a minute from one address and 5 in
# five minutes for one username, then the form refuses until the window passes.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
# A session ends after an hour with no request (each request renews it) and when the
# browser closes: long enough to draft a stage 2 response without losing it, short enough
# that a complaint file left open on an unattended desk does not stay open for the day.
# The server refuses an expired session whatever the browser keeps.
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
ACCOUNT_SESSION_REMEMBER = False
# Scripts never read the session cookie; it is not sent on cross-site subrequests or posts.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cases:work-queue"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ROOT_URLCONF = "redress.project.urls"
WSGI_APPLICATION = "redress.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "redress" / "project" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "redress.project.context.landlord",
                "redress.project.context.outbox",
                "redress.staff.menu.staff_menu",
                "redress.notifications.context.unread",
            ]
        },
    }
]


def database_from_environment(default_sqlite: Path) -> dict:
    """DATABASE_URL wins; otherwise the embedded SQLite database in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": database_from_environment(VAR_DIR / "redress.sqlite3")}
# A read replica of the PostgreSQL primary, for the reporting pages only
# (redress/infra/routers.py); without REPLICA_DATABASE_URL they read the primary.
if os.environ.get("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["REPLICA_DATABASE_URL"], conn_max_age=60
    )
REDRESS_REPORTS_DATABASE = "replica" if "replica" in DATABASES else "default"
DATABASE_ROUTERS = ["redress.infra.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# One cache for every process and app server, in the database they share: sign-in rate
# limits and used one-time codes must be counted once, not once per worker. The table is
# made by redress/staff/migrations (createcachetable), so `migrate` is enough.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "redress_cache",
    }
}

LANGUAGE_CODE = "en-gb"
# The Code's dates are London calendar dates; every timestamp is stored in UTC
# and converted to London time before a date is taken from it.
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# GOV.UK Frontend's scripts and assets and htmx come straight from node_modules
# (`make assets`); our stylesheet is built into redress/project/static.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "redress" / "project" / "static",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("moj", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
    # MoJ's component styles look for their images beside GOV.UK's (one assets path
    # serves both): what GOV.UK lacks there is found in MoJ's own assets.
    ("govuk", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
]
SILENCED_SYSTEM_CHECKS = ["staticfiles.W004"]  # node_modules is absent until `make assets`
STATIC_ROOT = VAR_DIR / "static"
# Uploaded correspondence and contact attachments. With more than one app server this
# must be storage they all share (a network filesystem mounted at the same path).
MEDIA_ROOT = Path(os.environ.get("REDRESS_MEDIA_ROOT", VAR_DIR / "media"))
# The retention schedule (`redress retention`, redress/privacy/retention.py): whole years
# after closure before a record's personal data is anonymised, per record type. A type
# left out is kept six years.
REDRESS_RETENTION_YEARS = {"complaint": 6, "service_request": 6, "contact": 6, "resident": 6}

# Background tasks (django-tasks): every email, and the reminders and escalations the
# `redress sweep` command enqueues, run in a worker, `manage.py db_worker`, reading this
# database (redress/infra/mail.py). `make run` starts one beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Outgoing mail: production reads the server from the environment (settings/production.py),
# development writes each message to a file under var/outbox/ (settings/dev.py).
DEFAULT_FROM_EMAIL = "complaints@redress.invalid"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The development outbox page (/outbox/, redress/project/outbox.py): the messages Django's
# file backend wrote to EMAIL_FILE_PATH, for staff. Off (404) unless a setting turns it on.
REDRESS_OUTBOX = False

# The landlord's working-day calendar: england-and-wales, scotland or northern-ireland.
REDRESS_CALENDAR = os.environ.get("REDRESS_CALENDAR", "england-and-wales")
# The timescale regime: the Housing Ombudsman's Code of 2024 by default.
REDRESS_REGIME = os.environ.get("REDRESS_REGIME", "hos-2024")
# Extra days the landlord's office is closed (ISO dates, comma-separated).
REDRESS_CLOSURE_DAYS = [
    dt.date.fromisoformat(day.strip())
    for day in os.environ.get("REDRESS_CLOSURE_DAYS", "").split(",")
    if day.strip()
]
# The landlord's name, shown on pages and letters.
REDRESS_LANDLORD_NAME = os.environ.get("REDRESS_LANDLORD_NAME", "Redress demo homes")
# Homes the landlord owns, for the TSM CH01 figures per 1,000 homes on the oversight pages
# (0 shows them as "not available"; `redress tsm` takes --homes instead).
REDRESS_HOMES = int(os.environ.get("REDRESS_HOMES", "1000"))
# Homes of each tenure, for the TSMs split by tenure; both set (non-zero) turns the split on.
REDRESS_HOMES_LCRA = int(os.environ.get("REDRESS_HOMES_LCRA", "0"))
REDRESS_HOMES_LCHO = int(os.environ.get("REDRESS_HOMES_LCHO", "0"))
# Where residents reach Redress's public pages (letters link to the status page).
REDRESS_PUBLIC_URL = os.environ.get("REDRESS_PUBLIC_URL", "http://127.0.0.1:8000")
# The Housing Ombudsman's contact details, as letters and public pages give them (2.4, 6.5,
# 6.16, 6.19). Check them against the Ombudsman's website when deploying.
REDRESS_OMBUDSMAN = {
    "name": "Housing Ombudsman Service",
    "address": os.environ.get(
        "REDRESS_OMBUDSMAN_ADDRESS", "PO Box 1484\nUnit D\nPreston\nPR2 0ET"
    ).replace("\\n", "\n"),
    "phone": os.environ.get("REDRESS_OMBUDSMAN_PHONE", "0300 111 3000"),
    "email": os.environ.get("REDRESS_OMBUDSMAN_EMAIL", "info@housing-ombudsman.org.uk"),
    "website": os.environ.get("REDRESS_OMBUDSMAN_WEBSITE", "www.housing-ombudsman.org.uk"),
}
# The landlord's colours (CSS colours): header background, its text, and the accent bar.
REDRESS_BRAND = {
    "brand": os.environ.get("REDRESS_BRAND_COLOUR", "#1d4f6b"),
    "brand_text": os.environ.get("REDRESS_BRAND_TEXT_COLOUR", "#ffffff"),
    "accent": os.environ.get("REDRESS_ACCENT_COLOUR", "#f3b61f"),
}

# The public pages' rate limits (redress/intake/limits.py): (allowed, window in seconds)
# per client address, or per email address for the codes it is sent.
REDRESS_RATE_LIMITS = {
    "complaint-ip": (10, 60 * 60),  # complaints sent from the online form
    "code-ip": (20, 60 * 60),  # status codes asked for
    "code-email": (5, 60 * 60),  # status codes sent to one email address
    "guess-ip": (30, 60 * 60),  # status codes tried
}
# How many proxies in front of the app servers append to X-Forwarded-For (0: none, the
# client is REMOTE_ADDR; 1: one load balancer that sets it).
REDRESS_TRUSTED_PROXIES = int(os.environ.get("REDRESS_TRUSTED_PROXIES", "0"))
# The complaint form sent sooner than this after it was opened is a robot's
# (redress/intake/spam.py).
REDRESS_FORM_MIN_SECONDS = 3

# Inbound mail (residents' replies). The mail gateway's bearer token for
# POST /api/v1/inbound-mail; blank turns the endpoint off.
INBOUND_MAIL_TOKEN = os.environ.get("INBOUND_MAIL_TOKEN", "")
# Size limits in bytes: one decoded attachment, and one raw message as received.
INBOUND_MAIL_MAX_ATTACHMENT_BYTES = int(
    os.environ.get("INBOUND_MAIL_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)
)
INBOUND_MAIL_MAX_MESSAGE_BYTES = int(
    os.environ.get("INBOUND_MAIL_MAX_MESSAGE_BYTES", 25 * 1024 * 1024)
)
# The mailbox `manage.py poll_inbound_mail` reads (IMAP over SSL unless turned off).
INBOUND_IMAP_HOST = os.environ.get("INBOUND_IMAP_HOST", "")
INBOUND_IMAP_SSL = os.environ.get("INBOUND_IMAP_SSL", "true").lower() not in ("0", "false", "no")
INBOUND_IMAP_PORT = int(os.environ.get("INBOUND_IMAP_PORT", 993 if INBOUND_IMAP_SSL else 143))
INBOUND_IMAP_USER = os.environ.get("INBOUND_IMAP_USER", "")
INBOUND_IMAP_PASSWORD = os.environ.get("INBOUND_IMAP_PASSWORD", "")
INBOUND_IMAP_FOLDER = os.environ.get("INBOUND_IMAP_FOLDER", "INBOX")
