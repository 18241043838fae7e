"""Test runs: fast hashing, the database from DATABASE_URL when CI sets it."""

from .base import *  # noqa: F403
from .base import VAR_DIR, database_from_environment

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {"default": database_from_environment(VAR_DIR / "test.sqlite3")}
