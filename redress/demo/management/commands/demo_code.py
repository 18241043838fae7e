"""`manage.py demo_code USERNAME`: the current authenticator code of a demo account.

Only for accounts holding the published demo secret (redress.demo.staff.DEMO_TOTP_SECRET):
a real person's secret is never read out, so this is no way round their second factor.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from redress.demo.staff import DEMO_TOTP_SECRET
from redress.staff.mfa import current_code


class Command(BaseCommand):
    help = "Print the current sign-in code of a demo staff account (demo data only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        app = Authenticator.objects.filter(
            user__username=username, type=Authenticator.Type.TOTP
        ).first()
        if app is None or decrypt(app.data["secret"]) != DEMO_TOTP_SECRET:
            raise CommandError(f"{username!r} is not a demo account with the demo secret")
        self.stdout.write(current_code(DEMO_TOTP_SECRET))
