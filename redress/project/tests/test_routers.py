"""The read-replica router: reports read from the replica, writes and everything else never.

The test settings give a `replica` alias that mirrors the test database (Django's
TEST MIRROR): a second connection to the same database, so the queries each
connection runs can be captured apart. A mirror's connection sees only committed
rows, so these tests commit (transaction=True).
"""

from __future__ import annotations

import pytest
from django.db import connections, router, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from redress.cases.models import Complaint
from redress.cases.tests.factories import open_case
from redress.conftest import ApiClient
from redress.infra.routers import REPLICA, reads_from_replica, using_replica
from redress.record.models import Event
from redress.staff import roles

replica_db = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def with_replica(settings):
    """Reports read from the replica, as with REPLICA_DATABASE_URL set."""
    settings.REDRESS_REPORTS_DATABASE = REPLICA
    yield
    connections[REPLICA].close()


def _touches(queries, table: str) -> bool:
    return any(table in q["sql"] for q in queries)


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_only_reads_in_using_replica_go_to_the_replica(with_replica):
    assert router.db_for_read(Complaint) == "default"
    with using_replica():
        assert router.db_for_read(Complaint) == REPLICA
        assert router.db_for_write(Complaint) == "default"
    assert router.db_for_read(Complaint) == "default"


def test_an_object_read_from_the_replica_is_saved_to_the_primary(with_replica):
    replica_row = Complaint(pk=1)
    replica_row._state.db = REPLICA
    with using_replica():
        assert router.db_for_write(Complaint, instance=replica_row) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "cases", model_name="complaint") is True
    assert router.allow_migrate(REPLICA, "cases", model_name="complaint") is False


def test_rows_from_either_alias_may_be_related():
    primary, copy = Complaint(pk=1), Complaint(pk=2)
    primary._state.db, copy._state.db = "default", REPLICA
    assert router.allow_relation(primary, copy) is True


def test_without_a_replica_reports_read_the_primary(settings):
    assert settings.REDRESS_REPORTS_DATABASE == "default"
    with using_replica():
        assert router.db_for_read(Complaint) == "default"


@replica_db
def test_reads_inside_a_transaction_on_the_primary_stay_there(with_replica):
    with using_replica(), transaction.atomic():
        assert router.db_for_read(Complaint) == "default"


@replica_db
def test_the_decorator_leaves_other_methods_on_the_primary(with_replica):
    seen = {}

    @reads_from_replica
    def view(request):
        seen[request.method] = router.db_for_read(Complaint)

    for method in ("get", "head", "post"):
        view(getattr(RequestFactory(), method)("/"))
    assert seen == {"GET": REPLICA, "HEAD": REPLICA, "POST": "default"}


@pytest.fixture
def a_complaint(make_staff):
    return open_case(ApiClient(make_staff("olive", roles.COMPLAINTS_OFFICER)))


@replica_db
@pytest.mark.parametrize(
    "url", ["/oversight/", "/oversight/annual-report/", "/oversight/dashboard/"]
)
def test_report_pages_read_complaints_from_the_replica(
    url, with_replica, a_complaint, client, make_staff
):
    client.force_login(make_staff("morwenna", roles.MRC))
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get(url)
    assert response.status_code == 200
    assert _touches(replica, "cases_complaint")
    assert not _touches(primary, "cases_complaint")
    assert _writes(replica) == []


@replica_db
def test_the_dashboards_record_of_receipt_is_written_to_the_primary(
    with_replica, a_complaint, client, make_staff
):
    """Opening the dashboard as the MRC writes an event (9.7): on the primary, with the
    check for an earlier one read there too, inside the write's transaction."""
    client.force_login(make_staff("morwenna", roles.MRC))
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        assert client.get("/oversight/dashboard/").status_code == 200
    assert any("record_event" in sql for sql in _writes(primary))
    assert _writes(replica) == []
    assert not _touches(replica, "record_event")
    assert Event.objects.filter(action="report.received").count() == 1


@replica_db
def test_case_work_reads_the_primary(with_replica, a_complaint, client, make_staff):
    client.force_login(make_staff("hana", roles.HANDLER, roles.COMPLAINTS_OFFICER))
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get("/cases/").status_code == 200
    assert len(replica) == 0
