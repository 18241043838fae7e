"""Subject access: one zip with everything held about a person; rectification as an event."""

from __future__ import annotations

import json
import zipfile

import pytest

from redress.cli import main
from redress.intake.models import Resident
from redress.privacy.rectification import rectify_resident
from redress.record.errors import Refused
from redress.record.models import Event

from .builders import PDF, PNG, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(officer, second_handler, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build(officer, second_handler)


def test_sar_exports_the_record_letters_and_files(data, tmp_path, capsys):
    resident = Resident.objects.get(pk=data["resident_id"])
    out = tmp_path / "sar.zip"
    assert main(["sar", str(resident.pk), "--out", str(out)]) == 0
    assert "files" in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        export = json.loads(archive.read("subject-access.json"))
        pdfs = [archive.read(n) for n in names if n.startswith("letters/")]
        uploads = {archive.read(n) for n in names if n.startswith("files/")}
    assert export["resident"]["name"] == "Ada Jones"
    assert export["reasonable_adjustments"][0]["disability_disclosed"] == "Partially sighted"
    assert export["restrictions"][0]["restriction"] == "Contact by email only"
    (complaint,) = [c for c in export["complaints"] if c["reference"] == data["refs"]["closed"]]
    assert [s["number"] for s in complaint["stages"]] == [1, 2]
    assert complaint["remedies"][0]["amount"] == "200.00"
    assert {c["title"] for c in complaint["correspondence"]} >= {"Photo of the damp"}
    (letter,) = complaint["letters"]
    assert letter["kind"] == "stage_response" and "pdf" not in letter
    assert pdfs and all(p.startswith(b"%PDF") for p in pdfs)
    assert uploads == {PNG, PDF}
    actions = {e["action"] for e in export["events"]}
    assert {"resident_recorded", "acknowledged", "responded", "correspondence_attached"} <= actions
    # Only this person: the other complaints' residents are other people.
    assert {c["resident"] for c in export["complaints"]} == {resident.pk}
    assert Event.objects.filter(
        subject_kind="resident", subject_id=resident.pk, action="subject_access_exported"
    ).exists()


def test_sar_refuses_an_unknown_person(db, capsys):
    assert main(["sar", "nobody@example.org"]) == 2
    assert "no resident" in capsys.readouterr().err


def test_rectification_records_before_and_after(officer, capsys):
    from redress.cases.tests.factories import new_resident

    pk = new_resident(officer)
    assert (
        main(
            [
                "rectify",
                str(pk),
                "--set",
                "name=Ada Jonas",
                "--set",
                "phone=0113 496 0000",
                "--reason",
                "Resident phoned: name misspelt",
            ]
        )
        == 0
    )
    capsys.readouterr()
    resident = Resident.objects.get(pk=pk)
    assert (resident.name, resident.phone) == ("Ada Jonas", "0113 496 0000")
    event = Event.objects.get(subject_kind="resident", subject_id=pk, action="rectified")
    assert event.payload["changes"] == {
        "name": {"before": "Ada Jones", "after": "Ada Jonas"},
        "phone": {"before": "", "after": "0113 496 0000"},
    }
    assert event.payload["reason"] == "Resident phoned: name misspelt"


@pytest.mark.parametrize(
    "changes",
    [{"email": "not an email"}, {"name": "  "}, {"favourite": "x"}, {"name": "Ada Jones"}],
)
def test_rectification_refuses_bad_input_and_writes_nothing(officer, changes):
    from redress.cases.tests.factories import new_resident

    pk = new_resident(officer)
    events = Event.objects.count()
    with pytest.raises(Refused):
        rectify_resident(pk, actor=officer.user, reason="Asked", **changes)
    assert Event.objects.count() == events
    assert Resident.objects.get(pk=pk).name == "Ada Jones"


def test_a_person_is_found_by_email_or_id(officer):
    from redress.cases.tests.factories import new_resident
    from redress.privacy.sar import find_person

    first, _second = new_resident(officer), new_resident(officer)
    assert find_person("ADA@example.org").pk == first
    assert find_person(str(_second)).pk == _second
    with pytest.raises(Refused):
        find_person("12345")
