"""The mailbox password goes only to an IMAP server whose certificate the system trusts.

A real TLS server on loopback (tests/imap_server.py) with a self-signed certificate:
the poller refuses it before LOGIN, over implicit TLS and over STARTTLS, and refuses a
plain server that offers no STARTTLS. Trusting that certificate the way docs/deploy.md
describes for a private CA (SSL_CERT_FILE) lets the same poller log in: so the refusals
are the certificate check, not a broken server.
"""

from __future__ import annotations

import ssl

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.reception import imap

from .imap_server import HOST, ImapServer

pytestmark = pytest.mark.django_db

PASSWORD = "mailbox-password"


@pytest.fixture
def serve(settings, tmp_path, monkeypatch):
    """serve(implicit=..., starttls=...): a server the settings point the poller at."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    servers = []

    def start(*, implicit: bool, starttls: bool = True) -> ImapServer:
        server = ImapServer(tmp_path, implicit=implicit, starttls=starttls)
        servers.append(server)
        settings.INBOUND_IMAP_HOST, settings.INBOUND_IMAP_PORT = HOST, server.port
        settings.INBOUND_IMAP_SSL = implicit
        settings.INBOUND_IMAP_USER, settings.INBOUND_IMAP_PASSWORD = "complaints", PASSWORD
        return server

    yield start
    for server in servers:
        server.close()


def test_the_context_requires_a_certificate_and_checks_the_host_name():
    context = imap.tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True


@pytest.mark.parametrize("implicit", [True, False], ids=["tls", "starttls"])
def test_a_self_signed_server_is_refused_before_the_password(serve, implicit):
    server = serve(implicit=implicit)
    with pytest.raises(CommandError, match="could not open the mailbox.*CERTIFICATE_VERIFY_FAILED"):
        call_command("poll_inbound_mail")
    server.close()
    assert not server.heard_password
    assert not any(PASSWORD.encode() in line for line in server.received)


def test_a_plain_server_without_starttls_is_refused_before_the_password(serve):
    server = serve(implicit=False, starttls=False)
    with pytest.raises(CommandError, match="TLS not supported by server"):
        call_command("poll_inbound_mail")
    server.close()
    assert not server.heard_password


@pytest.mark.parametrize("implicit", [True, False], ids=["tls", "starttls"])
def test_a_server_the_trust_store_vouches_for_gets_the_login(serve, implicit, monkeypatch):
    server = serve(implicit=implicit)
    monkeypatch.setenv("SSL_CERT_FILE", str(server.certificate))  # a private CA, trusted
    client = imap.connect()
    client.logout()
    server.close()
    assert server.heard_password and server.errors == []
