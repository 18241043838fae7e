"""Local development: `make run`."""

from .base import *  # noqa: F403

DEBUG = True
# `make run` serves plain http://127.0.0.1: let passkeys work there (never in production).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
