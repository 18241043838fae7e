"""`manage.py issue_api_token USERNAME`: print a new API token for a staff user."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from redress.record.errors import Refused
from redress.staff.models import DEFAULT_LIFETIME, SCOPES
from redress.staff.services import issue_token


class Command(BaseCommand):
    help = "Issue an API token for a case-work user; it is shown once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api")
        parser.add_argument(
            "--scope",
            action="append",
            choices=list(SCOPES),
            dest="scopes",
            help="repeat for more than one (default: all of them)",
        )
        parser.add_argument("--days", type=int, default=DEFAULT_LIFETIME.days)

    def handle(self, *args, username, name, scopes, days, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active case-work user {username!r}")
        try:
            token, clear = issue_token(
                actor=None,
                user=user,
                name=name,
                scopes=scopes or list(SCOPES),
                lifetime=dt.timedelta(days=days),
            )
        except Refused as refusal:
            raise CommandError(f"{refusal.message} ({username!r})") from None
        self.stderr.write(f"scopes {', '.join(token.scopes)}; expires {token.expires_at:%Y-%m-%d}")
        self.stdout.write(clear)
