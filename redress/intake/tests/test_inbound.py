"""Inbound mail: replies from a complaint's people attached to it, others to triage, junk
refused, bounces and auto-replies creating nobody, attachments checked like uploads.

Every refusal writes nothing: no row and no file. The parser and the service are
fed arbitrary bytes and arbitrary-ish emails by hypothesis.
"""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from redress.cases.models import Complaint, Correspondence
from redress.cases.tests.factories import open_case, row_counts
from redress.intake.inbound import html_to_text, parse_message, safe_filename
from redress.intake.models import Contact, ContactAttachment, InboundMessage, Resident
from redress.intake.services import add_representative
from redress.reception.receiving import receive_message, sane_date
from redress.record.errors import Refused
from redress.record.models import Event

pytestmark = pytest.mark.django_db

TOKEN = "gateway-secret-token"
JPEG = b"\xff\xd8\xff\xe0 jpeg bytes"
PDF = b"%PDF-1.4 a letter"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INBOUND_MAIL_TOKEN = TOKEN
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def email(
    subject: str = "Re: your complaint",
    text: str | None = "The damp is back in the bedroom.",
    html: str | None = None,
    sender: str = "Ada Jones <ada@example.org>",
    message_id: str | None = "<reply-1@mail.example.org>",
    date: dt.datetime | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    headers: tuple[tuple[str, str], ...] = (),
) -> bytes:
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = "complaints@landlord.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(date or timezone.now() - dt.timedelta(hours=1))
    if message_id:
        message["Message-ID"] = message_id
    for name, value in headers:
        message[name] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for filename, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


@pytest.fixture
def reference(officer) -> str:
    return open_case(officer)


def refused_writing_nothing(raw: bytes, media, field: str) -> Refused:
    before, files = row_counts(), stored_files(media)
    with pytest.raises(Refused) as caught:
        receive_message(raw, via="test")
    assert caught.value.field == field, caught.value.message
    assert row_counts() == before
    assert stored_files(media) == files
    return caught.value


# --- with a reference -------------------------------------------------------------------


def test_reply_naming_a_complaint_is_attached_with_its_files(reference, media):
    raw = email(
        subject=f"RE: Your complaint {reference.lower()}",
        attachments=(
            ("../../etc/passwd", b"root:x:0:0", "text/plain"),
            ("mould photo.jpg", JPEG, "image/jpeg"),
        ),
    )
    result = receive_message(raw, via="test")
    assert result.complaint == reference and not result.duplicate and result.contact is None
    complaint = Complaint.objects.get(reference=reference)
    rows = list(Correspondence.objects.filter(complaint=complaint).order_by("id"))
    assert [(r.kind, r.direction) for r in rows] == [
        ("email", "incoming"),
        ("document", "incoming"),
        ("document", "incoming"),
    ]
    assert rows[0].title == f"RE: Your complaint {reference.lower()}"
    assert rows[0].body == "The damp is back in the bedroom."
    # Named as an upload is: the safe name, the extension its content calls for.
    assert [r.title for r in rows[1:]] == ["passwd.txt", "mould_photo.jpg"]
    assert rows[1].file.name.startswith("correspondence/")
    assert rows[1].file.name.endswith("passwd.txt")
    assert rows[1].file.read() == b"root:x:0:0"
    assert len(stored_files(media)) == 2
    assert all(media in p.parents for p in stored_files(media))
    received = Event.objects.get(subject_id=complaint.pk, action="correspondence_received")
    assert received.subject_kind == "complaint"
    assert received.payload["correspondence"] == [r.pk for r in rows]
    assert received.payload["from"] == "ada@example.org"
    assert Event.objects.filter(action="correspondence_attached").count() == 3
    assert not Contact.objects.exists()
    assert InboundMessage.objects.get().complaint_reference == reference


