"""Running the portal as many identical processes: a request id on every request and
log line, and a health check for the load balancer.

- `RequestIdMiddleware` takes the proxy's `X-Request-ID` when it is a sane token (the
  proxy in docker/ sets one), makes one otherwise, returns it in the response and puts
  it on every log record written while the request runs (`RequestIdFilter`), so one
  request can be followed from the proxy's log through the app's JSON lines.
- `HealthCheckMiddleware` answers `/gezond/` before anything else (no host check, no
  HTTPS redirect, no session): 200 when the database and the cache answer, 503
  otherwise, with no details (those go to the log).
"""

import contextvars
import json
import logging
import re
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware

logger = logging.getLogger(__name__)

HEALTH_PATH = "/gezond/"
REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy or client may choose as an id: a token, never a log-forging line.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,100}")

request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to each record (`-` outside a request)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        current = given if REQUEST_ID_PATTERN.fullmatch(given) else uuid.uuid4().hex
        request.request_id = current
        # Not reset on the way out: Django logs the response ("Not Found: …") after
        # the middleware has returned. The next request sets its own.
        request_id.set(current)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = current
        return response


def health():
    """True when the database and the cache both answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        key = f"gezond:{uuid.uuid4().hex}"
        cache.set(key, "1", timeout=10)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except Exception:
        logger.exception("Health check failed")
        return False
    if not answered:
        logger.error("Health check failed: the cache did not keep a value")
    return answered


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        ok = health()
        response = HttpResponse(
            json.dumps({"status": "ok" if ok else "fout"}),
            content_type="application/json",
            status=200 if ok else 503,
        )
        response["Cache-Control"] = "no-store"
        return response


COMPRESSED_TYPES = (
    "text/html",
    "text/plain",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "image/svg+xml",
)


class CompressTextMiddleware(GZipMiddleware):
    """gzip for HTML, JSON and other text (Django's GZipMiddleware, which pads against
    BREACH); not for images, PDFs or office files, which are compressed already."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSED_TYPES:
            return response
        return super().process_response(request, response)
