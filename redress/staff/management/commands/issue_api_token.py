"""`manage.py issue_api_token USERNAME`: print a new API token for a staff user."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from redress.staff.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for a staff user; it is shown once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api")

    def handle(self, *args, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username, is_staff=True, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no active staff user {username!r}") from None
        self.stdout.write(ApiToken.issue(user, name=name))