def test_date_header_is_used_when_sane_else_now(reference):
    sent = timezone.now().replace(microsecond=0) - dt.timedelta(days=2)
    receive_message(email(subject=reference, date=sent), via="test")
    assert Correspondence.objects.get().occurred_at == sent
    now = timezone.now()
    for date in (now + dt.timedelta(days=3), now - dt.timedelta(days=3650)):
        assert sane_date(date) >= now
    before_case = Complaint.objects.get(reference=reference).received_on - dt.timedelta(days=1)
    moment = dt.datetime.combine(before_case, dt.time(12), tzinfo=dt.UTC)
    assert sane_date(moment, not_before=before_case + dt.timedelta(days=1)) >= now


def test_html_only_body_becomes_text(reference):
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>The damp is <b>back</b>.</p>"
        "<p>Tom &amp; Ada</p><script>alert(1)</script></body></html>"
    )
    receive_message(email(subject=reference, text=None, html=html), via="test")
    assert Correspondence.objects.get().body == "The damp is back.\n\nTom & Ada"


def test_plain_text_is_preferred_to_html(reference):
    receive_message(email(subject=reference, html="<p>HTML version</p>"), via="test")
    assert Correspondence.objects.get().body == "The damp is back in the bedroom."


def test_same_message_id_twice_is_stored_once(reference, media):
    raw = email(subject=reference, attachments=(("a.pdf", PDF, "application/pdf"),))
    first = receive_message(raw, via="test")
    counts, files = row_counts(), stored_files(media)
    again = receive_message(raw, via="imap")
    assert again.duplicate and again.complaint == first.complaint == reference
    assert row_counts() == counts and stored_files(media) == files
    assert InboundMessage.objects.get().message_id == "<reply-1@mail.example.org>"


# --- without a reference ------------------------------------------------------------------


def test_without_a_reference_a_contact_to_triage_for_a_new_resident(media):
    raw = email(
        subject="Broken boiler",
        sender="Bea Smith <bea@example.org>",
        attachments=(("boiler.jpg", JPEG, "image/jpeg"),),
    )
    result = receive_message(raw, via="test")
    contact = Contact.objects.get(pk=result.contact)
    assert result.complaint is None
    assert contact.classification == Contact.Classification.TO_TRIAGE
    assert contact.channel == "email"
    assert contact.summary == "Broken boiler\n\nThe damp is back in the bedroom."
    assert (contact.resident.name, contact.resident.email) == ("Bea Smith", "bea@example.org")
    attachment = ContactAttachment.objects.get(contact=contact)
    assert (attachment.filename, attachment.content_type, attachment.size) == (
        "boiler.jpg",
        "image/jpeg",
        len(JPEG),
    )
    assert attachment.file.read() == JPEG
    assert not Complaint.objects.exists() and not Correspondence.objects.exists()
    actions = set(Event.objects.filter(subject_kind="contact").values_list("action", flat=True))
    assert actions == {"contact_recorded", "correspondence_received"}


def test_resident_is_matched_by_email_address(officer):
    resident = Resident.objects.create(name="Ada Jones", email="Ada@Example.org")
    result = receive_message(email(subject="Hello"), via="test")
    assert Contact.objects.get(pk=result.contact).resident == resident
    assert Resident.objects.count() == 1


def test_resident_without_display_name_is_named_by_address():
    receive_message(email(sender="cy@example.org"), via="test")
    assert Resident.objects.get().name == "cy@example.org"


def test_unknown_reference_goes_to_triage(reference):
    result = receive_message(email(subject="Re: CMP-1999-999999"), via="test")
    assert result.complaint is None and result.contact is not None
    assert not Correspondence.objects.exists()


def test_unparseable_optional_headers_do_not_refuse_the_message():
    raw = (
        b"From: Ada <ada@example.org>\r\nDate: not a date\r\nMessage-ID: <<<>>>\r\n"
        b"Subject: Damp \xff again\r\n\r\nStill damp."
    )
    result = receive_message(raw, via="test")
    contact = Contact.objects.get(pk=result.contact)
    assert result.message_id == "<<<>>>"
    assert contact.summary == "Damp \ufffd again\n\nStill damp."
    assert receive_message(raw, via="test").duplicate


