"""Creating, editing, deactivating and reactivating users; teams; no self-lockout."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from redress.staff.models import Team
from redress.staff.roles import ADMINISTRATOR, HANDLER, MANAGER, roles_of

from .conftest import events

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD_PASSWORD = "plover-candle-9-harbour"


def new_user(**changes) -> dict:
    return {
        "username": "harriet",
        "first_name": "Harriet",
        "last_name": "Vane",
        "email": "harriet@example.org",
        "password": GOOD_PASSWORD,
        "roles": [HANDLER],
        **changes,
    }


def details(person, **changes) -> dict:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name or "Smith",
        "email": person.email or "someone@example.org",
        "roles": sorted(roles_of(person)),
        "teams": [],
        **changes,
    }


def test_the_list_shows_everyone_with_roles_teams_and_state(admin, make_staff):
    person = make_staff("hugo", HANDLER, MANAGER)
    person.email = "hugo@example.org"
    person.save()
    Team.objects.create(name="North").members.add(person)
    retired = make_staff("rita", HANDLER)
    retired.is_active = False
    retired.save()
    page = admin.get("/administration/users/").content.decode()
    for text in ("Hugo", "hugo@example.org", "Handler", "Manager", "North", "Rita", "Deactivated"):
        assert text in page


def test_an_administrator_creates_a_handler_in_a_team(admin, admin_user):
    team = Team.objects.create(name="North")
    response = admin.post("/administration/users/new/", new_user(teams=[str(team.pk)]))
    assert response.status_code == 303
    person = User.objects.get(username="harriet")
    assert person.check_password(GOOD_PASSWORD)
    assert person.is_active and not person.is_staff  # is_staff opens only Django's admin
    assert roles_of(person) == {HANDLER}
    assert list(person.redress_teams.all()) == [team]
    [event] = events("user")
    assert (event.subject_id, event.action, event.actor) == (person.pk, "created", admin_user)
    assert event.payload["roles"] == [HANDLER] and event.payload["teams"] == ["North"]
    assert GOOD_PASSWORD not in str(event.payload)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "ADA"}, "id_username", "The username &#x27;ADA&#x27; is already taken"),
        ({"password": "password123"}, "id_password", "This password is too common."),
        ({"password": "short"}, "id_password", "too short"),
        ({"email": "not an email"}, "id_email", "Enter an email address in the correct format"),
        ({"first_name": ""}, "id_first_name", "Enter first name"),
        ({"roles": ["superuser"]}, "id_roles", "Select a valid choice"),
    ],
)
def test_a_bad_new_user_is_refused_on_the_form_and_nothing_written(
    admin, admin_user, changes, field, message
):
    response = admin.post("/administration/users/new/", new_user(**changes))
    assert response.status_code == 422
    page = response.content.decode()
    assert "govuk-error-summary" in page and f'href="#{field}"' in page
    assert message in page
    assert 'value="harriet@example.org"' in page or "email" in changes
    assert set(User.objects.values_list("username", flat=True)) == {"ada"}
    assert events("user") == []


def test_editing_changes_name_email_roles_and_teams(admin, make_staff):
    person = make_staff("hugo", HANDLER)
    team = Team.objects.create(name="South")
    data = details(person, first_name="Hugh", email="hugh@example.org", roles=[MANAGER])
    data["teams"] = [str(team.pk)]
    assert admin.post(f"/administration/users/{person.pk}/", data).status_code == 303
    person = User.objects.get(pk=person.pk)
    assert (person.first_name, person.email) == ("Hugh", "hugh@example.org")
    assert roles_of(person) == {MANAGER}
    assert list(person.redress_teams.all()) == [team]
    assert [e.action for e in events("user")] == ["edited"]


def test_the_edit_form_shows_current_roles_ticked(admin, make_staff):
    person = make_staff("hugo", MANAGER)
    page = admin.get(f"/administration/users/{person.pk}/").content.decode()
    assert 'value="manager" checked' in page
    assert 'value="handler" checked' not in page


def test_an_administrator_cannot_remove_their_own_administrator_role(admin, admin_user):
    response = admin.post(
        f"/administration/users/{admin_user.pk}/", details(admin_user, roles=[MANAGER])
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#id_roles"' in page
    assert "You cannot remove your own administrator role" in page
    assert roles_of(User.objects.get(pk=admin_user.pk)) == {ADMINISTRATOR}
    assert events("user") == []


def test_another_administrator_can_remove_the_role(admin, make_staff):
    other = make_staff("otto", ADMINISTRATOR)
    response = admin.post(f"/administration/users/{other.pk}/", details(other, roles=[HANDLER]))
    assert response.status_code == 303
    assert roles_of(User.objects.get(pk=other.pk)) == {HANDLER}


def test_deactivating_and_reactivating_never_deletes(admin, make_staff):
    person = make_staff("hugo", HANDLER)
    address = f"/administration/users/{person.pk}/active/"
    assert admin.post(address, {"active": "no"}).status_code == 303
    assert not User.objects.get(pk=person.pk).is_active
    page = admin.get(f"/administration/users/{person.pk}/").content.decode()
    assert "Reactivate hugo" in page and 'value="handler" checked' in page
    assert admin.post(address, {"active": "yes"}).status_code == 303
    assert User.objects.get(pk=person.pk).is_active
    assert [e.action for e in events("user")] == ["deactivated", "reactivated"]


def test_an_administrator_cannot_deactivate_themselves(admin, admin_user):
    response = admin.post(f"/administration/users/{admin_user.pk}/active/", {"active": "no"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "govuk-error-summary" in page and "You cannot deactivate yourself" in page
    assert User.objects.get(pk=admin_user.pk).is_active
    assert events("user") == []


def test_a_deactivated_person_cannot_sign_in(admin, make_staff, client):
    person = make_staff("hugo", HANDLER)
    admin.post(f"/administration/users/{person.pk}/active/", {"active": "no"})
    assert not client.login(username="hugo", password="x")


def test_roles_are_groups_named_as_in_roles(admin):
    admin.post("/administration/users/new/", new_user(roles=[HANDLER, "complaints officer"]))
    person = User.objects.get(username="harriet")
    assert set(person.groups.values_list("name", flat=True)) == {HANDLER, "complaints officer"}
    assert Group.objects.filter(name="complaints officer").count() == 1


def test_teams_are_created_and_listed_with_members(admin, admin_user, make_staff):
    response = admin.post("/administration/teams/", {"name": "North"})
    assert response.status_code == 303
    team = Team.objects.get(name="North")
    team.members.add(make_staff("hugo", HANDLER))
    page = admin.get("/administration/teams/").content.decode()
    assert "North" in page and "Hugo" in page
    [event] = events("team")
    assert (event.subject_id, event.action, event.actor) == (team.pk, "created", admin_user)


def test_a_duplicate_team_name_is_refused(admin):
    Team.objects.create(name="North")
    response = admin.post("/administration/teams/", {"name": "north"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'href="#id_name"' in page and "already a team called" in page
    assert Team.objects.count() == 1
    assert events("team") == []
