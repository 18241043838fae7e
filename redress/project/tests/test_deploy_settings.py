"""The deployment settings: a replica alias from REPLICA_DATABASE_URL, WhiteNoise in production."""

from __future__ import annotations

import importlib
import sys

import pytest

from redress.project.settings import base


@pytest.fixture
def reload_settings(monkeypatch):
    """Import settings modules afresh under the test's environment, and put them back."""

    def load(name: str):
        return importlib.reload(importlib.import_module(f"redress.project.settings.{name}"))

    yield load
    monkeypatch.undo()
    importlib.reload(base)
    sys.modules.pop("redress.project.settings.production", None)


def test_a_replica_url_adds_the_replica_alias_for_reports(reload_settings, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://redress@db.example/redress")
    monkeypatch.setenv("REPLICA_DATABASE_URL", "postgresql://redress@replica.example/redress")
    settings = reload_settings("base")
    assert settings.DATABASES["replica"]["HOST"] == "replica.example"
    assert settings.DATABASES["default"]["HOST"] == "db.example"
    assert settings.REDRESS_REPORTS_DATABASE == "replica"
    assert settings.DATABASE_ROUTERS == ["redress.infra.routers.ReplicaRouter"]


def test_without_a_replica_url_reports_read_the_one_database(reload_settings, monkeypatch):
    monkeypatch.delenv("REPLICA_DATABASE_URL", raising=False)
    settings = reload_settings("base")
    assert "replica" not in settings.DATABASES
    assert settings.REDRESS_REPORTS_DATABASE == "default"


def test_production_serves_static_files_through_whitenoise(reload_settings, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-test-secret")
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.org")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "complaints@example.org")
    settings = reload_settings("production")
    assert settings.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert settings.MIDDLEWARE[2:] == base.MIDDLEWARE[1:]
    assert settings.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise.storage.")