def test_message_without_message_id_is_still_idempotent():
    raw = email(message_id=None)
    first = receive_message(raw, via="test")
    assert first.message_id.startswith("sha256:")
    assert receive_message(raw, via="test").duplicate
    assert Contact.objects.count() == 1


# --- who may put mail on a case -----------------------------------------------------------


def test_mail_from_an_address_not_on_the_case_goes_to_triage(reference, media):
    before = Event.objects.filter(subject_kind="complaint").count()
    raw = email(
        subject=f"Re: {reference}",
        sender="Mallory <mallory@example.net>",
        attachments=(("note.pdf", PDF, "application/pdf"),),
    )
    result = receive_message(raw, via="test")
    assert result.complaint is None and result.contact is not None
    assert not Correspondence.objects.exists()
    assert Event.objects.filter(subject_kind="complaint").count() == before
    contact = Contact.objects.get(pk=result.contact)
    assert contact.classification == Contact.Classification.TO_TRIAGE
    assert contact.resident.email == "mallory@example.net"
    assert (
        f"This email names complaint {reference} but did not come from an address on that "
        "complaint, so it was not put on the case." in contact.summary
    )
    assert ContactAttachment.objects.get(contact=contact).filename == "note.pdf"
    received = Event.objects.get(subject_kind="contact", action="correspondence_received")
    assert received.payload["names_complaint"] == reference


def test_the_residents_and_the_representatives_addresses_are_on_the_case(reference):
    complaint = Complaint.objects.get(reference=reference)
    tom = add_representative(
        actor=None,
        resident_id=complaint.resident_id,
        name="Tom Jones",
        relationship="son",
        authority="Signed consent form",
        authority_recorded_on=dt.date(2025, 1, 6),
        email="tom@example.org",
    )
    Complaint.objects.filter(pk=complaint.pk).update(representative=tom)
    for n, sender in enumerate(("ADA@Example.ORG", "Tom <Tom@example.org>")):
        raw = email(subject=f"Re: {reference}", sender=sender, message_id=f"<m{n}@x>")
        assert receive_message(raw, via="test").complaint == reference
    assert Correspondence.objects.count() == 2 and not Contact.objects.exists()


# --- attachments: the checks staff uploads pass ---------------------------------------------

EXE = b"MZ\x90\x00\x03\x00 a Windows program"
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


@pytest.mark.parametrize("subject", ["Re: {reference}", "A new problem"], ids=["case", "triage"])
def test_attachments_failing_the_upload_checks_are_listed_not_kept(
    subject, reference, media, settings
):
    settings.INBOUND_MAIL_MAX_ATTACHMENT_BYTES = 1024 * 1024
    raw = email(
        subject=subject.format(reference=reference),
        attachments=(
            ("damp.jpg", JPEG, "image/jpeg"),
            ("invoice.exe", EXE, "application/octet-stream"),
            ("letter.pdf.html", HTML, "text/html"),
            ("big.pdf", PDF + b" " * 1024 * 1024, "application/pdf"),
        ),
    )
    result = receive_message(raw, via="test")
    assert result.attachments == 1
    assert result.refused_attachments == ["invoice.exe", "letter.pdf.html", "big.pdf"]
    [kept] = stored_files(media)
    assert kept.read_bytes() == JPEG and kept.name.endswith("damp.jpg")
    if result.complaint:
        listed = Correspondence.objects.get(kind="email").body
        assert Correspondence.objects.filter(kind="document").count() == 1
    else:
        listed = Contact.objects.get().summary
        assert ContactAttachment.objects.get().filename == "damp.jpg"
    allowed = "the file must be a PDF, PNG or JPEG image, Word or Excel document, or plain text"
    assert (
        "Attachments not kept:\n"
        f"- invoice.exe: {allowed} file\n"
        f"- letter.pdf.html: {allowed} file\n"
        "- big.pdf: the file must be 1 MB or smaller"
    ) in listed
    received = Event.objects.get(action="correspondence_received")
    assert [item["filename"] for item in received.payload["refused_attachments"]] == (
        result.refused_attachments
    )


