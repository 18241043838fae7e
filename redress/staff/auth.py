"""Bearer-token authentication for the staff API."""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken, hash_token


class StaffToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=hash_token(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active or not found.user.is_staff:
            return None
        request.user = found.user
        return found.user


def revoke(token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
