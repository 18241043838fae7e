"""The landlord's settings: logo checked by content, readable colours, used on every page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from redress.administration.models import LandlordSettings

from .conftest import events

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def form(**changes) -> dict:
    return {
        "name": "Riverside Homes",
        "brand": "#0b0c0c",
        "brand_text": "#FFFFFF",
        "accent": "#00703c",
        "phone": "",
        "email": "",
        "address": "",
        "help_text": "",
        **changes,
    }


def upload(content: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_with_nothing_saved_pages_use_the_deployment_settings(settings):
    page = Client().get("/").content.decode()
    assert settings.REDRESS_LANDLORD_NAME in page
    assert "redress-header__logo" not in page
    css = Client().get("/brand.css").content.decode()
    assert f"--redress-brand:{settings.REDRESS_BRAND['brand']};" in css
    assert Client().get("/brand/logo").status_code == 404


def test_saved_colours_and_name_appear_in_brand_css_and_pages(admin, admin_user):
    assert admin.post("/administration/settings/", form()).status_code == 303
    css = Client().get("/brand.css").content.decode()
    assert css == (
        ":root{--redress-brand:#0b0c0c;--redress-brand-text:#ffffff;--redress-accent:#00703c;}"
    )
    assert "Riverside Homes" in Client().get("/").content.decode()
    [event] = events("landlord")
    assert (event.action, event.actor, event.payload["colours"]["brand"]) == (
        "settings_saved",
        admin_user,
        "#0b0c0c",
    )


def test_a_brand_text_colour_without_enough_contrast_is_refused(admin):
    response = admin.post("/administration/settings/", form(brand="#1d4f6b", brand_text="#5a7f94"))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#id_brand_text"' in page and "needs at least 4.5:1" in page
    assert 'value="#5a7f94"' in page
    assert not LandlordSettings.objects.exists()
    assert events("landlord") == []


def test_a_colour_that_is_not_hex_is_refused(admin):
    response = admin.post("/administration/settings/", form(accent="orange"))
    assert response.status_code == 422
    assert 'href="#id_accent"' in response.content.decode()
    assert not LandlordSettings.objects.exists()


@pytest.mark.parametrize(("content", "kind"), [(PNG, "image/png"), (JPEG, "image/jpeg")])
def test_a_logo_is_served_with_the_type_its_bytes_show(admin, content, kind):
    response = admin.post("/administration/settings/", form(logo=upload(content, "logo.gif")))
    assert response.status_code == 303
    logo = Client().get("/brand/logo")
    assert logo.status_code == 200
    assert (logo["Content-Type"], logo["X-Content-Type-Options"]) == (kind, "nosniff")
    assert logo.content == content
    page = Client().get("/").content.decode()
    assert '<img src="/brand/logo?v=' in page and 'alt=""' in page


def test_a_png_name_holding_text_is_refused(admin):
    fake = upload(b"<svg onload=alert(1)>not an image</svg>", "logo.png")
    response = admin.post("/administration/settings/", form(logo=fake))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#id_logo"' in page and "The logo must be a PNG or JPEG image" in page
    assert not LandlordSettings.objects.exists()
    assert Client().get("/brand/logo").status_code == 404


def test_a_logo_over_200_kb_is_refused(admin):
    big = upload(PNG + b"\x00" * (200 * 1024))
    response = admin.post("/administration/settings/", form(logo=big))
    assert response.status_code == 422
    assert "200 KB or smaller" in response.content.decode()
    assert not LandlordSettings.objects.exists()


def test_saving_without_a_new_logo_keeps_it_and_removing_drops_it(admin):
    admin.post("/administration/settings/", form(logo=upload(PNG)))
    admin.post("/administration/settings/", form(name="Riverside"))
    assert Client().get("/brand/logo").content == PNG
    admin.post("/administration/settings/", form(remove_logo="on"))
    assert Client().get("/brand/logo").status_code == 404


def test_the_public_pages_use_the_contact_details_and_help_text(admin):
    details = form(
        phone="0300 123 4567",
        email="complaints@riverside.example",
        address="1 River Street\nLeeds\nLS1 1AA",
        help_text="Call our tenancy support team for a free advocate.",
    )
    assert admin.post("/administration/settings/", details).status_code == 303
    for path in ("/help/", "/complaints-policy/"):
        page = Client().get(path).content.decode()
        assert "0300 123 4567" in page
        assert 'href="mailto:complaints@riverside.example"' in page
        assert "1 River Street<br>Leeds" in page
        assert "Call our tenancy support team for a free advocate." in page
    assert "Citizens Advice" not in Client().get("/help/").content.decode()


def test_without_contact_details_the_public_pages_keep_their_wording():
    page = Client().get("/help/").content.decode()
    assert "Citizens Advice" in page and "mailto:" not in page.split("Housing Ombudsman")[0]


def test_a_page_reads_the_settings_once(admin):
    admin.post("/administration/settings/", form(logo=upload(PNG)))
    with CaptureQueriesContext(connection) as queries:
        Client().get("/help/")
    reads = [q for q in queries if "administration_landlordsettings" in q["sql"]]
    assert len(reads) == 1