def test_an_email_of_nothing_but_refused_attachments_is_still_kept(reference, media):
    raw = email(subject=reference, text=None, attachments=(("a.exe", EXE, "application/x-exe"),))
    result = receive_message(raw, via="test")
    assert result.complaint == reference and result.attachments == 0
    body = Correspondence.objects.get().body
    assert body.startswith("(The email had no text.)\n\nAttachments not kept:\n- a.exe:")
    assert stored_files(media) == []


# --- bounces and auto-replies -------------------------------------------------------------

AUTOMATIC = [
    ("Mail Delivery System <MAILER-DAEMON@mx.example.net>", ()),
    ("postmaster@example.net", ()),
    ("bea@example.net", (("Return-Path", "<>"),)),
    ("bea@example.net", (("Auto-Submitted", "auto-replied"),)),
    ("bea@example.net", (("Auto-Submitted", "auto-generated"),)),
    ("bea@example.net", (("X-Autoreply", "yes"),)),
    ("bea@example.net", (("X-Autorespond", "Out of office"),)),
    ("bea@example.net", (("Precedence", "auto_reply"),)),
    ("bea@example.net", (("Precedence", "bulk"),)),
    ("bea@example.net", (("Precedence", "junk"),)),
    ("bea@example.net", (("X-Auto-Response-Suppress", "All"),)),
]
DELIVERY_REPORT = (
    b"From: Mail Delivery Subsystem <bounces@mx.example.net>\r\n"
    b"Subject: Delivery Status Notification (Failure): Re: {reference}\r\n"
    b"Message-ID: <dsn-1@mx.example.net>\r\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
    b"--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
    b"--b\r\nContent-Type: message/delivery-status\r\n\r\n"
    b"Reporting-MTA: dns; mx.example.net\r\n\r\n"
    b"Final-Recipient: rfc822; ada@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n"
    b"--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=m.txt\r\n"
    b"\r\nThe original message\r\n--b--\r\n"
)


def set_aside_writing_nothing(raw: bytes, media) -> str:
    before, files = row_counts(), stored_files(media)
    result = receive_message(raw, via="test")
    assert result.complaint is None and result.contact is None and result.set_aside
    assert row_counts() == before and stored_files(media) == files
    return result.set_aside


def _why(case: tuple) -> str:
    sender, headers = case
    return ", ".join(f"{name} {value}" for name, value in headers) or sender.split("@")[0]


@pytest.mark.parametrize(("sender", "headers"), AUTOMATIC, ids=[_why(c) for c in AUTOMATIC])
@pytest.mark.parametrize(
    "subject", ["Out of office", "Undeliverable: Re: {reference}"], ids=["plain", "naming"]
)
def test_bounces_and_auto_replies_create_no_resident(sender, headers, subject, reference, media):
    raw = email(
        subject=subject.format(reference=reference),
        sender=sender,
        headers=headers,
        attachments=(("returned.txt", b"the message you sent", "text/plain"),),
    )
    set_aside_writing_nothing(raw, media)


def test_a_delivery_report_creates_no_resident_and_the_gateway_hears_why(reference, media):
    raw = DELIVERY_REPORT.replace(b"{reference}", reference.encode())
    assert set_aside_writing_nothing(raw, media) == "a delivery or read report"
    response = post(raw)
    assert response.status_code == 200
    assert response.json()["set_aside"] == "a delivery or read report"
    assert (
        response.json()["contact"] is None
        and not Resident.objects.filter(email__icontains="mx.example.net").exists()
    )


