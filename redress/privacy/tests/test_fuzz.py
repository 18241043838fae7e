"""Junk into the importers: a clear error (or problems reported), never a crash, and nothing
half-written. (The inbound-mail parser and the assessment reader's bytes are fuzzed in their
own apps' tests: redress/intake/tests/test_inbound.py, redress/assessments/tests.)"""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.cases.imports import import_tracker_rows
from redress.cases.models import Complaint, Issue, Stage
from redress.reading import AssessmentFileError, read_bytes
from redress.record.models import Event
from redress.tracker import TrackerFileError, iter_tracker_rows, read_tracker
from redress.tracker.columns import KNOWN_COLUMNS

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2025-04-01", "01/04/2025", "2025-13-45", "yes", "-3", "1e9", '"', "\x00"]),
)


def _read(text: str):
    """The tracker, or None for a file the reader refuses as a whole (its clear error)."""
    try:
        return read_tracker(io.StringIO(text))
    except TrackerFileError as error:
        assert str(error)
        return None


@FUZZ
@given(st.text(max_size=1500))
def test_junk_text_is_refused_or_read_with_its_problems(text):
    tracker = _read(text)
    if tracker is not None:
        assert all(str(problem) for problem in tracker.problems)


@pytest.mark.django_db
@FUZZ
@given(
    columns=st.lists(st.sampled_from(KNOWN_COLUMNS), min_size=1, max_size=8, unique=True),
    rows=st.lists(st.lists(cell, min_size=8, max_size=8), max_size=6),
)
def test_junk_cells_under_real_headers_import_whole_complaints_or_nothing(columns, rows):
    columns = ["reference", "received", *[c for c in columns if c not in ("reference", "received")]]
    lines = [",".join(columns)] + [
        ",".join('"' + value.replace('"', '""') + '"' for value in row[: len(columns)])
        for row in rows
    ]
    tracker = _read("\n".join(lines))
    if tracker is None:
        return
    before = Complaint.objects.count()
    summary = import_tracker_rows(iter_tracker_rows(tracker))
    assert Complaint.objects.count() - before == summary.created
    # Each complaint imported is whole: its issue and events, and (unless refused) stage 1.
    assert not Complaint.objects.exclude(pk__in=Issue.objects.values("complaint")).exists()
    events = Event.objects.filter(subject_kind="complaint").values("subject_id")
    assert not Complaint.objects.exclude(pk__in=events).exists()
    stages = Stage.objects.filter(number=1).values("complaint")
    assert not Complaint.objects.exclude(status="refused").exclude(pk__in=stages).exists()


def _docx(document: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


@FUZZ
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_a_word_file_holding_junk_is_refused_clearly(document):
    with contextlib.suppress(AssessmentFileError):
        read_bytes(_docx(document), ".docx", name="junk.docx")


def test_a_bare_carriage_return_in_the_header_is_a_clear_error():
    # Found by the test above: csv.Error escaped the reader.
    with pytest.raises(TrackerFileError, match="not a readable CSV"):
        read_tracker(io.StringIO("refer\rence,received\n"))
