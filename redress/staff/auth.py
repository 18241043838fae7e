"""Bearer-token authentication for the case-work API: a token of a user with a case-work role."""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken, hash_token
from .roles import does_casework


class StaffToken(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=hash_token(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not does_casework(found.user):
            return None
        request.user = found.user
        return found.user


def revoke(token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
