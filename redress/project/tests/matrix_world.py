"""The objects the permission matrix fills URLs with, made once per test module.

One complaint (`reference`) has everything a route can point at: a representative,
support needs, a response, a remedy, an outstanding action, an issued letter, an
Ombudsman case, a lesson and a root-cause page; a second complaint belongs to
another resident. Its personal details are distinctive words (`SECRETS`) that no
response to someone who may not open the complaint may contain.

The staff who made it are background users: the people whose access is tested are
made per test with `make_staff`, and the case is handed to the tested handler then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.administration import deployment
from redress.administration import services as administration
from redress.assessments import services as assessments
from redress.assessments.evidence import Drafted
from redress.cases import services as cases
from redress.cases.tests.factories import by_letter
from redress.intake import services as intake
from redress.intake.models import Contact, ContactAttachment, ServiceRequest
from redress.learning import services as learning
from redress.letters.services import issue_letter
from redress.notifications.models import Kind, Notification
from redress.ombudsman import services as ombudsman
from redress.oversight.annual_report import publications
from redress.oversight.annual_report import services as annual_report
from redress.oversight.tests.annual_fixtures import PDF, published_assessment
from redress.remedies.models import Remedy, RemedyBand
from redress.staff import roles
from redress.staff.roles import ADMINISTRATOR, COMPLAINTS_OFFICER, HANDLER, SENIOR_LEAD
from redress.staff.services import issue_token

RESIDENT = "Philomena Quagmire"
RESIDENT_EMAIL = "philomena@quagmire.example"
REPRESENTATIVE = "Barnabus Crumhorn"
REPRESENTATIVE_EMAIL = "barnabus@crumhorn.example"
SUMMARY = "Gargoyle leak over the Wisteria bedroom"
DISABILITY = "Zygomatic tremor"
RESTRICTION_EVIDENCE = "Vexatious calls on 3 May"
OTHER_RESIDENT = "Ottoline Featherstonehaugh"
OTHER_EMAIL = "ottoline@featherstonehaugh.example"
# What only someone who may open the complaint may ever be shown.
SECRETS = (RESIDENT, "Quagmire", REPRESENTATIVE, SUMMARY, "Gargoyle", DISABILITY)
YEAR = 2026
# The people whose access is tested, by role, each made per test (conftest.py's `people`).
STAFF_ROLES = {
    "handler": roles.HANDLER,
    "other_handler": roles.HANDLER,
    "complaints_officer": roles.COMPLAINTS_OFFICER,
    "manager": roles.MANAGER,
    "senior_lead": roles.SENIOR_LEAD,
    "mrc": roles.MRC,
    "governing_body": roles.GOVERNING_BODY,
    "administrator": roles.ADMINISTRATOR,
}


@dataclass
class World:
    reference: str
    other_reference: str
    resident: int
    other_resident: int
    adjustment: int
    restriction: int
    complaint: int
    letter: int
    remedy: int
    action: int
    lesson: int
    category: int
    closure: int
    background_user: int
    triage_contact: int
    attachment: int
    service_request: int
    survey_contact: int
    ombudsman_case: int
    assessment: int
    publication: int
    case_file: int
    notification: int
    token: int
    band: str
    year: int = YEAR


def _user(username: str, role: str):
    user = get_user_model().objects.create_user(
        username=username, password="x", first_name=username.title(), email=f"{username}@x.test"
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def build(monkeypatch) -> World:
    officer = _user("world-officer", COMPLAINTS_OFFICER)
    hugh = _user("world-handler", HANDLER)
    lead = _user("world-lead", SENIOR_LEAD)
    admin = _user("world-admin", ADMINISTRATOR)
    today = deployment.today()

    resident = intake.create_resident(
        actor=officer, name=RESIDENT, email=RESIDENT_EMAIL, postcode="ZZ9 9ZZ"
    )
    rep = intake.add_representative(
        actor=officer,
        resident_id=resident.pk,
        name=REPRESENTATIVE,
        relationship="son",
        authority="Signed consent form",
        authority_recorded_on=today,
        email=REPRESENTATIVE_EMAIL,
    )
    adjustment = intake.record_adjustment(
        actor=officer,
        resident_id=resident.pk,
        adjustment="Phone before visiting",
        disability_disclosed=DISABILITY,
        review_on=today + dt.timedelta(days=90),
    )
    restriction = intake.record_restriction(
        actor=officer,
        resident_id=resident.pk,
        restriction="Contact by email only",
        evidence=RESTRICTION_EVIDENCE,
        review_on=today + dt.timedelta(days=90),
    )
    complaint = cases.open_complaint(
        actor=officer, resident=resident, representative=rep, summary=SUMMARY, channel="phone"
    )
    ref = complaint.reference
    cases.accept(ref, actor=officer)
    cases.acknowledge(
        ref,
        actor=hugh,
        points=["Leak not fixed"],
        outcomes_sought=["Fix it"],
        responsible_for=["The roof"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    letter = issue_letter(
        ref,
        actor=hugh,
        kind="acknowledgement",
        delivery="post",
    )

    cases.respond(
        ref,
        actor=hugh,
        decisions=[{"point": "Leak not fixed", "decision": "upheld"}],
        reasons="The repair was missed",
        remedies=[{"kind": "apology", "description": "We apologise", "due_on": today}],
        outstanding_actions=[{"description": "Fix the leak", "due_on": today}],
        communication=by_letter(),
    )
    remedy = Remedy.objects.get(complaint__reference=ref)
    complaint.refresh_from_db()
    action = complaint.outstanding_actions.get()
    other = intake.create_resident(actor=officer, name=OTHER_RESIDENT, email=OTHER_EMAIL)
    other_complaint = cases.open_complaint(
        actor=officer, resident=other, summary="Noisy neighbour", channel="email"
    )

    # The contact queues are every case worker's: their person is not the complaint's.
    caller = intake.create_resident(actor=officer, name="Cosmo Caller")
    triage = Contact.objects.create(
        resident=caller,
        channel="email",
        classification=Contact.Classification.TO_TRIAGE,
        summary="A leak in the porch",
        received_at=dt.datetime.now(dt.UTC),
    )
    attachment = ContactAttachment(
        contact=triage, filename="leak.txt", content_type="text/plain", size=4
    )
    attachment.file.save("leak.txt", ContentFile(b"leak"), save=True)
    request = ServiceRequest.objects.create(
        resident=caller, description="Clear the gutter", raised_on=today
    )
    survey = Contact.objects.create(
        resident=caller,
        channel="phone",
        classification=Contact.Classification.SURVEY_FEEDBACK,
        summary="Unhappy in the survey",
        received_at=dt.datetime.now(dt.UTC),
        told_how_to_complain=True,
    )

    case = ombudsman.record_referral(
        ref, actor=officer, ombudsman_reference="HOS-MATRIX-1", referred_on=today
    )
    category = learning.add_category(actor=admin, name="Gutters and leaks")
    lesson = learning.create_lesson(
        actor=officer,
        references=[ref],
        lesson="Leaks need a follow-up visit",
        improvement="Book a second visit",
        owner="",
        status="in_progress",
        evidence="",
    )
    closure = administration.add_closure_day(
        actor=admin, date=today + dt.timedelta(days=60), reason="Office move"
    )

    found = {"1.2": Drafted("1.2", "Every contact is recorded.")}
    monkeypatch.setattr(assessments, "draft_evidence", lambda year: found)
    draft = assessments.start_version(actor=officer, year=YEAR, trigger="annual")
    published_assessment(YEAR, version=draft.version + 1)
    annual_report.save_analysis(YEAR, actor=officer, analysis="Fewer leaks than last year.")
    annual_report.record_reported(
        YEAR, actor=officer, reported_on=today, minute_reference="GB/26/1"
    )
    annual_report.record_response(YEAR, actor=lead, response="Noted.", response_on=today)
    annual_report.publish(YEAR, actor=officer)
    publication = publications.add_publication(
        actor=officer, year=YEAR, title="Spotlight", kind="annual", published_on=today, pdf=PDF
    )
    case_file = cases.attach(
        ref,
        actor=hugh,
        kind="document",
        direction="incoming",
        title="Photo of the leak",
        file=SimpleUploadedFile("leak.txt", b"a photo, as text", content_type="text/plain"),
    )
    # Someone else's notice and token: nobody but their owner (or, for a token, an
    # administrator) may touch them.
    notification = Notification.objects.create(
        recipient=hugh,
        kind=Kind.ASSIGNED,
        subject=f"assigned:{complaint.pk}",
        complaint=complaint,
        reason="Assigned to you",
        on=today,
    )
    token, _clear = issue_token(actor=hugh, name="hugh's script", scopes=["cases:read"])

    return World(
        reference=ref,
        other_reference=other_complaint.reference,
        resident=resident.pk,
        other_resident=other.pk,
        adjustment=adjustment.pk,
        restriction=restriction.pk,
        complaint=complaint.pk,
        letter=letter.pk,
        remedy=remedy.pk,
        action=action.pk,
        lesson=lesson.pk,
        category=category.pk,
        closure=closure.pk,
        background_user=hugh.pk,
        triage_contact=triage.pk,
        attachment=attachment.pk,
        service_request=request.pk,
        survey_contact=survey.pk,
        ombudsman_case=case.pk,
        assessment=draft.pk,
        publication=publication.pk,
        case_file=case_file.pk,
        notification=notification.pk,
        token=token.pk,
        band=RemedyBand.objects.order_by("key").first().key,
    )


def rows() -> dict[str, int]:
    """How many rows every Redress model (and every user) holds."""
    return {
        model._meta.label: model._base_manager.count()
        for config in apps.get_app_configs()
        if config.name.startswith("redress.") or config.label == "auth"
        for model in config.get_models()
    }
