"""How the resident prefers to hear from us (5.9), in words for the handler's reminder.

The record holds no separate preference field: the channel the resident complained
through is taken as their preferred one when we can reach them by it (an email
complaint with an email address on file, a phone complaint with a number), else
whatever contact details are on file, else a letter. A representative (3.6), when
the complaint has one, is the person to update.
"""

from __future__ import annotations

BY_CHANNEL = {"email": ("email", "by email"), "phone": ("phone", "by phone")}


def preferred_channel(complaint) -> str:
    """E.g. "by email", "by phone, through their representative", "by letter"."""
    person = complaint.representative or complaint.resident
    email = getattr(person, "email", "")
    phone = getattr(person, "phone", "")
    field, words = BY_CHANNEL.get(complaint.channel, ("", ""))
    if not (field and getattr(person, field, "")):
        words = "by email" if email else "by phone" if phone else "by letter"
    if complaint.representative_id:
        words += ", through their representative"
    return words
