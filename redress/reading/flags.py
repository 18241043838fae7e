"""The review's flags: plain rules (phrase lists and regular expressions), no model.

Each flag carries the words that raised it, so a reader can judge it in place. The text
judged is the landlord's own (evidence and commentary); passages in quotation marks are
left out first, since they quote policy ("we will ...", "residents will be able to ...")
rather than describe what the landlord does. Keep this list and README.md together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ImportedProvision
from .text import words


@dataclass(frozen=True)
class Flag:
    code: str
    explanation: str
    phrase: str = ""

    def as_dict(self) -> dict:
        return {"code": self.code, "explanation": self.explanation, "phrase": self.phrase}


CODES = (
    "not-compliant",
    "no-answer",
    "no-evidence",
    "awareness-only",
    "future-tense",
    "contradiction",
    "unverifiable",
)

TITLES = {
    "not-compliant": "Not compliant",
    "no-answer": "No answer",
    "no-evidence": "No evidence",
    "awareness-only": "Awareness only",
    "future-tense": "Future tense",
    "contradiction": "Contradiction",
    "unverifiable": "Unverifiable",
}


def _phrases(*patterns: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


# "We are aware of this requirement", "we have referred to this requirement in our policy".
AWARENESS = _phrases(
    r"(?:we\s+are|are\s+fully|we\s+remain)\s+aware\s+of\s+(?:this|the|these)\s+requirements?",
    r"we\s+(?:have\s+)?(?:referred|refer)\s+to\s+(?:this|the|these)\s+requirements?",
    r"(?:this|the)\s+requirement\s+is\s+(?:referred\s+to|referenced|mentioned|included)",
    r"we\s+(?:are|have\s+been)\s+made\s+aware\s+of\s+(?:this|the)\s+requirements?",
    r"we\s+note\s+(?:this|the)\s+requirements?",
    r"we\s+are\s+aware\s+that",
)
# Intentions rather than practice.
FUTURE = _phrases(
    r"we\s+will\s+be",
    r"looking\s+to",
    r"in\s+the\s+process\s+of\s+\w+ing",
    r"will\s+be\s+(?:formali[sz]ed|reflected|introduced|implemented|developed|updated|reviewed"
    r"|included|added|rolled\s+out|put\s+in\s+place|published|drafted|created|amended"
    r"|strengthened|embedded|reinforced)",
    r"we\s+(?:intend|plan|are\s+planning|hope|propose|aim)\s+to\s+(?:introduce|develop|review"
    r"|improve|enhance|implement|update|formali[sz]e|create|strengthen|publish|produce)",
    r"(?:are|is)\s+currently\s+(?:writing|drafting|developing|reviewing|exploring|working\s+on)",
    r"going\s+forward",
    r"due\s+to\s+be\s+\w+ed",
    r"(?:^|[.;]\s*)will\s+ensure",
    r"(?:should|will)\s+be\s+available\s+(?:in|by|from)",
)
# A "yes" whose own text admits a gap.
GAP = _phrases(
    r"not\s+yet",
    r"yet\s+to\s+be",
    r"currently\s+working",
    r"in\s+the\s+process\s+of",
    r"partially",
    r"partly",
    r"not\s+fully",
    r"not\s+always",
    r"not\s+currently",
    r"we\s+do\s+not\s+(?:currently|yet|always|have\s+a\s+(?:policy|procedure|process))",
    r"we\s+(?:are|have)\s+not\s+yet",
    r"we\s+are\s+not\s+(?:compliant|able\s+to\s+(?:meet|comply))",
    r"(?:further|more)\s+work\s+(?:is\s+)?(?:needed|required)",
    r"working\s+towards",
    r"although\b[^.;]*?\bnot\b",
)
# What makes evidence checkable: a document, a link, a figure or a date.
DOCUMENT = _phrases(
    r"polic(?:y|ies)",
    r"procedures?",
    r"reports?",
    r"letters?",
    r"templates?",
    r"leaflets?",
    r"trackers?",
    r"minutes",
    r"strateg(?:y|ies)",
    r"action\s+plan",
    r"guidance",
    r"handbook",
    r"framework",
    r"terms\s+of\s+reference",
    r"newsletters?",
    r"web\s?pages?",
    r"websites?",
    r"posters?",
    r"forms?",
    r"schemes?",
    r"e-?learning",
    r"[\w%-]+\.(?:docx?|pdf|xlsx?|pptx?|odt|csv)",
)
LINK = re.compile(
    r"https?://\S+|\bwww\.\S+|\w%20\w|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|org|co|ac|nhs)\.uk\b"
)
FIGURE = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:%|per\s?cent|working\s+days?|days?|weeks?|months?|hours?"
    r"|complaints|cases|staff|residents|tenants)|£\s?\d",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bQ[1-4]\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# 'quoted policy text' (not apostrophes: a quote opens after a non-letter).
QUOTED = re.compile(r"(?<!\w)['‘\"“](?:[^'’\"”]|(?<=\w)['’](?=\w)){12,}?['’\"”](?!\w)")
SENTENCE = re.compile(r"(?<=[.!?;])\s+")
AWARENESS_ONLY_WORDS = 8  # other words beside the awareness sentence(s) that show practice


def review_provision(provision: ImportedProvision) -> list[Flag]:
    """Every flag the answer raises, in CODES order."""
    flags: list[Flag] = []
    own = own_words(provision)
    if provision.comply in ("no", "partial"):
        flags.append(
            Flag(
                "not-compliant", f"Answered {provision.answer!r}: not fully met.", provision.answer
            )
        )
    if provision.comply is None:
        if not provision.found:
            why = "The provision is missing from the document."
        elif provision.answer:
            why = f"Answered {provision.answer!r}, not yes, no or partial."
        else:
            why = "The comply column is blank."
        flags.append(Flag("no-answer", why, provision.answer))
    if not provision.evidence and not provision.commentary:
        flags.append(Flag("no-evidence", "Evidence and commentary are both empty."))
        return flags
    awareness = awareness_only(own)
    if awareness:
        flags.append(
            Flag(
                "awareness-only",
                "States awareness of the requirement, or that a policy refers to it, "
                "without saying what is done.",
                awareness,
            )
        )
    future = FUTURE.search(own)
    if future:
        flags.append(
            Flag(
                "future-tense",
                "Describes an intention rather than current practice.",
                _phrase(own, future),
            )
        )
    gap = GAP.search(own) if provision.comply == "yes" else None
    if gap:
        flags.append(
            Flag("contradiction", "Answered yes, but the text admits a gap.", _phrase(own, gap))
        )
    text = f"{provision.evidence} {provision.commentary}"
    if not any(rule.search(text) for rule in (DOCUMENT, LINK, FIGURE, DATE)):
        flags.append(
            Flag(
                "unverifiable",
                "Names no document, link, figure or date that could be checked.",
                _excerpt(text),
            )
        )
    return flags


def own_words(provision: ImportedProvision) -> str:
    """Evidence and commentary without the passages they quote."""
    return QUOTED.sub(" … ", f"{provision.evidence} {provision.commentary}")


def awareness_only(text: str) -> str:
    """The awareness phrase, when little else beside it says what is done."""
    match = AWARENESS.search(text)
    if not match:
        return ""
    others = [s for s in SENTENCE.split(text) if s.strip() and not AWARENESS.search(s)]
    if len(words(" ".join(others))) >= AWARENESS_ONLY_WORDS:
        return ""
    return _phrase(text, match)


def _phrase(text: str, match: re.Match) -> str:
    """The matched words, with a little context either side (whole words)."""
    start = text.rfind(" ", 0, max(0, match.start() - 30)) + 1
    end = text.find(" ", min(len(text), match.end() + 30))
    end = len(text) if end == -1 else end
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    return before + text[start:end].strip() + after


def _excerpt(text: str, limit: int = 80) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + "…"
