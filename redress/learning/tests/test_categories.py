"""The category taxonomy: data the administrator edits (never deletes), read in one place."""

from __future__ import annotations

import pytest

from redress.cases.categories import NOT_LISTED, report_rows
from redress.cases.categories import active_names as category_names
from redress.cases.models import Category, Complaint
from redress.learning.defaults import CATEGORIES
from redress.record.models import Event

from .conftest import complaint

pytestmark = pytest.mark.django_db


def test_the_defaults_are_seeded_in_order():
    assert category_names() == list(CATEGORIES)
    assert CATEGORIES[:3] == ("Repairs", "Damp and mould", "Anti-social behaviour")


@pytest.mark.parametrize("role", ["handler", "complaints officer", "senior lead", "MRC"])
def test_only_administrators_edit_categories(client, make_staff, role):
    client.force_login(make_staff("someone", role))
    assert client.get("/administration/categories/").status_code == 403
    assert client.post("/administration/categories/", {"name": "Gas"}).status_code == 403
    repairs = Category.objects.get(name="Repairs")
    assert client.post(f"/administration/categories/{repairs.pk}/active/").status_code == 403
    assert not Category.objects.filter(name="Gas").exists()
    assert Category.objects.get(name="Repairs").active


def test_add_rename_and_deactivate(client, make_staff):
    admin = make_staff("ada", "administrator")
    client.force_login(admin)
    page = client.get("/administration/categories/").content.decode()
    assert "Damp and mould" in page and 'href="/administration/categories/"' in page

    response = client.post("/administration/categories/", {"name": "Gas safety"})
    assert response.status_code == 303
    assert category_names()[-1] == "Gas safety"

    # A clash is refused on the form, input kept.
    response = client.post("/administration/categories/", {"name": "repairs"})
    assert response.status_code == 422
    assert "already a category called Repairs" in response.content.decode()

    filed = complaint("2026-10-01", category="Lettings")
    lettings = Category.objects.get(name="Lettings")
    response = client.post(f"/administration/categories/{lettings.pk}/", {"name": "Allocations"})
    assert response.status_code == 303
    filed.refresh_from_db()
    assert filed.category.name == "Allocations"
    renamed = Event.objects.get(action="category_renamed")
    assert renamed.payload == {"from": "Lettings", "to": "Allocations", "complaints_relabelled": 1}

    response = client.post(f"/administration/categories/{lettings.pk}/active/", {"active": "no"})
    assert response.status_code == 303
    assert "Allocations" not in category_names()
    # Deactivated, not deleted: it is still there, and so are its complaints.
    assert Category.objects.filter(name="Allocations", active=False).exists()
    assert Complaint.objects.filter(category__name="Allocations").count() == 1
    assert Event.objects.filter(subject_kind="landlord", action="category_deactivated").exists()
    client.post(f"/administration/categories/{lettings.pk}/active/", {"active": "yes"})
    assert "Allocations" in category_names()


def test_the_queue_offers_only_active_categories(client, make_staff):
    client.force_login(make_staff("olive", "complaints officer"))
    Category.objects.filter(name="Lettings").update(active=False)
    page = client.get("/cases/?scope=all").content.decode()
    assert '<option value="Damp and mould"' in page
    assert '<option value="Lettings"' not in page


def test_an_imported_category_is_counted_unnamed_until_an_administrator_adopts_it(
    client, make_staff
):
    complaint("2026-10-01", category="Boiler woes")  # an imported category (no landlord's)
    boiler = Category.objects.get(name="Boiler woes")
    assert (boiler.active, boiler.imported) == (False, True)
    found = {boiler.pk: 1}
    assert (NOT_LISTED, 1, False) in report_rows(found, 0, sum)
    assert "Boiler woes" not in [label for label, _, _ in report_rows(found, 0, sum)]
    client.force_login(make_staff("ada", "administrator"))
    assert "Imported" in client.get("/administration/categories/").content.decode()
    client.post(f"/administration/categories/{boiler.pk}/active/", {"active": "yes"})
    boiler.refresh_from_db()
    assert (boiler.active, boiler.imported) == (True, False)
    assert ("Boiler woes", 1, True) in report_rows(found, 0, sum)
