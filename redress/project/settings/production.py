"""Production: secrets, hosts and the mail server must come from the environment; a
required one that is missing stops start-up, naming it (`required`).

Static files are served by each app server itself, through WhiteNoise, from
STATIC_ROOT as `manage.py collectstatic` fills it at release time: file names
carry a hash of their content, so a CDN or browser may cache them for ever.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE

YES = ("1", "true", "yes")


def required(name: str) -> str:
    """An environment variable production cannot start without: missing or blank stops
    start-up with a message naming it (docs/deploy.md lists them all)."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment (docs/deploy.md)")
    return value


def flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in YES


SECRET_KEY = required("DJANGO_SECRET_KEY")

# Outgoing mail, over SMTP: residents' codes, confirmations and letters, staff notices.
# The worker sends it (docs/deploy.md).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
# STARTTLS by default; EMAIL_USE_SSL=true for TLS from the first byte (port 465) instead.
EMAIL_USE_SSL = flag("EMAIL_USE_SSL")
EMAIL_USE_TLS = flag("EMAIL_USE_TLS") if "EMAIL_USE_TLS" in os.environ else not EMAIL_USE_SSL
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("set EMAIL_USE_TLS or EMAIL_USE_SSL, not both (docs/deploy.md)")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or (465 if EMAIL_USE_SSL else 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
if EMAIL_HOST_USER and not EMAIL_HOST_PASSWORD:
    raise ImproperlyConfigured(
        "EMAIL_HOST_PASSWORD must be set in the environment when EMAIL_HOST_USER is "
        "(docs/deploy.md)"
    )
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# The address residents see mail come from, and the one error reports come from.
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "").strip() or DEFAULT_FROM_EMAIL

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS only: plain HTTP is redirected, and browsers are told to use nothing else for a
# year, subdomains included (start lower while trying a new domain: DJANGO_HSTS_SECONDS).
# DJANGO_SECURE_SSL_REDIRECT=false only for plain HTTP on loopback (the load runs).
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "true").lower() not in (
    "0",
    "false",
    "no",
)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Behind a load balancer that ends TLS and sets X-Forwarded-Proto (docs/deploy.md).
if flag("DJANGO_TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Straight after SecurityMiddleware, as WhiteNoise asks: static files skip the rest.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A CDN in front: set STATIC_URL to its address (ending in /); it fetches from the app.
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "static/")
