"""Who may use the administration pages: administrators only."""

from __future__ import annotations

from redress.staff.access import role_required
from redress.staff.roles import administers

# Sign in first; anyone signed in without the administrator role gets 403.
administrators_only = role_required(administers)
