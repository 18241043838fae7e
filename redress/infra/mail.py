"""Email leaves from the task queue (django-tasks), never from a request.

A page or service that sends mail queues a task once its transaction commits
(`after_commit`), so the page answers at once whatever the mail server does, and
nothing is mailed about a change that was rolled back. The task sends; when the
server fails it records the failure where the record keeps it (an event, a row)
and queues the next try after a back-off (`try_again`), up to a bounded number of
tries. The worker is `manage.py db_worker` (`make run` starts one beside the server).
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.db import transaction
from django.utils import timezone

# What a mail backend raises when the server cannot be reached or refuses the message.
MAIL_ERRORS = (OSError, smtplib.SMTPException)
FIRST_RETRY = dt.timedelta(minutes=5)
LONGEST_WAIT = dt.timedelta(hours=6)


def backoff(attempts: int) -> dt.timedelta:
    """5 minutes after the first failure, doubling, at most 6 hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def after_commit(task, *args, **kwargs) -> None:
    """Queue `task` when the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))


def try_again(task, attempt: int, attempts: int, *args, **kwargs) -> dt.datetime | None:
    """Queue try `attempt + 1` of `task` after the back-off; when it will run, or None when
    `attempt` was the last one allowed, or the backend cannot wait (the immediate backend
    some tests use): the caller then records the failure as final."""
    if attempt >= attempts or not task.get_backend().supports_defer:
        return None
    when = timezone.now() + backoff(attempt)
    task.using(run_after=when).enqueue(*args, attempt=attempt + 1, **kwargs)
    return when


def failed_try(error: Exception, attempt: int, retry_at: dt.datetime | None) -> dict:
    """What the record keeps of a failed try: the error, which try, when the next is due
    (None: that was the last)."""
    return {
        "error": str(error)[:500],
        "attempt": attempt,
        "next_attempt_at": retry_at.isoformat() if retry_at else None,
    }
