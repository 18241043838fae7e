"""`manage.py load_demo_data`: a few hundred realistic complaints, once."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from redress.cases.models import Complaint
from redress.demo.assessment import load_demo_assessment
from redress.demo.complaints import load_demo
from redress.demo.staff import DEMO_TOTP_SECRET, PASSWORD, ensure_demo_staff
from redress.staff.models import SCOPES
from redress.staff.services import issue_token


class Command(BaseCommand):
    help = "Load demo staff and complaints in every state (does nothing if complaints exist)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=300)

    def handle(self, *args, count, **options):
        if Complaint.objects.exists():
            ensure_demo_staff()  # an older demo database gains the newer roles
            self.stdout.write("Demo data already loaded.")
        else:
            with tqdm(total=count, desc="demo complaints", disable=not sys.stderr.isatty()) as bar:
                users = load_demo(count, progress=lambda: bar.update(1))
            load_demo_assessment(users["officer"])  # a draft self-assessment for this year
            _, token = issue_token(
                actor=None, user=users["officer"], name="demo", scopes=list(SCOPES)
            )
            self.stdout.write(f"Loaded {Complaint.objects.count()} demo complaints.")
            self.stdout.write(f"API token for 'officer': {token}")
        self.stdout.write(
            f"Demo staff login: username 'officer', password '{PASSWORD}' "
            "(also hamid, priya, tom: handlers; maya: manager; sara: senior lead; "
            "mrc: Member Responsible for Complaints; board: governing body; admin: administrator)"
        )
        self.stdout.write(
            f"Second factor: an authenticator app with the secret {DEMO_TOTP_SECRET}, or the "
            "code `manage.py demo_code officer` prints"
        )
