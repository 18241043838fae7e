"""Who may use the administration pages: administrators only."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from redress.staff.roles import administers


def administrators_only(view):
    """Sign in first; anyone signed in without the administrator role gets 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not administers(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
