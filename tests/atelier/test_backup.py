"""Backups (issue 13, item 4): the demo goes into one archive (database and uploaded
files) and comes back whole in a fresh database: every row and every file."""

import hashlib
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from atelier import backup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
ROOT = Path(__file__).resolve().parent.parent.parent


def checksums(folder):
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(folder).rglob("*")
        if path.is_file()
    }


def database_state(cursor):
    """{table: (rows, md5 of all its rows)} for every table of the public schema."""
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    )
    state = {}
    for (table,) in cursor.fetchall():
        cursor.execute(
            sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                "ORDER BY t::text), '')) FROM {} t"
            ).format(sql.Identifier(table))
        )
        state[table] = tuple(cursor.fetchone())
    return state


def connect(name):
    params = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        autocommit=True,
    )


def url_of(settings_dict, name):
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD")
    credentials = f"{user}:{quote(password)}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgis://{credentials}@{host}:{port}/{name}"


@pytest.fixture
def fresh_database():
    """An empty database beside the test databases, dropped afterwards."""
    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    admin = connect("postgres")
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(name)
    )
    admin.execute(drop)
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        admin.execute(drop)
        admin.close()


def restore_in_a_new_process(archive, database, media_root, *extra):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "atelier.settings.base",
        "DJANGO_ENV_FILE": "/dev/null",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": url_of(connection.settings_dict, database),
        "DJANGO_MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), *extra],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_demo_round_trips_every_row_and_every_file(tmp_path, fresh_database):
    archive = tmp_path / "atelier.tar"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))
    with connect(connection.settings_dict["NAME"]) as demo_database:
        before = database_state(demo_database.cursor())
    files_before = checksums(settings.MEDIA_ROOT)
    assert sum(rows for rows, _ in before.values()) > 1000
    assert len(files_before) >= 10  # images, renditions, documents of the demo

    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == backup.DUMP and backup.MANIFEST in names
    assert {n[len(backup.FILES) :] for n in names if n.startswith(backup.FILES)} == set(
        files_before
    )

    media_root = tmp_path / "media"
    result = restore_in_a_new_process(archive, fresh_database, media_root)
    assert result.returncode == 0, result.stderr
    assert "Hersteld en gecontroleerd" in result.stdout

    assert checksums(media_root) == files_before
    with connect(fresh_database) as restored:
        after = database_state(restored.cursor())
    assert after == before  # every table, its row count and the md5 of its rows

    again = restore_in_a_new_process(archive, fresh_database, media_root)
    assert again.returncode != 0  # not over a database that is not empty
    assert "De database is niet leeg" in again.stderr


def test_an_archive_cannot_write_outside_the_storage(tmp_path):
    for name in ("files/../etc/passwd", "files//etc/passwd", "files/"):
        with pytest.raises(backup.BackupError):
            backup.safe_member_name(name)
    assert backup.safe_member_name("files/images/a.jpg") == "images/a.jpg"


def test_a_missing_archive_is_a_clear_error():
    with pytest.raises(CommandError):
        call_command("restore", "/bestaat/niet.tar")
