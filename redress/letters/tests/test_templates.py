"""Letter templates: sandboxed, previewed with a real case before saving, versioned."""

from __future__ import annotations

import pytest

from redress.letters import services
from redress.letters.models import LetterTemplate
from redress.letters.sandbox import render
from redress.record.errors import Forbidden, Refused

pytestmark = pytest.mark.django_db

FACTS = {"reference": "CMP-1", "resident": {"name": "Ada <b>"}}


def test_facts_are_escaped_and_only_facts_are_reachable():
    assert render("{{ resident.name }}", FACTS) == "Ada &lt;b&gt;"
    for source in (
        "{{ reference.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ resident.update({'name': 'x'}) }}",
    ):
        with pytest.raises(Refused) as refused:
            render(source, FACTS)
        assert refused.value.field == "body"


def test_an_unknown_name_is_an_error_not_a_blank():
    with pytest.raises(Refused, match="no attribute .nmae."):
        render("Dear {{ resident.nmae }}", FACTS)


def test_a_broken_template_names_the_field():
    with pytest.raises(Refused) as refused:
        render("{% if %}", FACTS, field="subject")
    assert refused.value.field == "subject"


def test_every_kind_ships_a_version_1():
    assert LetterTemplate.objects.filter(version=1).count() == 8


def edit(client, kind, **data):
    return client.post(f"/administration/letters/{kind}/", data)


@pytest.fixture
def admin_client(client, make_staff):
    client.force_login(make_staff("ade", "administrator"))
    return client


def test_saving_needs_a_preview_of_exactly_that_text(admin_client, responded):
    body = "<p>Dear {{ resident.name }}, here is an update: {{ update.text }}</p>"
    data = {"reference": responded, "subject": "Update on {{ reference }}", "body": body}
    unpreviewed = edit(admin_client, "update", save="1", **data)
    assert unpreviewed.status_code == 422
    assert "Preview the changed template" in unpreviewed.content.decode()

    previewed = edit(admin_client, "update", preview="1", **data)
    html = previewed.content.decode()
    assert previewed.status_code == 200 and "Dear Ada Jones, here is an update" in html
    digest = services.template_digest("update", data["subject"], body, responded)
    assert digest in html

    changed = edit(
        admin_client, "update", save="1", previewed=digest, **{**data, "body": body + "!"}
    )
    assert changed.status_code == 422
    saved = edit(admin_client, "update", save="1", previewed=digest, **data)
    assert saved.status_code == 303
    latest = services.active_template("update")
    assert (latest.version, latest.previewed_with) == (2, responded)
    assert LetterTemplate.objects.get(kind="update", version=1).body != body  # kept


def test_a_preview_needs_a_real_case_and_a_working_template(admin_client, responded):
    missing = edit(admin_client, "update", preview="1", reference="CMP-0", subject="s", body="b")
    assert "Preview against an existing complaint" in missing.content.decode()
    broken = edit(
        admin_client, "update", preview="1", reference=responded, subject="s", body="{{ nope }}"
    )
    assert broken.status_code == 422 and "cannot be rendered" in broken.content.decode()


def test_only_administrators_edit_templates(client, make_staff, responded):
    client.force_login(make_staff("olu", "complaints officer"))
    assert client.get("/administration/letters/").status_code == 403
    with pytest.raises(Forbidden):
        services.save_template(
            actor=make_staff("hal", "handler"),
            kind="update",
            subject="s",
            body="b",
            reference=responded,
            previewed="",
        )


def test_the_template_pages_render(admin_client):
    listing = admin_client.get("/administration/letters/").content.decode()
    assert "Stage response" in listing and "Shipped with Redress" in listing
    assert admin_client.get("/administration/letters/stage_response/").status_code == 200
    assert admin_client.get("/administration/letters/sonnet/").status_code == 404


def test_the_landlords_jargon_list_drives_the_warnings(officer, responded, make_staff):
    from redress.administration.services import save_landlord_settings
    from redress.cases.models import Complaint
    from redress.code.letters import LetterKind

    complaint = Complaint.objects.get(reference=responded)
    fields = {"update_text": "Our contractor will attend."}
    draft = services.make_draft(complaint, LetterKind.UPDATE, fields)
    assert "jargon" not in [w.code for w in draft.warnings]
    save_landlord_settings(
        actor=make_staff("ade", "administrator"),
        name="Riverside Homes",
        brand="#1d4f6b",
        brand_text="#ffffff",
        accent="#f3b61f",
        jargon="contractor\n\n",
    )
    draft = services.make_draft(complaint, LetterKind.UPDATE, fields)
    assert [w.message for w in draft.warnings if w.code == "jargon"] == [
        "“contractor” is jargon: say it plainly"
    ]
