"""Reports read from a read replica when there is one; everything else uses the primary.

PostgreSQL is the one store. A deployment may add a streaming replica of it
(REPLICA_DATABASE_URL) so that the oversight figures, the dashboard and the
annual report, the heaviest reads, do not compete with case work for the
primary. Only those pages opt in, by running inside `using_replica()` (or the
`reads_from_replica` view decorator), and only for their reads: every write
goes to the primary, and so does every read made inside a transaction on the
primary, so a service never decides a write on a replica's stale rows.
Migrations run on the primary alone; the replica follows it.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# A context variable rather than a thread-local: right under threads and async alike.
_reading_reports: ContextVar[bool] = ContextVar("reading_reports", default=False)


@contextmanager
def using_replica():
    """Send this block's reads to the reports database (the replica, when configured)."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def reads_from_replica(view):
    """A view decorator: GET and HEAD read from the replica; other methods, which may
    write, read from the primary throughout."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with using_replica():
            return view(request, *args, **kwargs)

    return wrapped


def reports_database() -> str:
    """The alias reports read from: REDRESS_REPORTS_DATABASE, 'replica' when one is set."""
    return getattr(settings, "REDRESS_REPORTS_DATABASE", DEFAULT_DB_ALIAS)


class ReplicaRouter:
    """Reads in `using_replica()` go to the reports database; writes and migrations never."""

    def db_for_read(self, model, **hints):
        if not _reading_reports.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return reports_database()

    def db_for_write(self, model, **hints):
        # Explicit, so that an object read from the replica is saved to the primary.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: rows from either may refer to each other.
        same_store = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in same_store and obj2._state.db in same_store:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
