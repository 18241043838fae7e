"""The database-free commands: `redress audit-cases` and `redress tsm FILE`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from redress.cli import main

from .helpers import write_csv

FIXTURES = Path(__file__).parent / "fixtures"
TSM_FILE = str(FIXTURES / "tsm_2025.csv")


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_audit_cases_prints_json_in_file_order(tmp_path, capsys):
    path = write_csv(tmp_path, [
        {"reference": "B", "received": "2025-04-18"},
        {"reference": "A", "received": "2025-06-02", "stage1_acknowledged": "2025-06-10"},
    ])  # fmt: skip
    status, out, err = run(capsys, "audit-cases", path, "--as-of", "2025-06-10")
    assert (status, err) == (0, "")
    assert json.loads(out) == [
        {
            "reference": "B",
            "stage1": {
                "acknowledge_by": "2025-04-28",
                "respond_by": "2025-05-13",
                "acknowledged_on_time": None,
                "responded_on_time": None,
            },
            "stage2": None,
            "breaches": ["6.2", "6.3"],
        },
        {
            "reference": "A",
            "stage1": {
                "acknowledge_by": "2025-06-09",
                "respond_by": "2025-06-24",
                "acknowledged_on_time": False,
                "responded_on_time": None,
            },
            "stage2": None,
            "breaches": ["6.2"],
        },
    ]


def test_bad_cells_go_to_stderr_the_rest_is_audited_and_the_status_is_1(tmp_path, capsys):
    path = write_csv(tmp_path, [
        {"reference": "A", "received": "2025-04-01"},
        {"reference": "B", "received": "2025-04-01", "stage1_responded": "2025-13-01"},
        {"reference": "C", "received": "2025-04-01", "refused": "perhaps"},
        {"reference": "D", "received": "2025-04-01"},
    ])  # fmt: skip
    status, out, err = run(capsys, "audit-cases", path, "--as-of", "2025-04-01")
    assert status == 1
    assert [case["reference"] for case in json.loads(out)] == ["A", "D"]
    assert err.splitlines() == [
        "redress: row 2 (line 3), column stage1_responded: '2025-13-01' is not a date "
        "(YYYY-MM-DD) or ISO 8601 timestamp",
        "redress: row 3 (line 4), column refused: 'perhaps' is not yes/no or a date",
    ]


def test_the_calendar_option(tmp_path, capsys):
    path = write_csv(tmp_path, [{"reference": "A", "received": "2025-04-18"}])
    _, out, _ = run(capsys, "audit-cases", path, "--as-of", "2025-04-18",
                    "--calendar", "scotland")  # fmt: skip
    assert json.loads(out)[0]["stage1"]["acknowledge_by"] == "2025-04-25"


def test_table_format(tmp_path, capsys):
    path = write_csv(tmp_path, [
        {"reference": "LONG-REFERENCE-1", "received": "2025-04-18"},
        {"reference": "R2", "refused": "yes"},
        {"reference": "R3", "received": "2025-03-31", "stage1_acknowledged": "2025-04-01",
         "stage1_responded": "2025-04-10", "stage1_handler": "Ann",
         "escalation_requested": "2025-04-20", "stage2_handler": "ann"},
    ])  # fmt: skip
    status, out, _ = run(capsys, "audit-cases", path, "--as-of", "2025-05-01", "--format", "table")
    assert status == 0
    assert out.splitlines() == [
        "reference         stage 1 ack by  stage 1 respond by  stage 2 ack by  stage 2 respond by  breaches",  # noqa: E501
        "LONG-REFERENCE-1  2025-04-28      2025-05-13          -               -                   6.2",  # noqa: E501
        "R2                refused         -                   -               -                   -",  # noqa: E501
        "R3                2025-04-07      2025-04-15          2025-04-28      2025-05-28          6.11, 6.13",  # noqa: E501
    ]  # fmt: skip


def test_a_file_that_is_not_a_tracker_is_status_2(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("name,date\nA,2025-01-01\n")
    status, out, err = run(capsys, "audit-cases", str(path))
    assert (status, out) == (2, "")
    assert err == "redress: error: the header has no reference or received column\n"


def test_as_of_defaults_to_today(tmp_path, capsys):
    path = write_csv(tmp_path, [{"reference": "A", "received": "2020-01-02"}])
    _, out, _ = run(capsys, "audit-cases", path)
    assert json.loads(out)[0]["breaches"] == ["6.2", "6.3"]  # long overdue today


@pytest.mark.parametrize("as_of", ["2025-13-01", "01/04/2025", "1800-01-01"])
def test_a_bad_as_of_is_a_usage_error(tmp_path, capsys, as_of):
    path = write_csv(tmp_path, [{"reference": "A", "received": "2025-01-02"}])
    with pytest.raises(SystemExit) as exit:
        main(["audit-cases", path, "--as-of", as_of])
    assert exit.value.code == 2
    assert "--as-of" in capsys.readouterr().err


def test_tsm_from_a_file(capsys):
    # Hand count for 2025/26 (see the notes column): stage 1 received T2 T3 T5 T6 T8 = 5,
    # stage 2 received T3 T8 = 2; stage 1 answered in the year T1 T2 T3 T5 T8, of which
    # T1 T3 T8 within timescales (T2 late, T5 acknowledged late) = 60%; stage 2 T3 = 100%.
    status, out, err = run(capsys, "tsm", TSM_FILE, "--year", "2025", "--homes", "3000",
                           "--as-of", "2026-06-01")  # fmt: skip
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "year": "2025/26",
        "homes": 3000,
        "CH01_stage1_per_1000": 1.67,
        "CH01_stage2_per_1000": 0.67,
        "CH02_stage1_percent": 60.0,
        "CH02_stage2_percent": 100.0,
    }


def test_tsm_is_null_where_there_is_nothing_to_divide(capsys):
    # 2024/25: T1 was received on 31 March 2025 but answered in April.
    _, out, _ = run(capsys, "tsm", TSM_FILE, "--year", "2024", "--homes", "3000",
                    "--as-of", "2026-06-01")  # fmt: skip
    assert json.loads(out) == {
        "year": "2024/25",
        "homes": 3000,
        "CH01_stage1_per_1000": 0.33,
        "CH01_stage2_per_1000": 0.0,
        "CH02_stage1_percent": None,
        "CH02_stage2_percent": None,
    }


@pytest.mark.parametrize("homes", ["0", "-5", "many", "2.5"])
def test_tsm_homes_must_be_a_positive_integer(capsys, homes):
    with pytest.raises(SystemExit) as exit:
        main(["tsm", TSM_FILE, "--year", "2025", "--homes", homes])
    assert exit.value.code == 2
    assert "argument --homes" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [[], ["--from-db"]])
def test_tsm_takes_a_file_or_from_db_not_both_or_neither(capsys, extra):
    argv = ["tsm", "--year", "2025", "--homes", "10", *extra]
    if extra:
        argv.insert(1, TSM_FILE)
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 2
    assert "either FILE.csv or --from-db" in capsys.readouterr().err


def test_python_dash_m_redress_is_the_command_and_is_quiet_when_piped(tmp_path):
    path = write_csv(tmp_path, [
        {"reference": "A", "received": "2025-04-18"},
        {"reference": "B", "received": "someday"},
    ])  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "redress", "audit-cases", path, "--as-of", "2025-04-28"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)[0]["stage1"]["acknowledge_by"] == "2025-04-28"
    # No progress bar when stderr is not a terminal: only the bad cell.
    assert done.stderr == (
        "redress: row 2 (line 3), column received: 'someday' is not a date (YYYY-MM-DD) "
        "or ISO 8601 timestamp\n"
    )
