"""Reads: the letters issued on a complaint, newest first, without their PDF bytes."""

from __future__ import annotations

from .forms import KIND_LABELS
from .models import Letter


def issued_letters(complaint) -> list[dict]:
    letters = (
        Letter.objects.filter(complaint=complaint)
        .select_related("issued_by")
        .defer("pdf", "html", "text", "facts")
        .order_by("-issued_at", "-id")
    )
    return [
        {
            "letter": letter,
            "label": KIND_LABELS.get(letter.kind, letter.kind),
            "by": letter.issued_by.get_full_name() or letter.issued_by.get_username(),
        }
        for letter in letters
    ]


def letters_for_resident(complaint) -> list[Letter]:
    """Every letter issued on the complaint, oldest first, as its resident sees the list."""
    return list(
        Letter.objects.filter(complaint=complaint)
        .only("id", "subject", "kind", "issued_at", "delivery")
        .order_by("issued_at", "id")
    )
