"""`redress assessment import|review|compare` end to end, through main(argv)."""

import csv
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from redress.cli import main

SEEDS = Path(__file__).resolve().parent / "seeds"
SEED = {path.name[:3]: str(path) for path in SEEDS.glob("*.txt")}


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_prints_the_json_shape(capsys):
    status, out, err = run(capsys, "assessment", "import", SEED["001"], "--format", "json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["landlord", "period", "provisions"]
    assert data["landlord"] == "Ashford Borough Council" and data["period"] is None
    assert len(data["provisions"]) == 72
    first = data["provisions"][0]
    assert list(first) == ["number", "section", "requirement", "comply", "evidence", "commentary"]
    assert (first["number"], first["section"], first["comply"]) == ("1.2", 1, "yes")
    assert data["provisions"][-1]["number"] == "9.8"


def test_import_warns_on_stderr_and_exits_1(tmp_path, capsys):
    text = Path(SEED["000"]).read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("7.3\t"))
    path = tmp_path / "short.md"
    path.write_text(text + "\n7.4\tagain\tYes\tx\n", encoding="utf-8")
    status, out, err = run(capsys, "assessment", "import", str(path))
    assert status == 1
    rows = {row["number"]: row for row in json.loads(out)["provisions"]}
    assert rows["7.3"]["comply"] is None and rows["7.4"]["comply"] == "yes"
    assert "redress: warning:" in err
    assert "provision 7.3 is missing" in err and "7.4 appears more than once" in err


def test_unreadable_file_is_one_line_and_status_2(tmp_path, capsys):
    path = tmp_path / "form.docx"
    path.write_bytes(b"not a docx")
    status, out, err = run(capsys, "assessment", "import", str(path))
    assert (status, out) == (2, "")
    assert err.startswith("redress: error: form.docx: not a readable Word") and err.count("\n") == 1


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))


def check_page(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    assert markup.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "en"}) in page.attrs
    assert "title" in page.tags and "caption" in page.tags and "script" not in page.tags
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in page.attrs if tag == "th")
    return page


def test_review_json_and_html(tmp_path, capsys):
    status, out, _ = run(capsys, "assessment", "review", SEED["001"])
    data = json.loads(out)
    assert status == 0
    assert data["totals"]["flags"]["not-compliant"] == 9
    assert len(data["sections"]) == 9
    flags = {p["number"]: p["flags"] for p in data["provisions"]}
    assert {
        "code": "not-compliant",
        "explanation": "Answered 'No': not fully met.",
        "phrase": "No",
    } in flags["5.9"]

    # Text from the document is escaped, never markup.
    hostile = (
        Path(SEED["000"])
        .read_text(encoding="utf-8")
        .replace("Stage 2 responses are reviewed", 'Stage 2 (a < b & c > d) "is" reviewed')
    )
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    status, out, _ = run(capsys, "assessment", "review", str(path), "--format", "html")
    check_page(out)
    assert "(a &lt; b &amp; c &gt; d) &quot;is&quot; reviewed" in out
    assert "<title>Self-assessment review: hostile.txt</title>" in out


def test_compare_html_and_csv(tmp_path, capsys):
    files = [SEED["000"], SEED["001"], SEED["002"], SEED["003"]]
    status, out, _ = run(capsys, "assessment", "compare", *files)
    assert status == 0
    page = check_page(out)
    assert page.tags.count("tr") == 1 + 72 + 1 + 5 + 7
    assert "Ashford Borough Council" in out

    status, out, _ = run(capsys, "assessment", "compare", *files, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:4] == [
        "provision",
        "section",
        "000_96dd6a746f122873.txt: answer",
        "000_96dd6a746f122873.txt: flags",
    ]
    assert len(rows) == 1 + 72 + 5 + 7
    body = {row[0]: row for row in rows[1:73]}
    assert body["5.9"][4:6] == ["No", "not-compliant; future-tense; unverifiable"]
    assert body["8.3"][4] == "No answer"
    totals = {row[0]: row for row in rows[73:]}
    assert totals["Answered yes"][2:10] == ["72", "", "60", "", "72", "", "72", ""]


def test_compare_csv_is_safe_against_formulas(tmp_path, capsys):
    text = Path(SEED["000"]).read_text(encoding="utf-8")
    path = tmp_path / "x.txt"
    path.write_text('Landlord: =HYPERLINK("http://evil")\n' + text, encoding="utf-8")
    _, out, _ = run(capsys, "assessment", "compare", str(path), SEED["003"], "--format", "csv")
    header = next(csv.reader(io.StringIO(out)))
    assert header[2].startswith("'=HYPERLINK")


def test_compare_needs_two_files(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["assessment", "compare", SEED["000"]])
    assert exit.value.code == 2
    assert "two or more" in capsys.readouterr().err


def test_the_command_runs_without_django(tmp_path):
    """A fresh interpreter: importing and running the reader never loads Django."""
    code = (
        "import sys; from redress.cli import main; status = main(['assessment', 'import', "
        f"{SEED['003']!r}]); assert 'django' not in sys.modules, 'django loaded'; "
        "sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert re.search(r'"period": "2024/25"', done.stdout)
