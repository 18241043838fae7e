"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
# `make run` serves plain http://127.0.0.1: let passkeys work there (never in production).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# Mail is written to files, one per message batch, and listed for staff at /outbox/ (linked
# from the footer): a newcomer can read the status codes and notifications sent.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "outbox"
REDRESS_OUTBOX = True
