"""Production: secrets and hosts must come from the environment.

Static files are served by each app server itself, through WhiteNoise, from
STATIC_ROOT as `manage.py collectstatic` fills it at release time: file names
carry a hash of their content, so a CDN or browser may cache them for ever.
"""

import os

from .base import *  # noqa: F403
from .base import MIDDLEWARE

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
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
if os.environ.get("DJANGO_TRUST_X_FORWARDED_PROTO", "").lower() in ("1", "true", "yes"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Straight after SecurityMiddleware, as WhiteNoise asks: static files skip the rest.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A CDN in front: set STATIC_URL to its address (ending in /); it fetches from the app.
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "static/")
