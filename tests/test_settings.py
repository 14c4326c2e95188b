"""Production settings come from the environment and pass `check --deploy`."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "atelier.settings.base",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "x9Q2" * 12,
    "DJANGO_ALLOWED_HOSTS": "atelierruimtekempen.be",
    "DJANGO_ENV_FILE": "/dev/null",  # not the development .env
}


def manage(*args, env):
    # Not the test run's own settings (test.py empties MAP_TILE_URL for this process)
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "MAP_TILE_URL"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_only_what_the_readme_explains():
    result = manage("check", "--deploy", env=PRODUCTION_ENV)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "ERRORS" not in output, output
    reported = set(re.findall(r"\((\w+\.[EW]\d+)\)", output))
    checks = (ROOT / "README.md").read_text().split("### Checks", 1)[1]
    explained = set(re.findall(r"`(\w+\.[EW]\d+)`", checks))
    assert reported <= explained, f"not explained in the README: {reported - explained}"
    assert "gis.W001" in explained  # the silenced check is explained too


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def test_development_runs_without_a_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_DEBUG": "true"}
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode == 0, result.stderr


def settings_in(env, *names):
    """The values of settings `names` with `env` (a fresh process: settings are read
    once, at start-up)."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}, "
        "default=str))"
    )
    result = manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def database_settings(env):
    db = settings_in(env, "DATABASES")["DATABASES"]["default"]
    return db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]


def test_development_opens_a_connection_per_request_production_keeps_them():
    """runserver runs a thread (a connection) per request: kept connections ran
    PostgreSQL out of connections with 8 clients. gunicorn keeps a few, checked."""
    assert database_settings({**PRODUCTION_ENV, "DJANGO_DEBUG": "true"}) == (0, False)
    assert database_settings(PRODUCTION_ENV) == (60, True)
    assert database_settings({**PRODUCTION_ENV, "DJANGO_CONN_MAX_AGE": "0"}) == (
        0,
        False,
    )


def test_forwarded_headers_are_believed_only_behind_a_declared_proxy():
    names = ("SECURE_PROXY_SSL_HEADER", "BEHIND_PROXY", "AXES_CLIENT_IP_CALLABLE")
    direct = settings_in(PRODUCTION_ENV, *names)
    assert direct["SECURE_PROXY_SSL_HEADER"] is None
    assert direct["BEHIND_PROXY"] is False
    proxied = settings_in({**PRODUCTION_ENV, "DJANGO_BEHIND_PROXY": "true"}, *names)
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # the one place that reads X-Forwarded-For, for axes and the API throttles alike
    assert proxied["AXES_CLIENT_IP_CALLABLE"] == "atelier.security.client_ip"


def test_docker_compose_declares_its_proxy():
    import yaml

    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    web = services["web"]
    assert web["environment"]["DJANGO_BEHIND_PROXY"].endswith("true}")
    # reachable only through nginx, which the TLS proxy on the host reaches, never
    # straight from outside
    assert "ports" not in web
    assert all(port.startswith("127.0.0.1:") for port in services["proxy"]["ports"])


def test_shared_state_follows_the_environment():
    alone = settings_in(PRODUCTION_ENV, "CACHES", "SESSION_ENGINE", "STORAGES", "TASKS")
    assert alone["CACHES"]["default"]["BACKEND"].endswith("DatabaseCache")
    assert alone["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert alone["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert alone["TASKS"]["default"]["BACKEND"] == "atelier.tasks.DatabaseBackend"
    shared = {
        **PRODUCTION_ENV,
        "REDIS_URL": "redis://cache:6379/0",
        "S3_BUCKET": "atelier",
        "S3_ENDPOINT_URL": "https://s3.example.be",
        "DJANGO_STATIC_URL": "https://cdn.example.be/static/",
    }
    scaled = settings_in(
        shared, "CACHES", "SESSION_ENGINE", "STORAGES", "CONTENT_SECURITY_POLICY"
    )
    assert scaled["CACHES"]["default"]["LOCATION"] == "redis://cache:6379/0"
    assert scaled["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"
    storage = scaled["STORAGES"]["default"]
    assert storage["BACKEND"] == "atelier.storage.PortalS3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "atelier"
    assert storage["OPTIONS"]["default_acl"] is None  # a private bucket
    assert "whitenoise" in scaled["STORAGES"]["staticfiles"]["BACKEND"]  # fingerprints
    directives = scaled["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    for directive in ("script-src", "style-src", "img-src", "font-src"):
        assert "https://cdn.example.be" in directives[directive], directive


def test_the_tile_server_is_an_image_source_of_the_content_security_policy():
    policy = settings_in(PRODUCTION_ENV, "CONTENT_SECURITY_POLICY")
    images = policy["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert images == ["'self'", "data:", "https://tile.openstreetmap.org"]
    own = {
        **PRODUCTION_ENV,
        "MAP_TILE_URL": "https://{s}.tegels.example.be/{z}/{x}/{y}",
    }
    policy = settings_in(own, "CONTENT_SECURITY_POLICY")
    assert policy["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"][-1] == (
        "https://*.tegels.example.be"
    )
