"""The header's unread count, counted only on pages that show it, and only for staff."""

from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
