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
    assert set(config["services"]) == {
        "db",
        "redis",
        "migrate",
        "web",
        "worker",
        "proxy",
    }
    assert set(config["volumes"]) == {"pgdata", "media", "redisdata"}
    for name in (*config["services"], *config["volumes"], "docker compose up"):
        assert name in readme, name
    assert "--scale web=3" in readme


def test_database_service_is_postgis_with_a_persistent_volume():
    db = compose()["services"]["db"]
    assert db["image"].startswith("postgis/postgis:15-")
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "healthcheck" in db


def test_redis_keeps_the_sessions_on_disk():
    redis = compose()["services"]["redis"]
    assert redis["image"].startswith("redis:")
    assert "--appendonly" in redis["command"]
    assert "redisdata:/data" in redis["volumes"]
    assert "healthcheck" in redis


def app_services():
    services = compose()["services"]
    return {name: services[name] for name in ("migrate", "web", "worker")}


def test_every_app_service_gets_the_shared_settings():
    for name, service in app_services().items():
        assert service["build"] == ".", name
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgis://"), name
        assert "@db:5432/" in env["DATABASE_URL"], name
        assert env["REDIS_URL"] == "redis://redis:6379/0", name
        assert env["DJANGO_TASKS"] == "database", name
        for required in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
            assert ":?" in env[required], f"{required} must be required, not defaulted"
        for variable in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY_ID"):
            assert variable in env, (name, variable)
        assert "media:/app/media" in service["volumes"], name


def test_only_the_migrate_service_migrates_and_the_rest_waits_for_it():
    services = app_services()
    assert services["migrate"]["environment"]["DJANGO_MIGRATE"] == "true"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["redis"]["condition"] == "service_healthy"
    for name in ("web", "worker"):
        assert services[name]["environment"]["DJANGO_MIGRATE"] == "false", name
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name
    assert services["worker"]["command"] == ["python", "manage.py", "run_worker"]


def test_web_scales_behind_the_proxy():
    services = compose()["services"]
    web = services["web"]
    assert "ports" not in web  # a fixed host port would stop `--scale web=3`
    assert "container_name" not in web
    assert "/gezond/" in " ".join(web["healthcheck"]["test"])
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert proxy["ports"] == ["127.0.0.1:8000:80"]
    assert "./docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    # Two proxies (the host's TLS proxy, nginx) append to X-Forwarded-For.
    assert web["environment"]["DJANGO_PROXY_COUNT"].endswith(":-2}")


def test_nginx_asks_dns_for_every_copy_and_passes_the_request_id():
    conf = (ROOT / "docker" / "nginx.conf").read_text()
    assert "resolver 127.0.0.11" in conf
    assert "set $app http://web:8000;" in conf
    assert conf.count("proxy_pass $app;") == 2  # a variable: resolved again and again
    assert "proxy_set_header X-Request-ID $request_id;" in conf
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "client_max_body_size 25m;" in conf
    assert conf.count("{") == conf.count("}")


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
    assert "createcachetable" in entrypoint.read_text()
    assert 'DJANGO_MIGRATE:-true}" = "true"' in entrypoint.read_text()
    assert 'exec "$@"' in entrypoint.read_text()
