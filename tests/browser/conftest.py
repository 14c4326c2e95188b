"""Browser tests: Playwright for Python driving Debian's Chromium against the live
server. While Playwright's sync API is open it runs an event loop in this thread;
Django's ORM calls from the same thread are safe here, so Django's async-safety guard
is lifted for exactly that time (the `browser` fixture, per test module), never for the
rest of the suite."""

import os
import shutil
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """What the migrations put in the database (municipalities, home page, roles),
    captured before Playwright starts: the live server's tests commit, and the flush
    after each of them empties every table. (Django's serialized rollback does not
    survive here: Playwright's greenlet gives Django a connection of its own.)"""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _restore_migrated_data(migrated_data, transactional_db):
    # Empty every table (without the post_migrate rows a plain flush recreates), then
    # put back exactly what the migrations made.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated_data)
    # The restored rows keep their ids: move the sequences past them.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def async_unsafe_allowed():
    """Lift Django's async-safety guard (DJANGO_ALLOW_ASYNC_UNSAFE) for a while."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def browser(migrated_data):
    """Chromium for the tests of one module. Playwright's event loop runs only while
    it is open (and the guard is lifted only then): the tests after these run with
    Django's check on."""
    with async_unsafe_allowed(), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page; any JavaScript error on it fails the test."""
    context = browser.new_context(
        locale="nl-BE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not errors, errors
