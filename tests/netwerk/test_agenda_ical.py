"""The calendar feeds (netwerk.ical): /agenda.ics with the agenda's filters and one
file per gathering, parsed back with icalendar."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from atelier.models import Thema
from netwerk import services
from netwerk.models import Bijeenkomst

from .factories import BijeenkomstFactory

pytestmark = pytest.mark.django_db
Z = Bijeenkomst.Zichtbaarheid


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def with_theme(slug, **kwargs):
    bijeenkomst = BijeenkomstFactory(**kwargs)
    bijeenkomst.themas.add(Thema.objects.get(slug=slug))
    bijeenkomst.save()
    return bijeenkomst


def test_the_feed_holds_exactly_the_filtered_public_events_each_with_its_url(
    client, partner
):
    wanted = [
        with_theme("erfgoed", title="Erfgoeddag"),
        with_theme(
            "erfgoed",
            title="Geannuleerde erfgoedwandeling",
            status=Bijeenkomst.Status.GEANNULEERD,
        ),
    ]
    with_theme("erfgoed", title="Partneroverleg erfgoed", zichtbaarheid=Z.PARTNERS)
    with_theme("zorg", title="Zorgdag")
    with_theme("erfgoed", title="Heel oud", start=timezone.now() - timedelta(days=800))
    found = events(client.get(reverse("netwerk:agenda-ics"), {"thema": "erfgoed"}))
    assert sorted(str(e["summary"]) for e in found) == sorted(b.title for b in wanted)
    for entry in found:
        bijeenkomst = Bijeenkomst.objects.get(title=str(entry["summary"]))
        assert str(entry["url"]) == "http://testserver" + bijeenkomst.get_absolute_url()
        assert str(entry["uid"]).startswith(str(bijeenkomst.uid))
    statuses = {str(e["summary"]): str(e["status"]) for e in found}
    assert statuses["Geannuleerde erfgoedwandeling"] == "CANCELLED"
    assert statuses["Erfgoeddag"] == "CONFIRMED"


def test_a_change_keeps_the_uid_and_raises_the_sequence(client):
    bijeenkomst = BijeenkomstFactory(title="Studiedag")
    url = reverse("netwerk:bijeenkomst-ics", kwargs={"slug": bijeenkomst.slug})
    (before,) = events(client.get(url))
    bijeenkomst.title = "Studiedag (nieuw uur)"
    bijeenkomst.save()
    services.bijeenkomst_changed(bijeenkomst)
    (after,) = events(client.get(url))
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert str(after["summary"]) == "Studiedag (nieuw uur)"


def test_a_hidden_event_has_no_calendar_file(client, partner):
    hidden = BijeenkomstFactory(zichtbaarheid=Z.PARTNERS)
    url = reverse("netwerk:bijeenkomst-ics", kwargs={"slug": hidden.slug})
    assert client.get(url).status_code == 404
    client.force_login(partner)
    assert len(events(client.get(url))) == 1


def test_the_admin_edit_hook_raises_the_sequence():
    from wagtail import hooks

    bijeenkomst = BijeenkomstFactory()
    for hook in hooks.get_hooks("after_edit_snippet"):
        hook(None, bijeenkomst)
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).sequence == 1
