"""A backup restored into a fresh database holds every row of every model and every file."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from redress.cli import main
from redress.privacy.backup import BackupError, _psycopg_settings, restore

from .builders import build

pytestmark = pytest.mark.django_db(transaction=True)


def _tables() -> list[tuple[str, list[str], str]]:
    return [
        (
            model._meta.db_table,
            [field.column for field in model._meta.concrete_fields],
            model._meta.pk.column,
        )
        for model in apps.get_models(include_auto_created=True)
    ]


def _rows(cursor, table: str, columns: list[str], pk: str, postgres: bool) -> list[tuple]:
    # PostgreSQL gives every value as text (bytea as hex): both sides read the same way.
    chosen = ", ".join(f'"{c}"::text' if postgres else f'"{c}"' for c in columns)
    cursor.execute(f'SELECT {chosen} FROM "{table}" ORDER BY "{pk}"')
    return [tuple(row) for row in cursor.fetchall()]


def _snapshot(open_cursor, postgres: bool) -> dict[str, list[tuple]]:
    cursor = open_cursor()
    try:
        return {
            table: _rows(cursor, table, columns, pk, postgres) for table, columns, pk in _tables()
        }
    finally:
        cursor.close()


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the engine under test, and a cursor on it."""
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings["NAME"] = str(tmp_path / "restored.sqlite3")
        yield settings, lambda: sqlite3.connect(settings["NAME"]).cursor()
        return
    import psycopg

    name = f"restored_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(**_psycopg_settings(connection.settings_dict), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    settings["NAME"] = name
    opened = []

    def cursor():
        # Autocommit: a reader left in a transaction would hold locks a restore waits on.
        opened.append(psycopg.connect(**_psycopg_settings(settings), autocommit=True))
        return opened[-1].cursor()

    try:
        yield settings, cursor
    finally:
        for each in opened:
            each.close()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _live_cursor():
    if connection.vendor == "sqlite":
        # A plain connection (no Django converters), as the restored side is read.
        return sqlite3.connect(connection.settings_dict["NAME"], uri=True).cursor()
    import psycopg

    return psycopg.connect(**_psycopg_settings(connection.settings_dict), autocommit=True).cursor()


def test_round_trip_keeps_every_row_and_every_file(
    officer, second_handler, media, fresh_database, tmp_path, capsys
):
    build(officer, second_handler)
    archive = tmp_path / "redress-backup.tar.gz"
    assert main(["backup", str(archive)]) == 0
    assert "files" in capsys.readouterr().out
    postgres = connection.vendor == "postgresql"
    before = _snapshot(_live_cursor, postgres)
    files_before = _files(media)
    assert len(files_before) == 2
    assert sum(len(rows) for rows in before.values()) > 100
    assert before["letters_letter"] and before["remedies_remedy"] and before["record_event"]

    settings, restored_cursor = fresh_database
    restored_media = tmp_path / "restored-media"
    manifest = restore(archive, database=settings, media_root=restored_media)
    assert manifest["engine"] == connection.vendor
    after = _snapshot(restored_cursor, postgres)
    for table, rows in before.items():
        assert after[table] == rows, table
    assert _files(restored_media) == files_before

    # The restored database now holds data: a second restore needs --force, and then
    # replaces it with the same rows.
    with pytest.raises(BackupError, match="--force"):
        restore(archive, database=settings, media_root=restored_media)
    restore(archive, database=settings, media_root=restored_media, force=True)
    assert _snapshot(restored_cursor, postgres) == before


def test_restore_refuses_a_database_holding_data_unless_forced(
    officer, second_handler, media, tmp_path, capsys
):
    archive = tmp_path / "backup.tar.gz"
    build(officer, second_handler)
    assert main(["backup", str(archive)]) == 0
    capsys.readouterr()
    assert main(["restore", str(archive)]) == 2
    assert "--force" in capsys.readouterr().err


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, media):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar")
    with pytest.raises(BackupError):
        restore(junk, database=connection.settings_dict, media_root=media, force=True)
