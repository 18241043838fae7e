"""Ombudsman cases recorded while they were the oversight app's, migrated to their own app.

The test goes back to the schema on which the cases were oversight's (oversight 0002,
no ombudsman migrations), records a case there with the historical models, as a
deployment would hold it, with an MRC alert waiting in the task queue under the task's
old name, then migrates forward and reads it all through the new app.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.models import DBTaskResult

from redress.cases.models import Complaint
from redress.cases.tests.factories import case_in, events
from redress.ombudsman import services
from redress.ombudsman.models import Determination, OmbudsmanCase, Order

BEFORE = [("oversight", "0002_annual_report"), ("ombudsman", None)]
OLD_TASK = "redress.oversight.ombudsman.alert_mrc"

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    """Migrate to the targets; the models as they stand there (apps at their leaves, unless
    the targets say otherwise)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    named = {app for app, _ in targets}
    reached = [node for node in leaf_nodes() if node[0] not in named]
    return executor.loader.project_state(reached + [t for t in targets if t[1]]).apps


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def complaint(officer, second_handler):
    return case_in("closed", officer, second_handler)


@pytest.fixture
def at_the_old_schema(complaint):
    apps = migrate(BEFORE)
    yield apps
    migrate(leaf_nodes())


def test_cases_recorded_under_oversight_are_read_by_the_ombudsman_app(
    at_the_old_schema, complaint, officer, make_staff, queued_tasks
):
    apps = at_the_old_schema
    assert "ombudsman" not in {model._meta.app_label for model in apps.get_models()}
    Case = apps.get_model("oversight", "OmbudsmanCase")
    old_type = apps.get_model("contenttypes", "ContentType").objects.get(
        app_label="oversight", model="ombudsmancase"
    )
    complaint_id = Complaint.objects.get(reference=complaint).pk
    case = Case.objects.create(
        complaint_id=complaint_id,
        ombudsman_reference="HOS-2026-777",
        referred_on=dt.date(2026, 11, 2),
        determined_on=dt.date(2026, 11, 20),
    )
    finding = apps.get_model("oversight", "Determination").objects.create(
        case=case, element="Handling of the damp repair", finding="maladministration"
    )
    order = apps.get_model("oversight", "Order").objects.create(
        case=case, kind="chfo", description="Pay £300", due_on=dt.date(2026, 12, 18)
    )
    # The alert main queued (its task named by its old module), and one it already ran.
    waiting = services.alert_mrc.enqueue(finding.pk)
    DBTaskResult.objects.filter(pk=waiting.id).update(task_path=OLD_TASK)
    ran = DBTaskResult.objects.create(
        args_kwargs={"args": [finding.pk], "kwargs": {}},
        task_path=OLD_TASK,
        status="SUCCESSFUL",
        backend_name="default",
        run_after=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC),
    )
    mrc = make_staff("morgan", "MRC")
    mrc.email = "mrc@board.example"
    mrc.save()

    migrate(leaf_nodes())

    moved = OmbudsmanCase.objects.get(pk=case.pk)
    assert (moved.complaint.reference, moved.ombudsman_reference) == (complaint, "HOS-2026-777")
    assert moved.determined_on == dt.date(2026, 11, 20)
    assert list(moved.elements.values_list("pk", "finding")) == [(finding.pk, "maladministration")]
    assert list(moved.orders.values_list("pk", "kind")) == [
        (order.pk, Order.Kind.COMPLAINT_HANDLING_FAILURE)
    ]
    assert moved.complaint.ombudsman_cases.get() == moved
    # The same content type row, now the new app's: permissions on it are kept.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(OmbudsmanCase).pk == old_type.pk
    assert not ContentType.objects.filter(app_label="oversight", model="ombudsmancase").exists()
    # The waiting alert runs from the task's new home; what already ran is left as it ran.
    assert (
        DBTaskResult.objects.get(pk=waiting.id).task_path == "redress.ombudsman.services.alert_mrc"
    )
    assert DBTaskResult.objects.get(pk=ran.pk).task_path == OLD_TASK
    [alerted] = queued_tasks()
    assert alerted.return_value == 1 and [m.to for m in mail.outbox] == [["mrc@board.example"]]
    assert "mrc_alerted" in [e["action"] for e in events(officer, complaint)]
    # New records go on beside the old ones.
    services.add_order(
        case.pk,
        actor=officer.user,
        kind="order",
        description="Apologise",
        due_on=dt.date(2026, 12, 1),
    )
    assert Order.objects.filter(case=moved).count() == 2
    assert Determination.objects.get().case_id == case.pk
