"""Test settings: the real PostGIS database, fast hashing, no tiles, no outgoing mail."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")
os.environ["MAP_TILE_URL"] = ""  # no tile server in tests: maps must work without one

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test process its own cache (as before); the database cache of base.py would
# add queries to every count, and the two-process test sets REDIS_URL itself.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No page cache: the database rolls back after each test, the cache would not.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=0)  # noqa: F405
# Tasks (mail, PDFs) run at once; tests/atelier/test_tasks.py tries the queue and worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Uploaded files go to a temporary folder: Wagtail serves documents from a real path
# (InMemoryStorage reports paths that do not exist).
MEDIA_ROOT = tempfile.mkdtemp(prefix="atelier-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Registration limits no test run reaches; tests/netwerk/test_agenda_limits.py sets
# small ones.
REGISTRATIONS_PER_10_MINUTES = REGISTRATIONS_PER_DAY = 100000
# Throttling stays on, with rates no test run reaches (schemathesis sends hundreds of
# requests a minute); tests/atelier/test_throttling.py sets small ones.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100000/minute",
        "user": "100000/minute",
        "write": "100000/hour",
    },
}
