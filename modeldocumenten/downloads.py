"""What counts as a download of a model-document version: a person who takes it.

Every request for a file gets the file; it is counted only when it is
- a GET (a HEAD is a link checker's or a client's probe);
- not a prefetch or preview that a browser or app makes before anyone clicks
  (`Sec-Purpose`, `Purpose`, `X-Purpose` or `X-Moz` headers);
- not from a bot, crawler, link preview or HTTP library, judged by the User-Agent
  (and a request without one);
- not a repeat: the same version by the same person within `REPEAT_WINDOW`, where the
  same person is the same signed-in user (on any device) or, for anonymous visitors,
  the same browser session.
  Taking both the DOCX and the PDF of a version is one download of that version.

So the figures say how many people took a version (per day at most once), not how many
requests reached the server.
"""

import datetime
import re

from django.utils import timezone

from .models import Download

REPEAT_WINDOW = datetime.timedelta(hours=24)
SESSION_KEY = "modeldocumenten_downloads"  # {versie pk: ISO time it was counted}
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
NOT_A_PERSON = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|preview|linkexpand|externalhit|"
    r"embedly|iframely|whatsapp|telegram|skype|monitor|checker|scanner|"
    r"curl|wget|httpie|python|java/|go-http|okhttp|libwww|axios|node-fetch|"
    r"^mozilla/\d\.\d \(compatible; [a-z-]+/[\d.]+;",
    re.IGNORECASE,
)


def is_a_person(request):
    """A browser that a person drives, as far as the request tells."""
    if request.method != "GET":
        return False
    purposes = " ".join(request.headers.get(name, "") for name in PREFETCH_HEADERS)
    if re.search(r"prefetch|prerender|preview", purposes, re.IGNORECASE):
        return False
    user_agent = request.headers.get("User-Agent", "").strip()
    return bool(user_agent) and not NOT_A_PERSON.search(user_agent)


def _counted_in_session(request, since):
    """{versie pk: time} this browser session was counted for, since `since`."""
    counted = {}
    for pk, when in request.session.get(SESSION_KEY, {}).items():
        try:
            moment = datetime.datetime.fromisoformat(when)
        except (TypeError, ValueError):
            continue
        if moment >= since:
            counted[pk] = when
    return counted


def download_record(*, request, versie):
    """Count this request as a download of `versie` when it is one (see above);
    returns the new Download, or None when it does not count. A signed-in user is
    recognised by their account (their downloads are remembered for the "a newer
    version exists" notice); an anonymous visitor by the browser session."""
    if not is_a_person(request):
        return None
    now = timezone.now()
    since = now - REPEAT_WINDOW
    if request.user.is_authenticated:
        repeat = Download.objects.filter(
            versie=versie, user=request.user, created_at__gte=since
        )
        if repeat.exists():
            return None
        return Download.objects.create(versie=versie, user=request.user)
    in_session = _counted_in_session(request, since)
    if str(versie.pk) in in_session:
        return None
    request.session[SESSION_KEY] = {**in_session, str(versie.pk): now.isoformat()}
    return Download.objects.create(versie=versie, user=None)
