"""The Complaint Handling Code's provisions, 1.2 to 9.8, with their text.

The self-assessment form (8.1 a) asks about each of these, in this order. The text is the
Code's own, as the Ombudsman's form quotes it, held in `provisions.json` beside this module
(taken once from a published self-assessment) so that Redress never needs the seeds to run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Provision:
    number: str
    text: str

    @property
    def section(self) -> int:
        """Taken from the number: published forms' headings are not reliable."""
        return int(self.number.split(".")[0])


_DATA = json.loads((Path(__file__).with_name("provisions.json")).read_text(encoding="utf-8"))
SECTIONS: dict[int, str] = {int(k): v for k, v in _DATA["sections"].items()}
PROVISIONS: tuple[Provision, ...] = tuple(Provision(**row) for row in _DATA["provisions"])
BY_NUMBER: dict[str, Provision] = {p.number: p for p in PROVISIONS}
