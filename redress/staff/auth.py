"""Bearer-token authentication for the case-work API: a live token of a user with a case-work role,
holding the scope the request needs.

Every route is mapped by its method, so a new route cannot be left without a scope: GET
(and HEAD, OPTIONS) read and need cases:read; every other method changes the record and
needs cases:write. A token that is unknown, revoked or past its expiry is a 401; a live
token without the scope is a 403 that names the scope.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja.security import HttpBearer

from redress.record.errors import Forbidden

from .models import READ, WRITE, ApiToken, hash_token
from .roles import does_casework

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
# last_used_at is written at most this often per token, so reads stay (almost) read-only.
USE_RESOLUTION = dt.timedelta(minutes=1)


def scope_for(method: str) -> str:
    return READ if method.upper() in READ_METHODS else WRITE


class StaffToken(HttpBearer):
    def authenticate(self, request, token: str):
        now = timezone.now()
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=hash_token(token), revoked_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if found is None or not found.user.is_active or not does_casework(found.user):
            return None
        needed = scope_for(request.method)
        if needed not in found.scopes:
            raise Forbidden(f"this API token does not hold the {needed} scope", field="scope")
        if found.last_used_at is None or now - found.last_used_at >= USE_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user
