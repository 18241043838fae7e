"""The development outbox: where it is turned on, staff read the mail the file backend
wrote, newest first; elsewhere it does not exist, and nobody without a role reads it."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings, tmp_path):
    """The dev settings' outbox in a temporary folder, with two messages written by
    Django's file backend a moment apart (the second with a PDF attached)."""
    settings.REDRESS_OUTBOX = True
    settings.EMAIL_FILE_PATH = tmp_path
    backend = "django.core.mail.backends.filebased.EmailBackend"
    with mail.get_connection(backend, file_path=tmp_path) as connection:
        mail.EmailMessage(
            "Your code to check complaint CMP-2026-000001",
            "Your code is 123456.",
            "complaints@example.org",
            ["ada@example.org"],
            connection=connection,
        ).send()
    time.sleep(0.05)  # the list orders files by when they were written
    with mail.get_connection(backend, file_path=tmp_path) as connection:
        letter = mail.EmailMessage(
            "Our response to your complaint",
            "Dear Ada,\n\nWe have looked into your complaint.",
            "complaints@example.org",
            ["ada@example.org"],
            connection=connection,
        )
        letter.attach("CMP-2026-000001-stage_response.pdf", b"%PDF-1.7", "application/pdf")
        letter.send()
    return tmp_path


@pytest.fixture
def staff(make_staff):
    client = Client()
    client.force_login(make_staff("olive", "complaints officer"))
    return client


def test_staff_see_the_messages_newest_first_and_read_one(outbox, staff):
    page = staff.get("/outbox/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Our response to your complaint") < text.index("Your code to check")
    assert "ada@example.org" in text
    assert 'href="/outbox/"' in text  # the footer's link

    response = staff.get(page.context["messages_sent"][0].id.join(("/outbox/", "/")))
    assert response.status_code == 200
    message = response.content.decode()
    assert "Dear Ada," in message and "We have looked into your complaint." in message
    assert "CMP-2026-000001-stage_response.pdf (application/pdf)" in message
    code = staff.get(page.context["messages_sent"][1].id.join(("/outbox/", "/")))
    assert "Your code is 123456." in code.content.decode()


def test_an_unknown_or_malformed_message_is_not_found(outbox, staff):
    newest = staff.get("/outbox/").context["messages_sent"][0].id
    name = newest.rsplit("-", 1)[0]
    assert staff.get(f"/outbox/{name}-9/").status_code == 404
    assert staff.get("/outbox/20991231-235959-1-0/").status_code == 404
    assert staff.get("/outbox/..%2Fsecret-0/").status_code == 404


def test_nobody_without_a_staff_role_reads_it(outbox):
    anonymous = Client().get("/outbox/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    no_role = Client()
    no_role.force_login(get_user_model().objects.create_user("someone", password="x"))
    assert no_role.get("/outbox/").status_code == 403
    assert 'href="/outbox/"' not in Client().get("/help/").content.decode()


def test_where_it_is_off_it_does_not_exist(outbox, staff, settings):
    settings.REDRESS_OUTBOX = False
    newest = staff.get("/help/")
    assert 'href="/outbox/"' not in newest.content.decode()
    assert staff.get("/outbox/").status_code == 404
    assert staff.get("/outbox/20261205-120000-1-0/").status_code == 404