def test_an_auto_reply_from_someone_known_creates_no_new_resident(reference):
    out_of_office = (("Auto-Submitted", "auto-replied"),)
    on_case = receive_message(
        email(subject=f"Out of office: {reference}", headers=out_of_office, message_id="<a@x>"),
        via="test",
    )
    assert on_case.complaint == reference and not on_case.set_aside
    received = Event.objects.get(subject_kind="complaint", action="correspondence_received")
    assert received.payload["automatic"] == "Auto-Submitted: auto-replied"
    triaged = receive_message(
        email(subject="Out of office", headers=out_of_office, message_id="<b@x>"), via="test"
    )
    assert Contact.objects.get(pk=triaged.contact).resident.email == "ada@example.org"
    assert Resident.objects.count() == 1


def test_auto_submitted_no_is_a_persons_mail():
    result = receive_message(
        email(sender="bea@example.net", headers=(("Auto-Submitted", "no"),)), via="test"
    )
    assert not result.set_aside and Resident.objects.get().email == "bea@example.net"


def test_the_poller_marks_set_aside_mail_read_and_counts_it(capsys):
    client = FakeImap({b"1": email(sender="MAILER-DAEMON@mx.example.net")})
    call_command("poll_inbound_mail", client=client)
    assert client.seen == {b"1"} and not Resident.objects.exists()
    assert "set aside (bounces, auto-replies) 1" in capsys.readouterr().out


# --- malformed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"", "message"),
        (b"   \r\n ", "message"),
        (b"\x00\xff\xfe garbage \x80\x81", "message"),
        (b"Subject: no sender\r\n\r\nHello", "from"),
        (b"From: not an address\r\nSubject: x\r\n\r\nHello", "from"),
        (b"From: Undisclosed <>\r\n\r\nHello", "from"),
    ],
)
def test_malformed_messages_are_refused_writing_nothing(raw, field, media):
    refused_writing_nothing(raw, media, field)


def test_message_without_from_has_a_clear_message(media):
    refusal = refused_writing_nothing(email(sender=""), media, "from")
    assert refusal.message == "the message has no From address"


def test_oversized_message_is_refused(settings, media):
    settings.INBOUND_MAIL_MAX_MESSAGE_BYTES = 2000
    refusal = refused_writing_nothing(email(text="x" * 3000), media, "message")
    assert "larger than 2,000 bytes" in refusal.message


def test_a_failure_after_files_are_saved_removes_them(reference, media, monkeypatch):
    from redress.reception import receiving

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(receiving, "record_event", broken)
    raw = email(subject=reference, attachments=(("a.txt", b"a", "text/plain"),))
    before = row_counts()
    with pytest.raises(RuntimeError):
        receive_message(raw, via="test")
    assert row_counts() == before and stored_files(media) == []


def test_safe_filenames():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\ada\\damp.jpg") == "damp.jpg"
    assert safe_filename("..") == "attachment"
    assert safe_filename(None) == "attachment"
    assert safe_filename("résumé <1>.pdf") == "resume_1_.pdf"
    long = safe_filename("a" * 500 + ".pdf")
    assert len(long) == 64 and long.endswith(".pdf")


def test_html_to_text_keeps_paragraphs():
    assert html_to_text("<div>one</div><div>two<br>three</div>") == "one\n\ntwo\nthree"


# --- the endpoint -------------------------------------------------------------------------


