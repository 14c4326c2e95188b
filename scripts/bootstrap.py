"""Prepare a development machine: `.env`, a running PostgreSQL, the database, PostGIS.

Run by `make` with the project's virtualenv. It is idempotent: a second run finds
everything in place and changes nothing.

Which database:
1. DATABASE_URL from the environment (or from .env) when set: it must answer.
2. Otherwise the PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) when it answers.
3. Otherwise it starts one: as root the Debian cluster (`pg_ctlcluster`, creating it with
   `pg_createcluster` when there is none); as another user a cluster of the project's
   own in `.pgdata/` on port 54329, recorded in .env.
"""

import glob
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = ROOT / ".env"
PGDATA = ROOT / ".pgdata"
LOCAL_PORT = 54329
DB_NAME = "atelier"
DEFAULT_URL = f"postgis://postgres@127.0.0.1:5432/{DB_NAME}"


def say(message):
    print(f"==> {message}", flush=True)


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def read_env_file():
    values = {}
    if ENV_FILE.exists():
        for line in ENV_FILE.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
    return values


def set_env_values(new):
    """Add the keys of `new` that .env does not have yet; never overwrite."""
    current = read_env_file()
    missing = {k: v for k, v in new.items() if k not in current}
    if missing:
        with ENV_FILE.open("a") as f:
            for key, value in missing.items():
                f.write(f"{key}={value}\n")
        say(f"Wrote {', '.join(missing)} to .env")


def ensure_env_file():
    if not ENV_FILE.exists():
        ENV_FILE.write_text(
            "# Written by `make run` for development; see .env.example for every "
            "variable.\n"
        )
    set_env_values(
        {
            # The portal as its users meet it (Dutch error pages, not Django's
            # debug pages), relaxed for http://127.0.0.1: set DJANGO_DEBUG=true
            # here for Django's debug pages while developing.
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_CONN_MAX_AGE": "0",  # runserver: a connection per thread
            "EMAIL_URL": "consolemail://",  # mails shown in the terminal
        }
    )


def libpq_url(url, dbname=None):
    """A URL psycopg understands (postgis:// is Django's scheme)."""
    parts = urlsplit(url)
    path = f"/{dbname}" if dbname is not None else parts.path
    return urlunsplit(("postgresql", parts.netloc, path, parts.query, ""))


def answers(url):
    try:
        with psycopg.connect(libpq_url(url, "postgres"), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def wait_until_answers(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers(url):
            return True
        time.sleep(0.5)
    return False


def pg_bindir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        fail(
            "no PostgreSQL server binaries found. Install them with\n"
            "    sudo apt-get install postgresql postgresql-15-postgis-3\n"
            "or set DATABASE_URL to a PostgreSQL server with PostGIS."
        )
    return Path(found[-1]).parent


def start_debian_cluster():
    """As root: start (or create) the Debian cluster on port 5432."""
    clusters = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    ).stdout.split()
    if not clusters:
        version = pg_bindir().parent.name
        say(f"Creating PostgreSQL {version} cluster 'main'")
        subprocess.run(
            [
                "pg_createcluster",
                version,
                "main",
                "--port=5432",
                "--",
                "--auth-local=trust",
                "--auth-host=trust",
            ],
            check=True,
        )
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=True,
        )
        return
    lines = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for line in lines:
        version, name, port, status = line.split()[:4]
        if port == "5432" and status != "online":
            say(f"Starting PostgreSQL cluster {version}/{name}")
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"],
                check=True,
            )


def start_local_cluster():
    """As an ordinary user: a cluster of the project's own in .pgdata/."""
    bindir = pg_bindir()
    if not (PGDATA / "PG_VERSION").exists():
        say(f"Creating a PostgreSQL cluster in {PGDATA}")
        subprocess.run(
            [
                bindir / "initdb",
                "-D",
                PGDATA,
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    say(f"Starting the project's PostgreSQL on 127.0.0.1:{LOCAL_PORT}")
    subprocess.run(
        [
            bindir / "pg_ctl",
            "-D",
            PGDATA,
            "-l",
            PGDATA / "server.log",
            "-w",
            "start",
            "-o",
            f"-p {LOCAL_PORT} -c listen_addresses=127.0.0.1 -k {PGDATA}",
        ],
        check=True,
    )


def find_or_start_server():
    """Return the database URL to use, starting a server when none answers."""
    configured = os.environ.get("DATABASE_URL") or read_env_file().get("DATABASE_URL")
    if configured:
        if answers(configured):
            return configured
        if urlsplit(configured).port == LOCAL_PORT and (PGDATA / "PG_VERSION").exists():
            start_local_cluster()
            if wait_until_answers(configured):
                return configured
        fail(f"the database server in DATABASE_URL does not answer: {configured}")

    if answers(DEFAULT_URL):
        return DEFAULT_URL
    if os.geteuid() == 0 and shutil.which("pg_lsclusters"):
        start_debian_cluster()
        if wait_until_answers(DEFAULT_URL):
            return DEFAULT_URL
        fail(
            "started PostgreSQL on port 5432 but it does not answer; see "
            "/var/log/postgresql/"
        )
    start_local_cluster()
    url = f"postgis://postgres@127.0.0.1:{LOCAL_PORT}/{DB_NAME}"
    if not wait_until_answers(url):
        fail(f"the project's PostgreSQL did not start; see {PGDATA / 'server.log'}")
    set_env_values({"DATABASE_URL": url})
    return url


def ensure_database(url):
    name = urlsplit(url).path.lstrip("/") or DB_NAME
    with psycopg.connect(libpq_url(url, "postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            say(f"Creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        available = conn.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
        ).fetchone()
        if not available:
            fail(
                "PostGIS is not installed on the database server. On Debian/Ubuntu:\n"
                "    sudo apt-get install postgresql-15-postgis-3"
            )
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")


def main():
    ensure_env_file()
    url = find_or_start_server()
    ensure_database(url)
    parts = urlsplit(url)
    say(f"Database ready: {parts.hostname}:{parts.port or 5432}{parts.path} (PostGIS)")


if __name__ == "__main__":
    main()
