"""Commands on API tokens: issue and revoke, each one transaction and one event on the user.

Only case workers hold tokens (the API is case work). A person revokes their own; an
administrator may revoke anyone's, say when someone leaves or a token leaks.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from redress.record.errors import Forbidden, NotFound, Refused
from redress.record.services import record_event

from .models import DEFAULT_LIFETIME, MAX_LIFETIME, SCOPES, ApiToken
from .roles import administers, does_casework


@transaction.atomic
def issue_token(
    *, actor, user=None, name: str, scopes, lifetime: dt.timedelta = DEFAULT_LIFETIME
) -> tuple[ApiToken, str]:
    """A token for `user` (the actor by default; the command line acts as nobody): the
    record, and the token in clear, shown once."""
    owner = user or actor
    if actor is not None and owner.pk != actor.pk:
        raise Forbidden("only the person themselves may issue their API token", field="user")
    if not does_casework(owner):
        raise Forbidden("API tokens are for case workers", field="user")
    name = name.strip()
    if not name:
        raise Refused("enter a name for the token", field="name")
    scopes = sorted(set(scopes))
    if not scopes or any(scope not in SCOPES for scope in scopes):
        raise Refused(f"choose one or more of {', '.join(SCOPES)}", field="scopes")
    if not dt.timedelta(days=1) <= lifetime <= MAX_LIFETIME:
        raise Refused(f"a token lasts 1 to {MAX_LIFETIME.days} days", field="days")
    token, clear = ApiToken.create(owner, name, scopes, timezone.now() + lifetime)
    record_event(
        "user",
        owner.pk,
        "api-token-issued",
        actor=actor,
        actor_label="" if actor else "command line",
        payload=_payload(token),
    )
    return token, clear


@transaction.atomic
def revoke_token(token_id: int, *, actor) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None or (token.user_id != actor.pk and not administers(actor)):
        raise NotFound(f"no API token {token_id}", field="token")
    if token.revoked_at is not None:
        raise Refused("this token is already revoked", field="token")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event("user", token.user_id, "api-token-revoked", actor=actor, payload=_payload(token))
    return token


def _payload(token: ApiToken) -> dict:
    return {
        "token_id": token.pk,
        "name": token.name,
        "scopes": token.scopes,
        "expires_at": token.expires_at.isoformat(),
    }
