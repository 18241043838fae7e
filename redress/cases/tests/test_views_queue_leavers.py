"""A leaver still holding open cases stays in the work queue's handler filter, marked as
having left, so the complaints officer can find their cases; nobody who has left is
offered to assign to (issue 19, item 3)."""

from __future__ import annotations

import re

import pytest

from redress.cases import services
from redress.cases.handlers import case_workers
from redress.casework.forms import AssignForm
from redress.intake.services import create_resident

from .factories import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.today(TODAY)]


@pytest.fixture
def people(make_staff):
    officer = make_staff("olive", "complaints officer")
    leaver, stayer = make_staff("lena", "handler"), make_staff("sam", "handler")
    return officer, leaver, stayer


def held_by(officer, handler) -> str:
    resident = create_resident(actor=officer, name="Ada Jones")
    case = services.open_complaint(actor=officer, resident=resident, summary="Damp")
    services.assign(case.reference, actor=officer, handler_id=handler.pk)
    return case.reference


def leave(user) -> None:
    user.is_active = False
    user.save()


def options(page: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', page, re.S).group(0)
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select)


def test_the_handler_filter_lists_a_leaver_who_still_holds_cases(client, people):
    officer, leaver, stayer = people
    reference = held_by(officer, leaver)
    leave(leaver)
    client.force_login(officer)
    page = client.get("/cases/?scope=all").content.decode()
    assert options(page, "handler") == ["Lena (has left)", "Olive", "Sam"]
    # Never offered to assign to.
    assert options(page, "assign-handler") == ["Olive", "Sam"]
    # The filter finds their cases, which say whose they are.
    found = client.get(f"/cases/?scope=all&handler={leaver.pk}").content.decode()
    assert reference in found
    assert '<td class="govuk-table__cell">Lena (has left)</td>' in found


def test_a_leaver_holding_nothing_open_drops_out_of_the_filter(client, people):
    officer, leaver, stayer = people
    reference = held_by(officer, leaver)
    leave(leaver)
    services.assign(reference, actor=officer, handler_id=stayer.pk)
    client.force_login(officer)
    page = client.get("/cases/?scope=all").content.decode()
    assert options(page, "handler") == ["Olive", "Sam"]


def test_the_assign_form_offers_only_active_case_workers(people):
    officer, leaver, stayer = people
    held_by(officer, leaver)
    leave(leaver)
    offered = [label for value, label in AssignForm(detail={}).fields["handler"].choices if value]
    assert offered == ["Olive", "Sam"]
    assert list(case_workers(with_leavers=True)) == [leaver, officer, stayer]
