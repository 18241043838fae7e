"""`manage.py demo_code`: the demo accounts' published second factor, and no one else's."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from redress.conftest import TOTP_SECRET
from redress.demo.staff import DEMO_TOTP_SECRET, ensure_demo_staff
from redress.staff.mfa import current_code

pytestmark = pytest.mark.django_db


def test_demo_accounts_share_a_published_secret_and_demo_code_prints_its_code(capsys):
    users = ensure_demo_staff()
    call_command("demo_code", "officer")
    assert capsys.readouterr().out.strip() == current_code(DEMO_TOTP_SECRET)
    assert Authenticator.objects.filter(user=users["admin"]).exists()
    Authenticator.objects.filter(user=users["hamid"]).update(data={"secret": TOTP_SECRET})
    with pytest.raises(CommandError):
        call_command("demo_code", "hamid")  # not the demo secret: never read out
