"""A leaver's open cases and items are handed on before their account is deactivated
(issue 19, item 3): shown to the administrator, reassigned through `assign` (all or
none), or left listed for the complaints officers; reactivating works as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from redress.administration import services as administration
from redress.cases import services
from redress.cases.models import Complaint
from redress.cases.tests.factories import by_letter
from redress.intake import services as intake
from redress.notifications.models import Kind, Notification
from redress.record.errors import Forbidden, Refused
from redress.record.models import Event
from redress.remedies.models import Remedy
from redress.staff.roles import ADMINISTRATOR, COMPLAINTS_OFFICER, HANDLER, roles_of

from .conftest import events

pytestmark = [pytest.mark.django_db, pytest.mark.today(dt.date(2026, 12, 2))]
User = get_user_model()
DUE = dt.date(2026, 12, 18)


@pytest.fixture
def officer_admin(make_staff):
    """An administrator who is also the complaints officer: the one who may reassign (4.1)."""
    return make_staff("ada", ADMINISTRATOR, COMPLAINTS_OFFICER)


@pytest.fixture
def admin_user(officer_admin):
    return officer_admin


@pytest.fixture
def leaver(make_staff):
    return make_staff("lena", HANDLER)


@pytest.fixture
def successor(make_staff):
    return make_staff("sam", HANDLER)


def new_case(officer, handler, summary: str = "Damp in the bedroom") -> Complaint:
    resident = intake.create_resident(actor=officer, name="Ada Jones", postcode="SE1 7PB")
    complaint = services.open_complaint(
        actor=officer, resident=resident, summary=summary, channel="phone"
    )
    services.assign(complaint.reference, actor=officer, handler_id=handler.pk)
    return complaint


def answered(officer, handler) -> Complaint:
    """Acknowledged and answered at stage 1 by `handler`, with a remedy they own."""
    complaint = new_case(officer, handler)
    ref = complaint.reference
    services.accept(ref, actor=handler)
    services.acknowledge(
        ref,
        actor=handler,
        points=["Damp not fixed"],
        outcomes_sought=["Fix the damp"],
        communication=by_letter(),
        responsible_for_all=True,
    )
    services.respond(
        ref,
        actor=handler,
        decisions=[{"point": "Damp not fixed", "decision": "upheld"}],
        reasons="The repair was late.",
        remedies=[{"kind": "apology", "description": "We apologise", "due_on": DUE}],
        outstanding_actions=[{"description": "Treat the damp", "due_on": DUE}],
        communication=by_letter(),
    )
    return Complaint.objects.get(pk=complaint.pk)


def edit_page(client, person) -> str:
    return client.get(f"/administration/users/{person.pk}/").content.decode()


def deactivate(client, person, **data):
    return client.post(f"/administration/users/{person.pk}/active/", {"active": "no", **data})


def handlers_of(*complaints) -> list[str]:
    return [Complaint.objects.get(pk=c.pk).handler.username for c in complaints]


def test_the_page_shows_what_a_leaver_holds_before_deactivating(
    admin, officer_admin, leaver, successor
):
    first, second = new_case(officer_admin, leaver), new_case(officer_admin, leaver)
    page = edit_page(admin, leaver)
    assert "Lena still holds work: 2 open complaints." in page
    assert first.reference in page and second.reference in page
    assert "Open complaints they handle (2)" in page
    assert "Reassign them all to another handler" in page
    # The handlers offered: active case workers other than the leaver.
    assert f'<option value="{successor.pk}">Sam</option>' in page
    assert f'<option value="{leaver.pk}">' not in page
    # Someone holding nothing is deactivated with the plain button.
    assert "still holds work" not in edit_page(admin, successor)


def test_deactivating_someone_who_holds_cases_without_a_choice_is_refused(
    admin, officer_admin, leaver
):
    complaint = new_case(officer_admin, leaver)
    response = deactivate(admin, leaver)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#id_then"' in page and "Choose what happens to their cases" in page
    assert complaint.reference in page
    assert User.objects.get(pk=leaver.pk).is_active
    assert events("user") == []
    # The service refuses too, naming the choice: nothing is stranded by another route.
    with pytest.raises(Refused, match="still holds 1 open complaint: reassign") as refused:
        administration.set_active(leaver.pk, actor=officer_admin, active=False)
    assert refused.value.field == "then"


def test_reassigning_hands_every_case_and_item_on_then_deactivates(
    admin, officer_admin, leaver, successor
):
    first, second = new_case(officer_admin, leaver), answered(officer_admin, leaver)
    response = deactivate(admin, leaver, then="reassign", hand_to=str(successor.pk))
    assert response.status_code == 303
    assert not User.objects.get(pk=leaver.pk).is_active
    assert handlers_of(first, second) == ["sam", "sam"]
    # Each case through `assign`: its event by the administrator, the new handler told.
    for complaint in (first, second):
        assigned = Event.objects.filter(subject_id=complaint.pk, action="assigned").last()
        assert (assigned.actor, assigned.payload["handler"]) == (officer_admin, successor.pk)
    assert Notification.objects.filter(recipient=successor, kind=Kind.ASSIGNED).count() == 2
    # The remedy and the outstanding action the leaver owned are the successor's now.
    assert Remedy.objects.get(complaint=second).owner_user == successor
    assert second.outstanding_actions.get().owner_user == successor
    moved = Event.objects.filter(subject_id=second.pk, action__endswith="_owner_changed")
    assert sorted(moved.values_list("action", flat=True)) == [
        "action_owner_changed",
        "remedy_owner_changed",
    ]
    [event] = events("user")
    assert event.action == "deactivated"
    assert event.payload["handed_to"] == successor.pk
    assert event.payload["cases"] == [first.reference, second.reference]
    assert event.payload["items"] == 2


def test_one_refused_case_refuses_the_lot_naming_the_case_and_rule(
    admin, officer_admin, leaver, successor, make_staff
):
    """The successor answered stage 1 of one case: they may not handle its stage 2 (6.13)."""
    other = new_case(officer_admin, leaver)
    escalated = answered(officer_admin, successor)
    services.escalate(escalated.reference, actor=officer_admin, still_wrong="Still damp")
    services.assign(escalated.reference, actor=officer_admin, handler_id=leaver.pk)
    before = Event.objects.count()
    response = deactivate(admin, leaver, then="reassign", hand_to=str(successor.pk))
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#id_hand_to"' in page
    assert f"{escalated.reference}: Sam considered the complaint at stage 1" in page
    assert "(Code provision 6.13)" in page
    # Nothing written: still active, both cases still the leaver's, no event.
    assert User.objects.get(pk=leaver.pk).is_active
    assert handlers_of(other, escalated) == ["lena", "lena"]
    assert Event.objects.count() == before


def test_only_a_complaints_officer_reassigns(make_staff, leaver, successor, officer_admin):
    """An administrator who is not the complaints officer may only leave the cases (4.1)."""
    complaint = new_case(officer_admin, leaver)
    plain_admin = make_staff("adrian", ADMINISTRATOR)
    with pytest.raises(Forbidden) as refused:
        administration.set_active(leaver.pk, actor=plain_admin, active=False, hand_to=successor.pk)
    assert (refused.value.field, refused.value.rule) == ("hand_to", "4.1")
    assert User.objects.get(pk=leaver.pk).is_active
    assert handlers_of(complaint) == ["lena"]


def test_a_plain_administrator_is_offered_only_to_leave_them(client, make_staff, leaver):
    officer = make_staff("otto", COMPLAINTS_OFFICER)
    complaint = answered(officer, leaver)
    client.force_login(make_staff("adrian", ADMINISTRATOR))
    page = edit_page(client, leaver)
    # How much, never which: an administrator alone sees no case (its reference or resident).
    held = "1 open complaint and 2 open remedies or outstanding actions"
    assert f"Lena still holds work: {held}." in page
    assert complaint.reference not in page and "Ada Jones" not in page
    assert "Only a complaints officer can reassign cases (Code provision 4.1)" in page
    assert 'name="hand_to"' not in page and 'name="then" value="leave"' in page
    assert deactivate(client, leaver, then="leave").status_code == 303
    assert not User.objects.get(pk=leaver.pk).is_active


def test_left_for_the_officers_each_officer_hears_of_each_case(
    admin, officer_admin, leaver, make_staff
):
    other_officer = make_staff("otto", COMPLAINTS_OFFICER)
    first, second = new_case(officer_admin, leaver), answered(officer_admin, leaver)
    assert deactivate(admin, leaver, then="leave").status_code == 303
    assert not User.objects.get(pk=leaver.pk).is_active
    assert handlers_of(first, second) == ["lena", "lena"]  # not silently unassigned
    [event] = events("user")
    assert event.payload["left_for_officers"] == [first.reference, second.reference]
    for officer in (officer_admin, other_officer):
        notices = Notification.objects.filter(recipient=officer, kind=Kind.LEAVER)
        assert sorted(n.complaint_id for n in notices) == [first.pk, second.pk]
    notice = Notification.objects.filter(kind=Kind.LEAVER, complaint=first).first()
    assert notice.reason == (
        f"Lena has left (their account is deactivated) while still holding work on "
        f"complaint {first.reference}: give it a new handler or owner."
    )
    assert not Notification.objects.filter(recipient=leaver, kind=Kind.LEAVER).exists()


def test_with_no_complaints_officer_the_cases_cannot_be_left(make_staff, leaver):
    admin = make_staff("adrian", ADMINISTRATOR)
    officer = make_staff("otto", COMPLAINTS_OFFICER)
    new_case(officer, leaver)
    officer.is_active = False
    officer.save()
    with pytest.raises(Refused, match="no active complaints officer") as refused:
        administration.set_active(leaver.pk, actor=admin, active=False, leave_for_officers=True)
    assert refused.value.field == "then"
    assert User.objects.get(pk=leaver.pk).is_active


def test_reactivating_a_leaver_gives_them_back_their_roles_and_cases(admin, officer_admin, leaver):
    complaint = new_case(officer_admin, leaver)
    deactivate(admin, leaver, then="leave")
    page = edit_page(admin, leaver)
    assert "Reactivate lena" in page and "still holds work" not in page
    response = admin.post(f"/administration/users/{leaver.pk}/active/", {"active": "yes"})
    assert response.status_code == 303
    person = User.objects.get(pk=leaver.pk)
    assert person.is_active and roles_of(person) == {HANDLER}
    assert handlers_of(complaint) == ["lena"]
    assert [e.action for e in events("user")] == ["deactivated", "reactivated"]
    # Back at work: cases can be given to them again.
    assert handlers_of(new_case(officer_admin, person)) == ["lena"]
