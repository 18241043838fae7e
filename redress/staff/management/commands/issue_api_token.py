"""`manage.py issue_api_token USERNAME`: print a new API token for a staff user."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from redress.staff.models import ApiToken
from redress.staff.roles import does_casework


class Command(BaseCommand):
    help = "Issue an API token for a case-work user; it is shown once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None or not does_casework(user):
            raise CommandError(f"no active case-work user {username!r}")
        self.stdout.write(ApiToken.issue(user, name=name))
