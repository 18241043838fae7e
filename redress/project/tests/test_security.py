"""The web-facing defences: security headers, CSRF on every form, and autoescaping.

The template checks read every template under redress/, so a new one that writes
inline script or style, posts without a CSRF token, or marks text safe fails here
unless it is added to an allow-list below with the reason.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(settings.BASE_DIR) / "redress"
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
SOURCES = sorted(p for p in ROOT.rglob("*.py") if "tests" not in p.parts)

# Templates never served to a browser: WeasyPrint's input for PDFs, with styles inline
# because nothing is fetched while the PDF is made.
NOT_SERVED = {"oversight/templates/oversight/annual_report/print.html"}
# Where |safe is allowed, and why.
SAFE_FILTER = {
    # The letter body from redress.letters.sandbox.render: facts autoescaped by Jinja,
    # and the output cleaned to a letter's tags with no attributes but a safe href.
    "letters/templates/letters/new.html": 1,
    # The same letter body, previewed on the case page's acknowledge and respond steps.
    "cases/templates/cases/_letter_preview.html": 1,
    "letters/templates/letters/template_edit.html": 1,
    # allauth's QR code of the authenticator secret: an SVG the qrcode library draws as
    # paths from the otpauth URI, so no text from the URI reaches the markup.
    "project/templates/mfa/totp/activate_form.html": 1,
}
# Where mark_safe is allowed, and why.
MARK_SAFE = {
    # The output of render_to_string on an autoescaped Django template (_content.html).
    "oversight/annual_report/formats.py": 1,
}
# URL prefixes whose views are exempt from CSRF, and why.
CSRF_EXEMPT = {
    # django-ninja: the API authenticates by bearer token only (redress/staff/auth.py),
    # never by cookie, so a cross-site request carries no credentials.
    "api/v1/",
}


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_there_are_templates_to_check():
    assert len(TEMPLATES) > 50 and any(p.name == "base.html" for p in TEMPLATES)


# --- Security headers ----------------------------------------------------------------------


@pytest.fixture
def production(monkeypatch):
    """The production settings module's security settings, as override_settings."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-test-secret")
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.org")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "complaints@example.org")
    monkeypatch.setenv("DJANGO_TRUST_X_FORWARDED_PROTO", "true")
    module = importlib.import_module("redress.project.settings.production")
    module = importlib.reload(module)
    names = [n for n in dir(module) if n.startswith(("SECURE_", "SESSION_COOKIE", "CSRF_COOKIE"))]
    yield override_settings(**{name: getattr(module, name) for name in names})
    sys.modules.pop("redress.project.settings.production", None)


@pytest.mark.django_db
def test_production_redirects_to_https_and_sends_every_header(production):
    with production:
        client = Client()
        plain = client.get("/help/")
        assert plain.status_code == 301 and plain["Location"] == "https://testserver/help/"
        response = client.get("/help/", secure=True)
        behind_proxy = client.get("/help/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200 and behind_proxy.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    policy = dict(
        (d.split(" ", 1) + [""])[:2] for d in response["Content-Security-Policy"].split("; ")
    )
    assert policy == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_production_cookies_are_secure(production, make_staff):
    make_staff("ann", "handler")
    with production:
        client = Client()
        page = client.get("/accounts/login/", secure=True)
        token = page.cookies["csrftoken"].value
        signed_in = client.post(
            "/accounts/login/",
            {"login": "ann", "password": "x", "csrfmiddlewaretoken": token},
            secure=True,
        )
    assert page.cookies["csrftoken"]["secure"]
    assert signed_in.cookies["sessionid"]["secure"] and signed_in.cookies["sessionid"]["httponly"]


# --- Nothing inline, for the Content-Security-Policy ---------------------------------------

COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "script"),
    (re.compile(r"<style\b", re.I), "<style>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


@pytest.mark.parametrize("path", TEMPLATES, ids=relative)
def test_no_template_writes_inline_script_or_style(path):
    if relative(path) in NOT_SERVED:
        return
    text = COMMENT.sub("", path.read_text(encoding="utf-8"))
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert not found, f"{relative(path)} has inline {', '.join(found)}: use a static file"


def test_the_govuk_frontend_supported_class_is_set_by_a_static_file():
    base = (ROOT / "project/templates/redress/base.html").read_text(encoding="utf-8")
    assert "<script src=\"{% static 'redress/init.js' %}\"></script>" in base
    assert "govuk-frontend-supported" in (ROOT / "project/static/redress/init.js").read_text()


# --- CSRF ----------------------------------------------------------------------------------

FORM = re.compile(r"<form\b[^>]*>(.*?)</form>", re.I | re.S)


def test_csrf_middleware_is_on():
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize("path", TEMPLATES, ids=relative)
def test_every_post_form_carries_a_csrf_token(path):
    text = path.read_text(encoding="utf-8")
    for form in FORM.finditer(text):
        opening = form.group(0)[: form.group(0).index(">") + 1]
        if re.search(r"method\s*=\s*[\"']?post", opening, re.I):
            assert "{% csrf_token %}" in form.group(1), f"{relative(path)}: {opening}"
    # A form left open (its end in another template) would escape the check above.
    assert len(re.findall(r"<form\b", text, re.I)) == len(FORM.findall(text)), relative(path)


def _views(resolver=None, prefix: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _views(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.callback


def test_no_view_is_csrf_exempt_but_the_listed_ones():
    views = list(_views())
    assert len(views) > 100
    exempt = [
        route
        for route, view in views
        if getattr(view, "csrf_exempt", False) and not route.startswith(tuple(CSRF_EXEMPT))
    ]
    assert exempt == []


def test_csrf_exempt_is_not_written_in_the_code():
    written = [relative(p) for p in SOURCES if "csrf_exempt" in p.read_text(encoding="utf-8")]
    assert written == []


# --- Autoescaping --------------------------------------------------------------------------


def test_autoescaping_is_never_turned_off():
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"{%\s*autoescape\s+off", text), relative(path)
        assert "autoescape" not in str(settings.TEMPLATES[0].get("OPTIONS", {}))


def test_safe_is_used_only_where_listed():
    used = {}
    for path in TEMPLATES:
        count = len(re.findall(r"\|\s*(safe|safeseq)\b", path.read_text(encoding="utf-8")))
        if count:
            used[relative(path)] = count
    assert used == SAFE_FILTER


def test_mark_safe_is_used_only_where_listed():
    used = {}
    for path in SOURCES:
        count = len(re.findall(r"\b(mark_safe|SafeString)\(", path.read_text(encoding="utf-8")))
        if count:
            used[relative(path)] = count
    assert used == MARK_SAFE


@pytest.mark.django_db
def test_what_a_resident_types_is_escaped_on_the_page(client):
    from redress.intake.tests.test_views_public import form_data

    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.post("/make-a-complaint/", form_data(name=hostile, email="bad"))
    page = response.content.decode()
    assert hostile not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
