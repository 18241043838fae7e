"""Test runs: fast hashing, the database from DATABASE_URL when CI sets it."""

from .base import *  # noqa: F403
from .base import VAR_DIR, database_from_environment

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail stays in memory (django.core.mail.outbox), as Django's test runner would make it.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES = {"default": database_from_environment(VAR_DIR / "test.sqlite3")}
# A replica alias that is the test database itself (a test mirror), so the router's
# tests can watch reports go to it. Other tests read the primary: the mirror's
# connection does not see a test's uncommitted rows.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
REDRESS_REPORTS_DATABASE = "default"
# allauth allows 30 sign-ins a minute from one address; a test worker signing in through
# the form in one browser test after another can pass that, and the next sign-in then
# waits on a refusal. Production keeps the limits.
ACCOUNT_RATE_LIMITS = False
# The live server the browser tests drive is plain http://localhost: let passkeys work there.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
