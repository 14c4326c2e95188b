"""The agenda as iCalendar (RFC 5545, `icalendar`): one file per gathering and the
feed `/agenda.ics`. Each entry keeps its UID for good, carries the gathering's
SEQUENCE (raised by netwerk.services.bijeenkomst_changed) and STATUS:CANCELLED when
it is cancelled, so calendar programs update or strike it; and its URL back."""

from django.http import HttpResponse
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vGeo

UID_DOMAIN = "atelier-ruimte-kempen"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar(bijeenkomsten, request, *, name="Agenda Atelier Ruimte Kempen"):
    cal = Calendar()
    cal.add("prodid", "-//IOK//Atelier Ruimte Kempen//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for bijeenkomst in bijeenkomsten:
        cal.add_component(event(bijeenkomst, request))
    return cal


def event(bijeenkomst, request):
    entry = Event()
    entry.add("uid", f"{bijeenkomst.uid}@{UID_DOMAIN}")
    entry.add("dtstamp", bijeenkomst.updated_at)
    entry.add("last-modified", bijeenkomst.updated_at)
    entry.add("dtstart", bijeenkomst.start)
    entry.add("dtend", bijeenkomst.einde)
    entry.add("summary", bijeenkomst.title)
    entry.add("sequence", bijeenkomst.sequence)
    entry.add("status", "CANCELLED" if bijeenkomst.is_cancelled else "CONFIRMED")
    url = request.build_absolute_uri(bijeenkomst.get_absolute_url())
    entry.add("url", url)
    description = bijeenkomst.samenvatting or strip_tags(bijeenkomst.beschrijving)
    entry.add("description", f"{description}\n\n{url}".strip())
    place = ", ".join(p for p in (bijeenkomst.locatie_naam, bijeenkomst.adres) if p)
    if place or bijeenkomst.online_url:
        entry.add("location", place or bijeenkomst.online_url)
    if bijeenkomst.punt:
        entry.add("geo", vGeo((bijeenkomst.punt.y, bijeenkomst.punt.x)))
    for thema in bijeenkomst.themas.all():
        entry.add("categories", thema.name)
    return entry


def response(cal, filename):
    result = HttpResponse(cal.to_ical(), content_type=CONTENT_TYPE)
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
