"""Who is asking: the client's address, for login lockouts (django-axes) and API
throttling alike.

Without a declared proxy the address is the TCP peer (`REMOTE_ADDR`): headers such as
X-Forwarded-For are the client's own words and would let anyone pick a fresh address
per guess. Behind a proxy (`DJANGO_BEHIND_PROXY=true`, set by docker-compose), the
client is the address that our own proxy appended to X-Forwarded-For: the
`PROXY_COUNT`-th entry from the right (one proxy: the last entry). Whatever the
client wrote further left is ignored.
"""

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def client_ip(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return peer
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < settings.PROXY_COUNT:
        return peer  # not through all our proxies: the peer is all we know
    return forwarded[-settings.PROXY_COUNT]


def lockout_response(request, original_response=None, credentials=None):
    """django-axes: the page for a locked-out username and address (429), in Dutch."""
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "account/lockout.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
