"""API throttling (DRF): anonymous visitors and signed-in users per minute, writes
(POST, PUT, PATCH, DELETE) more strictly per hour. Rates are settings
(`DJANGO_API_RATE_ANON`, `…_USER`, `…_WRITE`), read at request time; the client's
address comes from `atelier.security.client_ip` (no forged X-Forwarded-For).

The counts live in Django's cache: per process with the default local-memory cache
(each gunicorn worker counts on its own), shared when CACHES points at a shared cache.
"""

import math
import time

from django.core.cache import cache
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


class FormLimit:
    """A limit on a form's use per client (outside the API): at most `count` uses
    per `seconds`, for each (count, seconds) pair; a count of 0 is no limit.

    Counted in fixed windows in Django's cache, by `cache.add` + `cache.incr` (atomic
    in Redis; shared by every process when CACHES is shared, like the API throttles).
    `take()` counts one use, or refuses (counting nothing) and says how many seconds
    until the fullest window ends; `give_back()` returns a use that was taken but
    did not happen (the form was refused for another reason)."""

    def __init__(self, scope, ident, limits):
        self.scope = scope
        self.ident = ident
        self.limits = [(count, seconds) for count, seconds in limits if count]
        self.taken = []

    def _key(self, seconds, window):
        return f"limit:{self.scope}:{seconds}:{window}:{self.ident}"

    def take(self):
        """None when counted; else the seconds to wait (and nothing counted)."""
        now = time.time()
        for count, seconds in self.limits:
            window = int(now // seconds)
            key = self._key(seconds, window)
            cache.add(key, 0, seconds + 60)
            try:
                used = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, seconds + 60)
                used = 1
            self.taken.append(key)
            if used > count:
                self.give_back()
                return math.ceil((window + 1) * seconds - now)
        return None

    def give_back(self):
        for key in self.taken:
            try:
                cache.decr(key)
            except ValueError:  # expired meanwhile: nothing to give back
                pass
        self.taken = []
