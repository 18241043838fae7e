"""An administrator, signed in, for the administration pages' tests."""

from __future__ import annotations

import pytest
from django.test import Client

from redress.record.models import Event


@pytest.fixture
def admin_user(make_staff):
    return make_staff("ada", "administrator")


@pytest.fixture
def admin(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def events(kind: str) -> list[Event]:
    return list(Event.objects.filter(subject_kind=kind))
