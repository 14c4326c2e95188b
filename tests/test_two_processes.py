"""Two app processes that share nothing but PostgreSQL, Redis and object storage
(issue 13, item 3): a login on one is valid on the other, a change through one clears
the page cache of the other, and a file uploaded through one downloads from the other.

Real servers on loopback: redis-server, moto's S3 server and two gunicorns, against a
copy of the test database of their own (dropped at the end)."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from atelier.models import ContentPage, HomePage
from tests.atelier.factories import UserFactory
from tests.conftest import _database, restore_migrated_data

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SUFFIX = "twoproc"
USERNAME = "beheer-twee-processen"
PASSWORD = "een-lang-wachtwoord-42"
BUCKET = "atelier-test"
LOGS = Path("/tmp") / f"atelier-two-processes-{os.getpid()}"

pytestmark = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="redis-server is not installed"
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")


def start(command, log=None, **kwargs):
    """Start a server; its output goes to `log` (a file, read when a test fails)."""
    output = open(log, "wb") if log else subprocess.DEVNULL
    return subprocess.Popen(command, stdout=output, stderr=output, **kwargs)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def redis_url():
    port = free_port()
    process = start(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]  # fmt: skip
    )
    import redis

    client = redis.Redis(port=port)
    wait_for(client.ping, "redis-server")
    yield f"redis://127.0.0.1:{port}/0"
    stop(process)


@pytest.fixture(scope="module")
def s3():
    port = free_port()
    process = start([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)])
    endpoint = f"http://127.0.0.1:{port}"
    wait_for(lambda: requests.get(endpoint, timeout=1).ok, "moto_server")
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    yield {"endpoint": endpoint, "client": client}
    stop(process)


@pytest.fixture(scope="module")
def shared_database(django_db_setup, django_db_blocker, migrated_data):
    """A committed copy of the test database (as the migrations made it, whatever
    ran before) with a superuser and a published page."""
    creation = connection.creation
    name = creation.get_test_db_clone_settings(SUFFIX)["NAME"]
    with django_db_blocker.unblock():
        restore_migrated_data(migrated_data)
        creation.clone_test_db(suffix=SUFFIX, verbosity=0)
        with _database(name):
            # Hashed as the servers' settings expect (the tests' use MD5).
            UserFactory(
                username=USERNAME,
                password=PASSWORD,
                is_superuser=True,
                is_staff=True,
            ).__class__.objects.filter(username=USERNAME).update(
                password=PBKDF2PasswordHasher().encode(PASSWORD, "twoproc-salt")
            )
            page = ContentPage(title="Over het Atelier", slug="over", intro="Welkom")
            HomePage.objects.get().add_child(instance=page)
            page.save_revision().publish()
    yield {"name": name, "page_id": page.pk}
    with django_db_blocker.unblock():
        creation.destroy_test_db(verbosity=0, suffix=SUFFIX)


def database_url(name):
    params = connection.settings_dict
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgis://{user}{password}@{host}:{port}/{name}"


@pytest.fixture(scope="module")
def servers(shared_database, redis_url, s3, tmp_path_factory):
    """Two gunicorns, each with its own (empty) media folder: only S3 is shared."""
    urls, processes = [], []
    LOGS.mkdir(exist_ok=True)
    for n in (1, 2):
        port = free_port()
        environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "atelier.settings.base",
            "DJANGO_ENV_FILE": "/dev/null",
            "DJANGO_DEBUG": "true",  # no collected static files needed
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_PAGE_CACHE_SECONDS": "300",
            "DJANGO_TASKS": "immediate",
            "DATABASE_URL": database_url(shared_database["name"]),
            "REDIS_URL": redis_url,
            "S3_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": s3["endpoint"],
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": "testing",
            "S3_SECRET_ACCESS_KEY": "testing",
            "DJANGO_MEDIA_ROOT": str(tmp_path_factory.mktemp(f"media{n}")),
            "MAP_TILE_URL": "",
        }
        processes.append(
            start(
                [
                    str(BIN / "gunicorn"),
                    "atelier.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "60",
                ],  # fmt: skip
                log=LOGS / f"gunicorn{n}.log",
                cwd=ROOT,
                env=environment,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, process in zip(urls, processes, strict=True):
            wait_for(
                lambda url=url: requests.get(f"{url}/gezond/", timeout=5).ok,
                f"gunicorn at {url}: {process.poll()}",
                seconds=120,
            )
        yield urls
    finally:
        for process in processes:
            stop(process)


def csrf_token(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]


@pytest.fixture(scope="module")
def staff(servers):
    """A browser that logged in on the first process."""
    first, _ = servers
    session = requests.Session()
    token = csrf_token(session, f"{first}/account/aanmelden/")
    response = session.post(
        f"{first}/account/aanmelden/",
        data={"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def test_a_login_on_one_process_is_valid_on_the_other(servers, staff):
    first, second = servers
    profile = staff.get(f"{second}/account/", allow_redirects=False, timeout=30)
    assert profile.status_code == 200
    assert USERNAME in profile.text
    anonymous = requests.get(f"{second}/account/", allow_redirects=False, timeout=30)
    assert anonymous.status_code == 302  # to the login page


def test_a_change_through_one_process_clears_the_cache_of_the_other(
    servers, staff, shared_database
):
    first, second = servers
    # As behind the load balancer: one host name, whichever process answers.
    visitor = requests.Session()
    visitor.headers["Host"] = "127.0.0.1"
    assert visitor.get(f"{second}/over/", timeout=30).headers["X-Page-Cache"] == "miss"
    kept = visitor.get(f"{second}/over/", timeout=30)
    assert kept.status_code == 200 and kept.headers["X-Page-Cache"] == "hit"
    # The first process serves it from the same cache.
    assert visitor.get(f"{first}/over/", timeout=30).headers["X-Page-Cache"] == "hit"

    unpublish = f"{first}/admin/pages/{shared_database['page_id']}/unpublish/"
    token = csrf_token(staff, unpublish)
    done = staff.post(
        unpublish,
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": unpublish},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302, done.text[:500]
    assert visitor.get(f"{second}/over/", timeout=30).status_code == 404


def test_an_upload_through_one_process_downloads_from_the_other(servers, staff, s3):
    first, second = servers
    add = f"{first}/admin/documents/add/"
    token = csrf_token(staff, add)
    collection = re.search(
        r'<select name="collection"[^>]*>.*?<option value="(\d+)"',
        csrf_page(staff, add),
        re.S,
    )
    content = b"Verslag van de werksessie\nmet twee regels\n"
    done = staff.post(
        add,
        data={
            "csrfmiddlewaretoken": token,
            "title": "Verslag",
            **({"collection": collection[1]} if collection else {}),
        },
        files={"file": ("verslag.txt", content, "text/plain")},
        headers={"Referer": add},
        allow_redirects=False,
        timeout=30,
    )
    assert done.status_code == 302, done.text[:2000]
    stored = [o["Key"] for o in s3["client"].list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert any(key.startswith("documents/verslag") for key in stored), stored

    listing = staff.get(f"{second}/admin/documents/?q=Verslag", timeout=30).text
    found = re.search(r'href="(/documenten/\d+/verslag[^"]*)"', listing)
    assert found, re.findall(r'href="(/documenten/[^"]*)"', listing)
    link = found[1]
    download = staff.get(f"{second}{link}", timeout=30)
    assert download.status_code == 200
    assert download.content == content
    # Not for the public: the document is on no public page.
    assert requests.get(f"{second}{link}", timeout=30).status_code == 404


def csrf_page(session, url):
    return session.get(url, timeout=30).text
