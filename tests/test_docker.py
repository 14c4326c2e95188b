"""No Docker engine runs here: check what can be checked of the production path."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_names_the_services_and_volumes_the_readme_describes():
    config = compose()
    readme = (ROOT / "README.md").read_text()
    assert set(config["services"]) == {"db", "web"}
    assert set(config["volumes"]) == {"pgdata", "media"}
    for name in ("db", "web", "pgdata", "media", "docker compose up"):
        assert name in readme, name


def test_database_service_is_postgis_with_a_persistent_volume():
    db = compose()["services"]["db"]
    assert db["image"].startswith("postgis/postgis:15-")
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "healthcheck" in db


def test_web_service_waits_for_the_database_and_gets_its_settings():
    web = compose()["services"]["web"]
    assert web["build"] == "."
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    env = web["environment"]
    assert env["DATABASE_URL"].startswith("postgis://")
    assert "@db:5432/" in env["DATABASE_URL"]
    for required in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
        assert ":?" in env[required], f"{required} must be required, not defaulted"
    assert "media:/app/media" in web["volumes"]


def test_dockerfile_runs_gunicorn_after_migrations_and_copies_what_exists():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "gunicorn" in dockerfile
    assert "collectstatic" in dockerfile
    assert "--require-hashes -r requirements.lock" in dockerfile
    for source in re.findall(r"^COPY (\S+) ", dockerfile, flags=re.M):
        assert (ROOT / source).exists(), source
    entrypoint = ROOT / "docker" / "entrypoint.sh"
    assert entrypoint.stat().st_mode & 0o111, "entrypoint must be executable"
    assert "migrate --noinput" in entrypoint.read_text()
    assert 'exec "$@"' in entrypoint.read_text()
