"""An officer files a complaint under a category and amends its definition on the case
page; the record shows each change as it was and as it is."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from redress.cases.models import Category
from redress.learning import models as learning
from redress.learning.defaults import seed

from .conftest import acknowledged, check_axe, open_action, open_all_actions, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def taxonomies():
    # Transactional tests flush the database, data migrations' rows included.
    seed(Category, learning.Cause)


def test_an_officer_sets_the_category_and_amends_the_definition(page, officer, handler):
    complaint = acknowledged(officer, handler)
    sign_in(page, officer)
    page.goto(f"/cases/{complaint.reference}/")
    category = page.locator("#category")
    expect(category).to_have_text("Not chosen yet")

    form = open_action(page, "set_category")
    form.get_by_label("Category").select_option(label="Damp and mould")
    form.get_by_role("button", name="Save the category").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Category changed")
    expect(category).to_have_text("Damp and mould")

    form = open_action(page, "amend_definition")
    points = form.get_by_label("Points of complaint")
    expect(points).to_have_value("Damp not fixed")  # it starts from the definition as it is
    points.fill("Damp not fixed\nMould in the hall")
    form.get_by_label("No, only for some of it: say which below").check()
    form.get_by_label("What we are responsible for", exact=True).fill("The repair")
    form.get_by_label("What we are not responsible for").fill("The neighbour's leak")
    form.get_by_role("button", name="Save the definition").click()
    expect(page.get_by_text("Mould in the hall", exact=True)).to_be_visible()

    timeline = page.locator("#timeline")
    amended = timeline.locator("li", has_text="Complaint definition amended")
    expect(amended).to_contain_text(
        "Before: Points: Damp not fixed. Outcomes sought: Fix the damp. Responsible for: all of it."
    )
    expect(amended).to_contain_text(
        "After: Points: Damp not fixed; Mould in the hall. Outcomes sought: Fix the damp. "
        "Responsible for: The repair. Not responsible for: The neighbour's leak."
    )
    changed = timeline.locator("li", has_text="Category changed")
    expect(changed).to_contain_text("Before: none")
    expect(changed).to_contain_text("After: Damp and mould")

    open_all_actions(page)
    check_axe(page)
