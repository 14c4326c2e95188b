"""API throttling (DRF): anonymous visitors and signed-in users per minute, writes
(POST, PUT, PATCH, DELETE) more strictly per hour. Rates are settings
(`DJANGO_API_RATE_ANON`, `…_USER`, `…_WRITE`), read at request time; the client's
address comes from `atelier.security.client_ip` (no forged X-Forwarded-For).

The counts live in Django's cache: per process with the default local-memory cache
(each gunicorn worker counts on its own), shared when CACHES points at a shared cache.
"""

import math

from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, throttling
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .security import client_ip


class SettingsRateMixin:
    """Rates and client address from the portal's settings, when the request comes."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request)


class AnonThrottle(SettingsRateMixin, throttling.AnonRateThrottle):
    pass


class UserThrottle(SettingsRateMixin, throttling.UserRateThrottle):
    """Signed-in users by account (anonymous ones by address, like AnonThrottle)."""


class WriteThrottle(SettingsRateMixin, throttling.SimpleRateThrottle):
    """Every write, by account or (anonymous) by address."""

    scope = "write"

    def get_cache_key(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return None
        user = request.user
        ident = user.pk if user and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def exception_handler(exc, context):
    """DRF's handler, with a Dutch message for a throttled request (DRF's own reads
    "Aanvraag was verstikt. Expected available in … seconds.")."""
    if isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait) if exc.wait is not None else None
        message = (
            _("Te veel aanvragen: probeer het over %(wait)s seconden opnieuw.")
            % {"wait": wait}
            if wait
            else _("Te veel aanvragen: probeer het straks opnieuw.")
        )
        dutch = exceptions.Throttled(detail=message)  # with `wait`, DRF adds English
        dutch.wait = wait  # for the Retry-After header
        exc = dutch
    return drf_exception_handler(exc, context)
