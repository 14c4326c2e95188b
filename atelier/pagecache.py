"""Rendered pages for anonymous visitors, kept in the shared cache (Redis, or the
database table) for every app process, and dropped as a whole when anything changes.

What is kept: a GET of a public page (not the back offices, the account pages, the API,
uploaded files or the health check) by a visitor who is not logged in and brings no
session, answered 200 with HTML, without cookies (no form with a CSRF token) and
without `private`/`no-store`. The key is the host, the path with its query string and
the current *generation*; the middlewares outside this one still add their headers
(CSP, security, request id) to every answer.

Never stale, never unpublished: every saved or deleted row of the portal's own models
(pages, revisions, projects, documents, gatherings, …; not sessions, logins or counters),
Wagtail's publish and unpublish, and every successful write request (POST, …) start a
new generation, at once and again after the commit (so that a request running meanwhile
cannot keep the old page); PAGE_CACHE_SECONDS bounds a page's life anyway. 0 turns the
cache off (the tests' default).
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
NOT_CACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/account/",
    "/api/",
    "/media/",
    "/documenten/",
    "/gezond/",
    "/static/",
)
# Rows whose writes change no page: sessions, login records, counters, the task queue.
UNTRACKED_APPS = {"sessions", "axes", "admin", "contenttypes", "authtoken"}
UNTRACKED_MODELS = {"atelier.queuedtask"}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def generation():
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        current = cache.get(GENERATION_KEY)
    return current


def new_generation():
    try:
        # A savepoint: a database cache that fails (its table not made yet, during the
        # first migrate) must not spoil the transaction of the write.
        with transaction.atomic():
            cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception as error:
        logger.warning("Page cache not invalidated: %s", error)


def shared(request, name, build):
    """A value that is the same for every visitor (the footer's partners, the menu's
    pages, the municipal boundaries): built once per generation and kept in the shared
    cache, so any write drops it like the pages; memoised on the request. Built anew
    every time when the page cache is off."""
    memo = request.__dict__.setdefault("_pagecache_shared", {})
    if name not in memo:
        if settings.PAGE_CACHE_SECONDS > 0:
            if "_pagecache_generation" not in request.__dict__:
                request._pagecache_generation = generation()
            key = f"pagecache:{request._pagecache_generation}:shared:{name}"
            value = cache.get(key)
            if value is None:
                value = build()
                cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        else:
            value = build()
        memo[name] = value
    return memo[name]


def invalidate():
    """Start a new generation now and once more after the current transaction."""
    new_generation()
    transaction.on_commit(new_generation, robust=True)


def changes_pages(model):
    meta = model._meta
    return meta.app_label not in UNTRACKED_APPS and meta.label_lower not in (
        UNTRACKED_MODELS
    )


def key_for(request, current):
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{current}:{hashlib.sha256(url.encode()).hexdigest()}"


def cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.path.startswith(NOT_CACHED_PREFIXES)
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cacheable_response(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware (settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in UNSAFE_METHODS:
            response = self.get_response(request)
            if response.status_code < 400:
                invalidate()
            return response
        if not cacheable_request(request):
            return self.get_response(request)
        key = key_for(request, generation())
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response


def on_change(sender, **kwargs):
    if settings.PAGE_CACHE_SECONDS > 0 and changes_pages(sender):
        invalidate()


def connect():
    """Listen to every write (AtelierConfig.ready)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    for signal in (
        post_save,
        post_delete,
        m2m_changed,
        page_published,
        page_unpublished,
    ):
        signal.connect(on_change, dispatch_uid=f"pagecache-{id(signal)}")
