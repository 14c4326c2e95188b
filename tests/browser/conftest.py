"""Browser tests: Playwright for Python driving Debian's Chromium against the live
server. While Playwright's sync API is open it runs an event loop in this thread;
Django's ORM calls from the same thread are safe here, so Django's async-safety guard
is lifted for exactly that time (the `browser` fixture, per test module), never for the
rest of the suite."""

import os
import shutil
from contextlib import contextmanager

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(autouse=True)
def _restore_migrated_data(migrated_rows):
    """Every browser test starts from what the migrations made (tests/conftest.py):
    the live server's tests commit, and the flush after each empties every table."""


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
