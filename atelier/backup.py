"""Backups: the database (pg_dump, custom format) and every uploaded file together in
one archive, and the way back into a fresh database (`manage.py backup`, `manage.py
restore`; `make backup`, `make restore ARCHIVE=…`).

The archive is a tar file:

- `database.dump` – `pg_dump --format=custom` of the portal's database;
- `files/<name>` – each file of the default storage (local disk or object storage);
- `manifest.json` – when and what: each table's row count and each file's SHA-256,
  which `restore` checks after restoring (a backup that does not restore whole fails
  loudly, not silently).
"""

import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

DUMP = "database.dump"
MANIFEST = "manifest.json"
FILES = "files/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def pg_arguments(settings_dict):
    """The connection arguments and environment for pg_dump and pg_restore."""
    arguments = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        arguments += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", settings_dict["USER"]]
    environment = {**os.environ}
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return arguments, environment


def run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result


def table_counts():
    """{table: rows} for every table of the public schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # names from the catalog
            counts[table] = cursor.fetchone()[0]
    return counts


def stored_files(storage=default_storage, folder=""):
    """The names of every file in `storage`, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # an empty local MEDIA_ROOT that was never made
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += stored_files(storage, f"{folder}{sub}/")
    return sorted(names)


def sha256_of(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for chunk in iter(lambda: stored.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(archive, *, storage=default_storage):
    """Write the database and the uploaded files to the tar file `archive`; the
    manifest (a dict) is returned."""
    arguments, environment = pg_arguments(connection.settings_dict)
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DUMP
        run(
            ["pg_dump", "--format=custom", "--file", str(dump), *arguments], environment
        )
        manifest = {
            "created": timezone.now().isoformat(),
            "database": connection.settings_dict["NAME"],
            "tables": table_counts(),
            "files": {},
        }
        with tarfile.open(archive, "w") as tar:
            tar.add(dump, arcname=DUMP)
            for name in stored_files(storage):
                digest = hashlib.sha256()
                with storage.open(name, "rb") as stored:
                    content = stored.read()
                digest.update(content)
                manifest["files"][name] = digest.hexdigest()
                info = tarfile.TarInfo(FILES + name)
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return manifest


def safe_member_name(name):
    """A file name from the archive as a storage name, refusing anything that would
    leave the storage (absolute paths, `..`)."""
    relative = name[len(FILES) :]
    parts = relative.split("/")
    if not relative or relative.startswith("/") or ".." in parts or "" in parts:
        raise BackupError(f"Ongeldige bestandsnaam in het archief: {name!r}")
    return relative


def database_is_empty():
    return "django_migrations" not in connection.introspection.table_names()


def restore(archive, *, replace=False, storage=default_storage):
    """Restore the database and the files of `archive` into the configured database
    (empty, unless `replace`) and storage; check rows and files against the manifest.
    The manifest is returned."""
    if not replace and not database_is_empty():
        raise BackupError(
            "De database is niet leeg: herstel in een nieuwe database, of geef "
            "--replace om de huidige te vervangen."
        )
    arguments, environment = pg_arguments(connection.settings_dict)
    with tarfile.open(archive, "r") as tar, tempfile.TemporaryDirectory() as scratch:
        manifest = json.load(tar.extractfile(MANIFEST))
        dump = Path(scratch) / DUMP
        with tar.extractfile(DUMP) as source, open(dump, "wb") as target:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                target.write(chunk)
        connection.close()  # pg_restore works on its own connection
        clean = ["--clean", "--if-exists"] if replace else []
        run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *clean,
                *arguments,
                str(dump),
            ],
            environment,
        )
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith(FILES):
                continue
            name = safe_member_name(member.name)
            content = tar.extractfile(member).read()
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(content))
            if saved != name:
                raise BackupError(f"{name} werd als {saved} bewaard.")
    check(manifest, storage=storage)
    return manifest


def check(manifest, *, storage=default_storage):
    """Raise BackupError when a table's rows or a file differ from the manifest."""
    counts = table_counts()
    wrong = {
        table: (rows, counts.get(table))
        for table, rows in manifest["tables"].items()
        if counts.get(table) != rows
    }
    if wrong:
        raise BackupError(f"Rijen verschillen na het herstel: {wrong}")
    for name, digest in manifest["files"].items():
        if not storage.exists(name) or sha256_of(storage, name) != digest:
            raise BackupError(f"Bestand verschilt na het herstel: {name}")
