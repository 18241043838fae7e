"""API tokens for staff. Only a hash is stored; the token is shown once."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100, default="api")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} token for {self.user}"

    @classmethod
    def issue(cls, user, name: str = "api") -> str:
        """Create a token for `user` and return it in clear, the only time it is seen."""
        token = secrets.token_urlsafe(32)
        cls.objects.create(user=user, name=name, digest=hash_token(token))
        return token


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
