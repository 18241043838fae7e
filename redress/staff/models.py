"""API tokens for staff, and teams. Only a token's hash is stored; the token is shown once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

# What a token may do on /api/v1: reading needs cases:read, anything that changes the
# record needs cases:write (redress.staff.auth maps every route by its method).
READ = "cases:read"
WRITE = "cases:write"
SCOPES = {
    READ: "Read complaints, residents, events, letters and the work queue",
    WRITE: "Record, change and send: every command the API offers",
}
# A token lives 90 days unless its owner asks for fewer: a leaked one stops working.
DEFAULT_LIFETIME = dt.timedelta(days=90)
MAX_LIFETIME = dt.timedelta(days=365)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_scopes() -> list[str]:
    return [READ, WRITE]


def default_expiry() -> dt.datetime:
    return timezone.now() + DEFAULT_LIFETIME


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100, default="api")
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=default_scopes)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} token for {self.user}"

    @classmethod
    def issue(
        cls, user, name: str = "api", scopes=None, expires_at: dt.datetime | None = None
    ) -> str:
        """Create a token for `user` and return it in clear, the only time it is seen.
        Writes no event: redress.staff.services.issue_token is the command that does."""
        return cls.create(user, name, scopes, expires_at)[1]

    @classmethod
    def create(
        cls, user, name: str, scopes=None, expires_at: dt.datetime | None = None
    ) -> tuple[ApiToken, str]:
        """The stored token and the token in clear."""
        clear = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            digest=hash_token(clear),
            scopes=list(scopes) if scopes is not None else default_scopes(),
            expires_at=expires_at or default_expiry(),
        )
        return token, clear

    def state(self, now: dt.datetime | None = None) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= (now or timezone.now()):
            return "expired"
        return "active"


class Team(models.Model):
    """A group of handlers who share a queue ("my team's") and each other's cases."""

    name = models.CharField(max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="redress_teams", blank=True
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def teammate_ids(user) -> set[int]:
    """The user and everyone who shares a team with them."""
    mates = Team.members.through.objects.filter(team__members=user).values_list(
        "user_id", flat=True
    )
    return {user.pk, *mates}
