"""The demo's staff: one account per role, two teams, one password and one published
authenticator secret, so a reviewer can sign in as anyone."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from redress.staff.mfa import enrol_totp
from redress.staff.models import Team
from redress.staff.roles import (
    ADMINISTRATOR,
    COMPLAINTS_OFFICER,
    GOVERNING_BODY,
    HANDLER,
    MANAGER,
    MRC,
    SENIOR_LEAD,
)

PASSWORD = "redress-demo"
# Every demo account's authenticator-app secret (base32), published in the README so that
# a reviewer can add it to an app, or print the current code with `manage.py demo_code`.
DEMO_TOTP_SECRET = "REDRESSDEMOTOTPSECRETXYZ"
STAFF = (
    ("officer", "Olive", "Okafor", COMPLAINTS_OFFICER),
    ("hamid", "Hamid", "Hussain", HANDLER),
    ("priya", "Priya", "Patel", HANDLER),
    ("tom", "Tom", "Evans", HANDLER),
    ("maya", "Maya", "Clarke", MANAGER),
    ("sara", "Sara", "Lindqvist", SENIOR_LEAD),
    ("mrc", "Morgan", "Reid", MRC),
    ("board", "Bea", "Osei", GOVERNING_BODY),
    ("admin", "Ade", "Min", ADMINISTRATOR),
)
# Handlers who share a queue: Hamid and Priya work on repairs complaints together.
TEAMS = {"Repairs complaints": ("hamid", "priya"), "Neighbourhoods": ("tom",)}


def ensure_demo_staff():
    """The demo accounts, roles and teams; safe to run again on a loaded database."""
    users = {}
    for username, first, last, role in STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        enrol_totp(user, DEMO_TOTP_SECRET)
        users[username] = user
    for name, members in TEAMS.items():
        Team.objects.get_or_create(name=name)[0].members.add(*(users[m] for m in members))
    return users
