"""Uploads: checked by content and size, safely named, kept out of the web root, served only
to those who may open the case, as downloads."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.cases.models import Correspondence
from redress.cases.tests.factories import case_in, row_counts
from redress.infra import uploads
from redress.infra.uploads import safe_name, sniff

from .builders import PDF, PNG

pytestmark = pytest.mark.django_db


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}/document.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (office("word"), "docx"),
        (office("xl"), "xlsx"),
        ("Plain text, café".encode(), "text"),
        (b"MZ\x90\x00 an executable", None),
        (b"\xff\xfe\x00bad", None),
        (b"PK\x03\x04 not a zip", None),
        (office("ppt"), None),
        # Markup a browser would render is not plain text, whatever the file is called.
        (b"<!DOCTYPE html><script>alert(1)</script>", None),
        (b"\xef\xbb\xbf \r\n<HTML>\n<body>", None),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', None),
        (b'<?xml version="1.0"?><svg/>', None),
        (b"<p>Dear landlord</p>", None),
        (b"Dear landlord, the <b> key is broken and 3 < 4", "text"),
        (b"<abc> is my reference", "text"),
    ],
)
def test_kinds_are_known_by_content(content, kind):
    assert sniff(content[:16], content) == kind


def test_names_keep_only_a_safe_alphabet_and_the_contents_extension():
    assert safe_name("../../etc/evil name<script>.html", "png") == "evil-name-script.png"
    assert safe_name("C:\\Users\\x\\report.docx", "pdf") == "report.pdf"
    assert safe_name("", "text") == "file.txt"


def upload(officer, ref, name, content):
    return officer.upload(
        f"/complaints/{ref}/attachments",
        {
            "kind": "document",
            "direction": "incoming",
            "title": "Evidence",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_file_of_a_kind_not_allowed_is_refused_whatever_its_name(officer, media):
    ref = case_in("stage1_received", officer)
    before = row_counts()
    status, body = upload(officer, ref, "invoice.pdf", b"MZ\x90\x00 an executable")
    assert status >= 400 and body["error"]["field"] == "file"
    assert row_counts() == before
    assert not any(media.rglob("*.*"))


def test_a_file_too_large_is_refused(officer, media, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1024)
    ref = case_in("stage1_received", officer)
    status, body = upload(officer, ref, "big.pdf", PDF + b" " * 2000)
    assert status >= 400 and body["error"]["field"] == "file"
    assert not Correspondence.objects.exists()


def test_an_allowed_file_is_stored_safely_named_and_served_as_a_download(
    officer, make_staff, client, media
):
    ref = case_in("stage1_received", officer)
    status, body = upload(officer, ref, "../photo of <damp>.pdf", PNG)
    assert status == 201, body
    item = Correspondence.objects.get()
    assert item.file.name.startswith("correspondence/") and item.file.name.endswith(".png")
    assert "<" not in item.file.name and ".." not in item.file.name
    url = f"/cases/{ref}/files/{item.pk}/"

    # Not signed in: to the sign-in page. Another team's handler: not found.
    assert client.get(url).status_code == 302
    other = make_staff("stranger", "handler")
    from redress.cases import services

    services.assign(ref, actor=officer.user, handler_id=officer.user.pk)
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(officer.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_uploaded_files_are_outside_the_web_root_and_never_routed(client, officer, media):
    media_root = str(django_settings.MEDIA_ROOT)
    static = [str(p) for p in django_settings.STATICFILES_DIRS] + [str(django_settings.STATIC_ROOT)]
    assert not any(media_root.startswith(s) for s in static)
    ref = case_in("stage1_received", officer)
    upload(officer, ref, "photo.png", PNG)
    name = Correspondence.objects.get().file.name
    client.force_login(officer.user)
    for prefix in ("/media/", "/", "/static/"):
        assert client.get(f"{prefix}{name}").status_code == 404
