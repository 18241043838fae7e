"""The database-backed commands of `redress`: import-cases and tsm --from-db."""

from __future__ import annotations

import json

import pytest

from redress.cases.models import Complaint
from redress.cli import main

pytestmark = pytest.mark.django_db(transaction=False)

CSV = """reference,received,stage1_acknowledged,stage1_responded,stage1_handler,\
escalation_requested,stage2_acknowledged,stage2_responded,stage2_handler,refused,notes
A-1,2025-04-01,2025-04-03,2025-04-10,Ann,2025-04-14,2025-04-16,2025-05-01,Bob,,ignored
A-2,2025-04-01,2025-04-09,,Ann,,,,,,
A-3,2025-05-02,,,,,,,,yes,
A-4,not-a-date,,,,,,,,,
"""


def test_import_twice_then_measure_from_the_database(tmp_path, capsys):
    path = tmp_path / "tracker.csv"
    path.write_text(CSV)

    assert main(["import-cases", str(path)]) == 1  # A-4's bad cell is reported
    out, err = capsys.readouterr()
    assert "imported 3 complaints, skipped 0 already present" in out
    assert "received" in err and "A-4" not in out
    assert main(["import-cases", str(path)]) == 1
    assert "imported 0 complaints, skipped 3 already present" in capsys.readouterr().out
    assert set(Complaint.objects.values_list("reference", flat=True)) == {"A-1", "A-2", "A-3"}

    assert main(["tsm", "--from-db", "--year", "2025", "--homes", "200"]) == 0
    result = json.loads(capsys.readouterr().out)
    # Two accepted complaints at stage 1 (A-3 refused), one escalation, per 200 homes.
    assert result["year"] == "2025/26"
    assert result["CH01_stage1_per_1000"] == 10.0
    assert result["CH01_stage2_per_1000"] == 5.0
    # Only A-1 was answered at stage 1, on time; A-2 was acknowledged late (6.2).
    assert result["CH02_stage1_percent"] == 100.0
    assert result["CH02_stage2_percent"] == 100.0
