"""From a document's text to its rows, keyed by provision number.

Every format is first turned into lines, a table row being its cells joined by tabs
(sources.py). A provision starts at a line opening with its number; it runs until the
next number or a heading, table header or rule. Published forms come in two shapes:

- rows of cells ("1.2<TAB>requirement<TAB>Yes<TAB>evidence<TAB>commentary"), where a row
  split across pages or lines goes on in lines whose cells are shifted or dropped;
- one cell per line (or a whole row on one line), where empty cells are lines holding
  only a non-breaking space.

In both, the Code's own words (redress.code.provisions) say where the requirement ends:
a continuation that carries on the Code's sentence belongs to the requirement, and in a
flat row the answer is the Yes/No/Partial just after the last of the Code's words.
Headings are never trusted: the section comes from the number.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from redress.code.provisions import BY_NUMBER, PROVISIONS

from .model import AssessmentFileError, ImportedAssessment, ImportedProvision
from .text import clean, is_answer, read_answer, words

_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})(?=\s|$)")
_LEADING_MARKUP = re.compile(r"^(?:\*\*|__|\*|#+\s*)")
_STOP = re.compile(
    r"""^\W*(?:
        section\s+\d+\s*[:.\-–]
      | stage\s+[12]\W*$
      | code\s+provision\b
      | appendix\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_HEADING = re.compile(r"^\s*#{1,6}\s")
_RULE = re.compile(r"^[\s\-|:=_+*]*$")
_NBSP_CELL = re.compile(r"^[ \t]*\xa0[\s\xa0]*$", re.MULTILINE)
_NBSP_AT_END = re.compile(r"[ \t]+\xa0[ \t\xa0]*$", re.MULTILINE)
_CELL_BREAK = "\x1e"
_INLINE_ANSWER = re.compile(r"^\W{0,3}(yes|no|partial(?:ly)?|n\s*/\s*a)\b", re.IGNORECASE)
_STANDALONE_ANSWER = re.compile(r"(?<![\w'’])(Yes|YES|No|NO|Partially|Partial|N/A)(?![\w/])")

_CATALOGUE = {p.number: words(p.text) for p in PROVISIONS}
_ORDER = {p.number: i for i, p in enumerate(PROVISIONS)}
_ANSWER_FIELDS = ("evidence", "commentary")

_PERIOD = re.compile(
    r"(?:assessment|year|period|for)\D{0,40}?\b(20\d\d)\s*[/\-–]\s*(20\d\d|\d\d)\b"
    r"|\b(20\d\d)\s*[/\-–]\s*(20\d\d|\d\d)\s+self[\s-]*assessment",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^\W*(?:landlord|landlord name|name of landlord|organisation|organization)\s*[:\-–]\s*(\S.*)$",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"^(.*?\b(?:borough council|district council|city council|county council|council"
    r"|housing association|housing trust|housing group|homes|group|trust|limited|ltd|plc))\b",
    re.IGNORECASE,
)


def parse_text(text: str, source: str = "") -> ImportedAssessment:
    """Read a form's text (any shape). Raises AssessmentFileError when no provision is found."""
    lines = _lines(text)
    preamble: list[str] = []
    blocks: list[tuple[str, str, list[str]]] = []
    current: list[str] | None = None
    for line in lines:
        start = _start(line)
        if start:
            current = [line]
            blocks.append((start[0], start[1], current))
        elif _is_stop(line):
            current = None
            if not blocks:
                preamble.append(line)
        elif current is not None:
            current.append(line)
        elif not blocks:
            preamble.append(line)
    if not blocks:
        raise AssessmentFileError(
            "no provision numbers (1.2 to 9.8) found: is this a self-assessment form?"
        )

    warnings: list[str] = []
    found: dict[str, ImportedProvision] = {}
    unknown: list[str] = []
    for number, shape, block in blocks:
        if number not in BY_NUMBER:
            unknown.append(number)
            continue
        if number in found:
            warnings.append(f"provision {number} appears more than once; the first is kept")
            continue
        row = _row(number, block) if shape == "row" else _flat(number, block)
        found[number] = row
    for number in dict.fromkeys(unknown):
        warnings.append(f"{number} is not a provision of the Code (1.2 to 9.8); ignored")
    order = [n for n in found]
    if order != sorted(order, key=_ORDER.__getitem__):
        warnings.append("provisions are out of the Code's order; listed in the Code's order")
    provisions = []
    for provision in PROVISIONS:
        row = found.get(provision.number)
        if row is None:
            warnings.append(f"provision {provision.number} is missing; listed with no answer")
            row = ImportedProvision(provision.number, provision.section, found=False)
        provisions.append(row)
    return ImportedAssessment(
        landlord=_landlord(preamble),
        period=_period(preamble),
        provisions=provisions,
        warnings=warnings,
        source=source,
    )


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return [_pipe_row(line) for line in text.split("\n")]


def _pipe_row(line: str) -> str:
    """A Markdown table row ("| 1.2 | ... |") as tab-separated cells."""
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
    return line


def _start(line: str) -> tuple[str, str] | None:
    """(number, shape) when the line opens a provision's row."""
    if "\t" in line:
        first = _LEADING_MARKUP.sub("", clean(line.split("\t", 1)[0])).strip("*_ ")
        match = _NUMBER.fullmatch(first) if first else None
        return (_number(match), "row") if match else None
    if not line[:1].isdigit() and not _LEADING_MARKUP.match(line):
        return None
    stripped = _LEADING_MARKUP.sub("", line).replace("**", "")
    match = _NUMBER.match(stripped)
    if not match:
        return None
    number = _number(match)
    rest = clean(stripped[match.end() :])
    if not rest:
        return number, "flat"
    # "N.N text": a row on one line only if the text opens as the Code's requirement does,
    # so that "2.2 million..." in a commentary does not start a provision.
    catalogue = _CATALOGUE.get(number)
    opening = words(rest)[:3]
    if catalogue and sum(w in catalogue[:12] for w in opening) >= min(2, len(opening)):
        return number, "flat"
    return None


def _number(match: re.Match) -> str:
    return f"{int(match.group(1))}.{int(match.group(2))}"


def _is_stop(line: str) -> bool:
    text = clean(line.replace("\t", " "))
    if "-" in line and _RULE.match(line.replace("\t", "")):
        return True
    if _HEADING.match(line):
        return True
    return bool(text) and len(text.split()) <= 14 and bool(_STOP.match(text))


class _Row:
    """A row being joined back together from its first line and its continuations."""

    def __init__(self, number: str):
        self.catalogue = _CATALOGUE[number]
        self.fields: dict[str, list[str]] = {
            "requirement": [],
            "comply": [],
            "evidence": [],
            "commentary": [],
        }
        self.last: str | None = None

    def add(self, field: str, text: str) -> None:
        if clean(text):
            self.fields[field].append(text)
            if field in _ANSWER_FIELDS:
                self.last = field

    def requirement_open(self) -> bool:
        done = words(" ".join(self.fields["requirement"]))
        return done[-3:] != self.catalogue[-3:]

    def continues_requirement(self, text: str) -> bool:
        """The fragment carries on the Code's sentence where the requirement so far stops."""
        fragment = words(clean(text))[:4]
        if not fragment or not self.requirement_open():
            return False
        done = words(" ".join(self.fields["requirement"]))
        start = _end_in(done[-4:], self.catalogue)
        return _occurs(fragment, self.catalogue, max(0, start - 2))

    def route(self, position: int, text: str) -> None:
        """Put a continuation cell where it belongs: cells drift when rows break across pages."""
        if not any(ch.isalnum() for ch in clean(text)):
            return
        if position <= 1 and self.continues_requirement(text):
            self.add("requirement", text)
        elif position == 2 and not self.fields["comply"] and is_answer(text):
            self.add("comply", text)
        elif position >= 3:
            target = "evidence" if position == 3 else "commentary"
            other = "commentary" if target == "evidence" else "evidence"
            if not self.fields[target] and self.fields[other]:
                target = self.last or other
            self.add(target, text)
        elif self.last:
            self.add(self.last, text)
        elif position <= 1 and not self.fields["comply"]:
            self.add("requirement", text)
        else:
            self.add("evidence", text)

    def result(self, number: str) -> ImportedProvision:
        answer = clean(" ".join(self.fields["comply"]))
        read = read_answer(answer) if answer else None
        return ImportedProvision(
            number=number,
            section=BY_NUMBER[number].section,
            requirement=clean(" ".join(self.fields["requirement"])),
            comply=read[0] if read else None,
            evidence=clean(" ".join(self.fields["evidence"])),
            commentary=clean(" ".join(self.fields["commentary"])),
            answer=answer,
        )


def _row(number: str, block: list[str]) -> ImportedProvision:
    row = _Row(number)
    cells = block[0].split("\t")
    cells += [""] * (5 - len(cells))
    row.add("requirement", cells[1])
    if is_answer(cells[2]) or not clean(cells[2]):
        row.add("comply", cells[2])
        row.add("evidence", cells[3])
        row.add("commentary", " ".join(cells[4:]))
    else:  # no comply column: what stands there is evidence
        row.add("evidence", cells[2])
        row.add("commentary", " ".join(cells[3:]))
    for line in block[1:]:
        for position, cell in enumerate(line.split("\t")):
            if cell.strip():
                row.route(position, cell)
    return row.result(number)


def _flat(number: str, block: list[str]) -> ImportedProvision:
    """One cell per line, or a row on one line: the answer follows the requirement's words."""
    first = _LEADING_MARKUP.sub("", block[0]).replace("**", "")
    body = "\n".join([first[_NUMBER.match(first).end() :], *block[1:]])
    body = _NBSP_AT_END.sub("\n" + _CELL_BREAK, _NBSP_CELL.sub(_CELL_BREAK, body))
    requirement, answer, rest = _split_answer(body, _CATALOGUE[number])
    cells = [cell for cell in rest.split(_CELL_BREAK)]
    row = _Row(number)
    row.add("requirement", requirement.replace(_CELL_BREAK, " "))
    row.add("comply", answer)
    row.add("evidence", cells[0])
    row.add("commentary", " ".join(cells[1:]))
    return row.result(number)


def _split_answer(body: str, catalogue: list[str]) -> tuple[str, str, str]:
    """(requirement, answer, the rest) of a flat row."""
    offset = 0
    for line in body.split("\n"):
        if is_answer(line) and clean(line):
            return body[:offset], line, body[offset + len(line) :]
        offset += len(line) + 1
    end = _requirement_end(body, catalogue)
    if end is not None:
        match = _INLINE_ANSWER.match(body[end:])
        if match:
            return body[:end], match.group(1), body[end + match.end() :]
    match = _STANDALONE_ANSWER.search(body, max(0, (end or 0) - 20))
    if match:
        return body[: match.start()], match.group(1), body[match.end() :]
    return body, "", ""


def _requirement_end(body: str, catalogue: list[str]) -> int | None:
    """Where the Code's words end in the body (a character offset), aligning words."""
    spans = [(m.group(), m.end()) for m in re.finditer(r"[a-z0-9]+", body.lower())]
    spans = spans[: len(catalogue) + 40]
    tokens = [token for token, _ in spans]
    matcher = SequenceMatcher(None, tokens, catalogue, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks or sum(b.size for b in blocks) < 0.6 * len(catalogue):
        return None
    last = max(blocks, key=lambda b: b.b + b.size)
    if last.b + last.size < len(catalogue) - 3:
        return None
    end = spans[last.a + last.size - 1][1]
    return end + len(re.match(r"[.;:!?)'’\"”]*", body[end:]).group())


def _end_in(tail: list[str], catalogue: list[str]) -> int:
    """The index in the catalogue just after the first place the tail's words occur."""
    for size in range(len(tail), 0, -1):
        part = tail[-size:]
        for i in range(len(catalogue) - size + 1):
            if catalogue[i : i + size] == part:
                return i + size
    return 0


def _occurs(fragment: list[str], catalogue: list[str], start: int) -> bool:
    size = len(fragment)
    return any(catalogue[i : i + size] == fragment for i in range(start, len(catalogue) - size + 1))


def _period(lines: list[str]) -> str | None:
    for line in lines:
        match = _PERIOD.search(clean(line))
        if match:
            first = int(match.group(1) or match.group(3))
            second = match.group(2) or match.group(4)
            if int(second[-2:]) == (first + 1) % 100:
                return f"{first}/{(first + 1) % 100:02d}"
    return None


def _landlord(lines: list[str]) -> str | None:
    for line in lines:
        text = clean(line.replace("\t", " ")).strip("#*_ ")
        labelled = _LABELLED.match(text)
        if labelled:
            return labelled.group(1).strip()
        letters = [ch for ch in text if ch.isalpha()]
        if not letters or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
            continue
        match = _ORGANISATION.match(text)
        if match and "OMBUDSMAN" not in match.group(1).upper():
            return _title(match.group(1))
    return None


def _title(name: str) -> str:
    """ASHFORD BOROUGH COUNCIL as Ashford Borough Council; short acronyms stay as they are."""
    small = {"AND": "and", "OF": "of", "THE": "the", "LTD": "Ltd", "PLC": "plc"}
    parts = [small.get(w, w.capitalize() if len(w) > 3 else w) for w in name.split()]
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    return " ".join(parts)
