"""A tiny IMAP server on loopback with a self-signed certificate, to see what a client sends.

It speaks just enough IMAP for `imaplib` to connect and log in (a greeting,
CAPABILITY, STARTTLS, LOGIN, LOGOUT) and records every line it reads, so a test can
tell whether a password reached it. `implicit=True` is TLS from the first byte (port
993 style); otherwise the connection starts plain and offers STARTTLS (unless
`starttls=False`).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

HOST = "127.0.0.1"


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key: (certificate, key) PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Redress test IMAP")])
    # OpenSSL checks validity against the machine's real clock, which a pinned test date
    # (time-machine) does not move: a window wide enough for any pinned date.
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "imap-cert.pem", directory / "imap-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class ImapServer:
    """Serves one connection at a time on a free loopback port, in a thread."""

    def __init__(self, directory: Path, *, implicit: bool, starttls: bool = True):
        self.certificate, key = self_signed(directory)
        self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.tls.load_cert_chain(self.certificate, key)
        self.implicit, self.starttls = implicit, starttls
        self.received: list[bytes] = []
        self.errors: list[str] = []
        self.listener = socket.create_server((HOST, 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.listener.close()
        self.thread.join(timeout=5)

    def _serve(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:  # closed before anyone connected
            return
        try:
            conn.settimeout(10)
            if self.implicit:
                conn = self.tls.wrap_socket(conn, server_side=True)
            self._talk(conn)
        except (OSError, ssl.SSLError) as error:
            self.errors.append(f"{type(error).__name__}: {error}")
        finally:
            conn.close()

    def _capabilities(self, secure: bool) -> str:
        offer_starttls = self.starttls and not secure
        return "IMAP4rev1" + (" STARTTLS" if offer_starttls else "")

    def _talk(self, conn) -> None:
        secure = self.implicit
        conn.sendall(f"* OK [CAPABILITY {self._capabilities(secure)}] ready\r\n".encode())
        reader = conn.makefile("rb")
        while line := reader.readline():
            self.received.append(line)
            tag, _, rest = line.decode().strip().partition(" ")
            command = rest.split(" ")[0].upper()
            if command == "CAPABILITY":
                reply = f"* CAPABILITY {self._capabilities(secure)}\r\n{tag} OK done\r\n"
            elif command == "STARTTLS" and self.starttls and not secure:
                conn.sendall(f"{tag} OK begin TLS\r\n".encode())
                conn = self.tls.wrap_socket(conn, server_side=True)
                reader, secure = conn.makefile("rb"), True
                continue
            elif command in ("LOGIN", "NOOP"):
                reply = f"{tag} OK done\r\n"
            elif command == "LOGOUT":
                conn.sendall(f"* BYE\r\n{tag} OK bye\r\n".encode())
                return
            else:
                reply = f"{tag} BAD unknown\r\n"
            conn.sendall(reply.encode())

    @property
    def heard_password(self) -> bool:
        return any(b"LOGIN" in line.upper() for line in self.received)
