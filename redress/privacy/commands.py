"""The configured database and MEDIA_ROOT, handed to `backup` and `restore`."""

from __future__ import annotations

from django.conf import settings
from django.db import connections

from .backup import backup, restore


def run_backup(path, *, alias: str = "default", progress=None) -> dict:
    connection = connections[alias]
    live = None
    if connection.vendor == "sqlite":
        # Django's own connection: it sees an in-memory test database, and the backup API
        # reads a consistent snapshot however many other connections write meanwhile.
        connection.ensure_connection()
        live = connection.connection
    extra = {"progress": progress} if progress else {}
    return backup(
        path,
        database=connection.settings_dict,
        media_root=settings.MEDIA_ROOT,
        live_sqlite=live,
        **extra,
    )


def run_restore(path, *, force: bool = False, alias: str = "default", progress=None) -> dict:
    connection = connections[alias]
    database = connection.settings_dict
    # Our own connection must not hold the database open while it is replaced.
    connection.close()
    extra = {"progress": progress} if progress else {}
    return restore(path, database=database, media_root=settings.MEDIA_ROOT, force=force, **extra)
