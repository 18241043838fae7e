"""`manage.py poll_inbound_mail`: store residents' unread emails from the IMAP mailbox.

Run it from cron or a systemd timer. It exits non-zero when any message could not
be stored; those stay unread in the mailbox for the next run or a person.
"""

import imaplib
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from redress.reception import imap


class Command(BaseCommand):
    help = "Fetch unread messages from the inbound mailbox, store them and mark them read."
    # Tests pass a fake IMAP client; there is no command-line form of it.
    stealth_options = ("client",)

    def handle(self, *args, client=None, **options):
        try:
            client = client or imap.connect()
        except (imap.PollError, OSError, imaplib.IMAP4.error) as exc:
            raise CommandError(f"could not open the mailbox: {exc}") from exc
        try:
            uids = imap.unseen(client, settings.INBOUND_IMAP_FOLDER)
            report = imap.poll(
                client,
                uids,
                wrap=lambda items: tqdm(
                    items, desc="inbound mail", disable=not sys.stderr.isatty()
                ),
            )
        except (imap.PollError, imaplib.IMAP4.error) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            client.logout()
        for problem in report.failed:
            self.stderr.write(problem)
        self.stdout.write(
            f"Stored {report.stored}, already stored {report.duplicates}, "
            f"set aside (bounces, auto-replies) {report.set_aside}, "
            f"left unread {len(report.failed)}."
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} message(s) could not be stored")
