"""`redress backup` and `redress restore`: the database and the uploaded files in one archive.

The archive is a gzipped tar holding `manifest.json` (engine, when, Redress's
migrations), the database (`database.sqlite3`, a page copy made with SQLite's online
backup API, safe while the app writes in WAL mode; or `database.pgdump`, `pg_dump -Fc`)
and every uploaded file under `media/` (MEDIA_ROOT's tree). It is written beside its
final name and renamed into place, so a failed backup never leaves a half archive.

A restore refuses a database that already holds data unless forced: a restore
replaces everything, and the usual mistake is pointing it at the live database.
PostgreSQL is restored with `pg_restore --clean --if-exists --single-transaction`,
so a failure leaves the database as it was; SQLite is restored page by page with
the same backup API into the target file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"
FORMAT = 1
# Pages copied per step of the SQLite backup: small steps let the app keep writing.
PAGES_PER_STEP = 256

Progress = Callable[[int, int], None]


class BackupError(Exception):
    """A backup or restore that could not be made; nothing was changed."""


def engine_of(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"cannot back up a database with the engine {engine}")


def _quiet(done: int, total: int) -> None:
    """No progress to show."""


# --- PostgreSQL ------------------------------------------------------------------------


def pg_binary(name: str) -> str:
    """pg_dump / pg_restore: REDRESS_PG_BIN, else the highest Debian server, else PATH."""
    chosen = os.environ.get("REDRESS_PG_BIN")
    if chosen:
        return str(Path(chosen) / name)
    root = Path("/usr/lib/postgresql")
    versions = sorted(
        (p for p in root.glob("*/bin") if (p / name).exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    if versions:
        return str(versions[0] / name)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} not found: install PostgreSQL's client (scripts/install-postgres)"
        )
    return found


def pg_arguments(database: dict) -> tuple[list[str], dict]:
    """Connection arguments and environment from Django's settings (the password in PGPASSWORD,
    never on the command line where `ps` shows it)."""
    arguments = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        arguments += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    environment = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, environment


def _run(command: list[str], environment: dict) -> None:
    done = subprocess.run(command, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        message = done.stderr.strip() or f"exit status {done.returncode}"
        raise BackupError(f"{Path(command[0]).name} failed: {message}")


def _pg_dump(database: dict, target: Path) -> None:
    arguments, environment = pg_arguments(database)
    _run(
        [pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *arguments],
        environment,
    )


def _pg_restore(database: dict, dump: Path) -> None:
    arguments, environment = pg_arguments(database)
    _run(
        [
            pg_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            *arguments,
            str(dump),
        ],
        environment,
    )


# --- SQLite ----------------------------------------------------------------------------


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection, progress) -> None:
    source.backup(
        target,
        pages=PAGES_PER_STEP,
        progress=lambda _status, remaining, total: progress(total - remaining, total),
    )


def _sqlite_connection(database: dict, live=None) -> sqlite3.Connection:
    """The live connection when given (an in-memory test database has no file), else a new one."""
    if live is not None:
        return live
    return _sqlite_open(database["NAME"])


def _sqlite_open(name) -> sqlite3.Connection:
    """A file path, or a `file:` URI (as for a test's shared in-memory database)."""
    return sqlite3.connect(name, uri=str(name).startswith("file:"))


# --- what a database holds -------------------------------------------------------------


def rows_held(database: dict) -> int:
    """Rows in Redress's own tables (0 for a new or empty database)."""
    from django.apps import apps

    tables = {m._meta.db_table for m in apps.get_models() if m.__module__.startswith("redress.")}
    if engine_of(database) == "sqlite":
        name = str(database["NAME"])
        if not name.startswith("file:") and not Path(name).exists():
            return 0
        with closing(_sqlite_open(name)) as connection:
            present = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            return sum(
                connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                for t in sorted(tables & present)
            )
    import psycopg

    with psycopg.connect(**_psycopg_settings(database)) as connection:
        present = {
            r[0]
            for r in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        return sum(
            connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            for t in sorted(tables & present)
        )


def _psycopg_settings(database: dict) -> dict:
    found = {
        "dbname": database["NAME"],
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
    }
    return {k: v for k, v in found.items() if v is not None}


# --- the archive -----------------------------------------------------------------------


def _migrations() -> dict[str, str]:
    """The latest applied migration of each app, so a restore into other code can warn."""
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name"):
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup(
    path: str | os.PathLike,
    *,
    database: dict,
    media_root: str | os.PathLike,
    live_sqlite: sqlite3.Connection | None = None,
    progress: Progress = _quiet,
) -> dict:
    """Write the archive at `path`; return its manifest."""
    path = Path(path)
    engine = engine_of(database)
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory(prefix="redress-backup-") as work:
        work = Path(work)
        if engine == "sqlite":
            member = work / SQLITE_MEMBER
            target = sqlite3.connect(member)
            try:
                _sqlite_copy(_sqlite_connection(database, live_sqlite), target, progress)
            finally:
                target.close()
        else:
            member = work / PG_MEMBER
            _pg_dump(database, member)
        files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        )
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "migrations": _migrations(),
            "media_files": len(files),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = path.with_name(f".{path.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            archive.add(member, member.name)
            for number, file in enumerate(files, 1):
                archive.add(file, MEDIA_PREFIX + file.relative_to(media_root).as_posix())
                progress(number, len(files))
        os.replace(partial, path)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError, AttributeError):
        raise BackupError("not a Redress backup (no readable manifest.json)") from None
    if manifest.get("format") != FORMAT or manifest.get("engine") not in ("sqlite", "postgresql"):
        raise BackupError("not a Redress backup this version can restore")
    return manifest


def restore(
    path: str | os.PathLike,
    *,
    database: dict,
    media_root: str | os.PathLike,
    force: bool = False,
    progress: Progress = _quiet,
) -> dict:
    """Replace the database and MEDIA_ROOT's files with the archive's; return its manifest."""
    engine = engine_of(database)
    media_root = Path(media_root)
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115  closed by the with below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"cannot read {path}: {error}") from None
    with archive, tempfile.TemporaryDirectory(prefix="redress-restore-") as work:
        manifest = read_manifest(archive)
        if manifest["engine"] != engine:
            raise BackupError(
                f"the backup is of a {manifest['engine']} database; this one is {engine}"
            )
        held = rows_held(database)
        if held and not force:
            raise BackupError(
                f"the database already holds data ({held} rows): restore with --force to replace it"
            )
        # Everything is unpacked and checked before anything is replaced. The filter refuses
        # absolute paths, links out of the tree and device files.
        archive.extractall(work, filter="data")
        work = Path(work)
        if engine == "sqlite":
            source = sqlite3.connect(work / SQLITE_MEMBER)
            target = _sqlite_open(database["NAME"])
            try:
                _sqlite_copy(source, target, progress)
            finally:
                source.close()
                target.close()
        else:
            _pg_restore(database, work / PG_MEMBER)
        _replace_media(work / MEDIA_PREFIX, media_root)
    return manifest


def _replace_media(unpacked: Path, media_root: Path) -> None:
    """Swap MEDIA_ROOT for the archive's files; the old tree is kept beside it until the new
    one is in place."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if not unpacked.is_dir():
        unpacked.mkdir()
    staged = media_root.with_name(f".{media_root.name}.restoring")
    shutil.rmtree(staged, ignore_errors=True)
    shutil.copytree(unpacked, staged)
    old = media_root.with_name(f".{media_root.name}.before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if media_root.exists():
        os.replace(media_root, old)
    os.replace(staged, media_root)
    shutil.rmtree(old, ignore_errors=True)