def post(raw: bytes, token: str | None = TOKEN, content_type: str = "message/rfc822"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return Client().post("/api/v1/inbound-mail", data=raw, content_type=content_type, **headers)


def test_endpoint_stores_a_message_then_reports_the_duplicate(reference):
    raw = email(subject=reference)
    response = post(raw)
    assert response.status_code == 201, response.json()
    assert response.json()["complaint"] == reference
    again = post(raw)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert Correspondence.objects.count() == 1


def test_endpoint_takes_a_message_larger_than_djangos_form_limit(reference, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    raw = email(subject=reference, attachments=(("a.bin", b"x" * 5000, "image/png"),))
    assert post(raw).status_code == 201


@pytest.mark.parametrize("token", [None, "wrong", TOKEN + "x", ""])
def test_endpoint_needs_the_gateway_token(token):
    before = row_counts()
    response = post(email(), token=token)
    assert response.status_code == 401
    assert response.json()["error"]["field"] == "Authorization"
    assert row_counts() == before


def test_a_staff_token_is_not_the_gateway_token(officer):
    response = officer.client.post(
        "/api/v1/inbound-mail", data=email(), content_type="message/rfc822"
    )
    assert response.status_code == 401


def test_endpoint_is_disabled_without_a_configured_token(settings):
    settings.INBOUND_MAIL_TOKEN = ""
    assert post(email(), token="").status_code == 404
    assert post(email(), token="anything").status_code == 404
    assert not Contact.objects.exists()


def test_endpoint_refuses_malformed_mail_with_422(media):
    before = row_counts()
    for raw in (b"\r\n", b"Subject: no sender\r\n\r\nHello"):
        response = post(raw)
        assert response.status_code == 422
        assert response.json()["error"]["field"] in ("message", "from")
    assert row_counts() == before and stored_files(media) == []


def test_endpoint_wants_the_raw_message_content_type():
    response = post(email(), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "Content-Type"


def test_endpoint_is_in_the_openapi_schema():
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/inbound-mail"]["post"]
    assert operation["security"] == [{"InboundMailToken": []}]
    assert "message/rfc822" in operation["requestBody"]["content"]
    assert schema["components"]["securitySchemes"]["InboundMailToken"]["scheme"] == "bearer"


# --- IMAP polling -------------------------------------------------------------------------


class FakeImap:
    """The few imaplib calls the poller makes, over messages held in memory."""

    def __init__(self, messages: dict[bytes, bytes]):
        self.messages = messages
        self.seen: set[bytes] = set()
        self.selected = None
        self.logged_out = False

    def select(self, folder):
        self.selected = folder
        return "OK", [str(len(self.messages)).encode()]

    def uid(self, command, *args):
        if command == "SEARCH":
            return "OK", [b" ".join(u for u in self.messages if u not in self.seen)]
        if command == "FETCH":
            uid, what = args
            assert what == "(BODY.PEEK[])"  # fetching must not mark it read
            return "OK", [(b"1 (UID " + uid + b" BODY[] {99}", self.messages[uid]), b")"]
        if command == "STORE":
            uid, op, flags = args
            assert (op, flags) == ("+FLAGS", "(\\Seen)")
            self.seen.add(uid)
            return "OK", [b""]
        raise AssertionError(command)

    def logout(self):
        self.logged_out = True
        return "BYE", [b""]


def test_poll_stores_each_unseen_message_and_leaves_failures_unread(reference, capsys):
    client = FakeImap(
        {
            b"1": email(subject=reference, message_id="<a@x>"),
            b"2": b"complete garbage",
            b"3": email(subject="New problem", message_id="<b@x>"),
        }
    )
    with pytest.raises(CommandError, match="1 message"):
        call_command("poll_inbound_mail", client=client)
    assert client.seen == {b"1", b"3"} and client.logged_out and client.selected == "INBOX"
    assert Correspondence.objects.count() == 1
    assert Contact.objects.filter(classification="to_triage").count() == 1
    out = capsys.readouterr()
    assert "message 2 refused" in out.err
    assert "Stored 2, already stored 0, set aside (bounces, auto-replies) 0, left unread 1." in (
        out.out
    )


def test_poll_marks_an_already_stored_message_read(reference, capsys):
    raw = email(subject=reference)
    receive_message(raw, via="api")
    client = FakeImap({b"7": raw})
    call_command("poll_inbound_mail", client=client)
    assert client.seen == {b"7"} and Correspondence.objects.count() == 1
    out = capsys.readouterr().out
    assert "Stored 0, already stored 1, set aside (bounces, auto-replies) 0, left unread 0." in out


def test_poll_carries_on_after_an_unexpected_error(monkeypatch, capsys):
    from redress.reception import imap

    calls = []

    def flaky(raw, *, via):
        calls.append(raw)
        if len(calls) == 1:
            raise RuntimeError("database locked")
        return receive_message(raw, via=via)

    monkeypatch.setattr(imap, "receive_message", flaky)
    client = FakeImap({b"1": email(message_id="<a@x>"), b"2": email(message_id="<b@x>")})
    with pytest.raises(CommandError):
        call_command("poll_inbound_mail", client=client)
    assert client.seen == {b"2"}
    assert "message 1 failed: RuntimeError: database locked" in capsys.readouterr().err


def test_poll_without_a_configured_host_says_so(settings):
    settings.INBOUND_IMAP_HOST = ""
    with pytest.raises(CommandError, match="INBOUND_IMAP_HOST"):
        call_command("poll_inbound_mail")


# --- hypothesis: junk in, a clean refusal or a stored message out -------------------------

FUZZ = hypothesis_settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def stored_or_refused_cleanly(raw: bytes, media) -> None:
    before, files = row_counts(), stored_files(media)
    try:
        result = receive_message(raw, via="fuzz")
    except Refused as refusal:
        event(f"refused: {refusal.field}")
        assert refusal.message and refusal.field in ("message", "from", "attachments")
        assert row_counts() == before and stored_files(media) == files
        return
    event("on a complaint" if result.complaint else "to triage")
    assert InboundMessage.objects.filter(message_id=result.message_id).exists()
    assert len(stored_files(media)) - len(files) == (0 if result.duplicate else result.attachments)


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_arbitrary_bytes(raw, media):
    stored_or_refused_cleanly(raw, media)


header_text = st.text(max_size=80)
junk_headers = st.lists(
    st.sampled_from(
        ["Content-Type", "Content-Transfer-Encoding", "Date", "Message-ID", "Subject", "From"]
    ).flatmap(lambda name: header_text.map(lambda value: f"{name}: {value}")),
    max_size=5,
)


@FUZZ
@given(
    sender=st.one_of(header_text, st.emails().map(lambda a: f"Someone <{a}>")),
    subject=st.one_of(header_text, st.none()),
    extra=junk_headers,
    body=st.binary(max_size=500),
    filename=header_text,
    attachment=st.binary(max_size=300),
    boundary=st.sampled_from(["b1", "", "\x00", "b1\r\n--b1"]),
)
def test_arbitrary_ish_emails(
    sender, subject, extra, body, filename, attachment, boundary, media, reference
):
    """None for the subject: a reply naming the complaint."""
    lines = [f"From: {sender}", f"Subject: {subject or 'Re: ' + reference}", *extra]
    lines.append(f'Content-Type: multipart/mixed; boundary="{boundary}"')
    head = "\r\n".join(lines).encode("utf-8", "surrogatepass")
    raw = (
        head
        + b"\r\n\r\n--"
        + boundary.encode()
        + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + body
        + b"\r\n--"
        + boundary.encode()
        + b'\r\nContent-Disposition: attachment; filename="'
        + filename.encode("utf-8", "surrogatepass")
        + b'"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + attachment
        + b"\r\n--"
        + boundary.encode()
        + b"--\r\n"
    )
    stored_or_refused_cleanly(raw, media)


printable = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=60)


@FUZZ
@given(
    name=printable,
    subject=printable,
    text=st.one_of(st.none(), printable),
    files=st.lists(st.tuples(printable, st.binary(max_size=200)), max_size=3),
)
def test_well_formed_emails_are_always_stored(name, subject, text, files, media):
    message = EmailMessage()
    message["From"] = Address(display_name=name, addr_spec="ada@example.org")
    message["Subject"] = subject
    if text is not None:
        message.set_content(text)
    for filename, data in files:
        message.add_attachment(
            data, maintype="application", subtype="octet-stream", filename=filename or "x"
        )
    result = receive_message(message.as_bytes(), via="fuzz")
    kept_or_listed = result.attachments + len(result.refused_attachments)
    assert kept_or_listed == (0 if result.duplicate else len(files))
    assert parse_message(message.as_bytes()).sender == "ada@example.org"
