"""The agenda in a browser: a visitor registers for a full event, lands on the
waiting list, and is confirmed (and mailed) when an attendee cancels through the
personal link of their confirmation mail."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.gis.geos import Point
from django.core import mail

from netwerk import services
from netwerk.models import Inschrijving
from tests.netwerk.factories import open_bijeenkomst

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_on_the_waiting_list_moves_up_when_someone_cancels(live_server, page):
    workshop = open_bijeenkomst(
        title="Workshop ontharden",
        capaciteit=1,
        punt=Point(4.9665, 51.2410, srid=4326),
    )
    services.inschrijving_create(workshop, naam="An Peeters", email="an@example.be")
    (confirmation,) = mail.outbox
    cancel_link = re.search(r"http\S+/agenda/annuleren/\S+/", confirmation.body)[0]
    mail.outbox = []

    page.goto(live_server.url + "/agenda/")
    page.click("text=Workshop ontharden")
    page.wait_for_function("() => window.atelier && window.atelier.maps")
    assert "Volzet" in page.inner_text("main")
    page.fill("#id_naam", "Bart Janssens")
    page.fill("#id_email", "bart@example.be")
    page.fill("#id_organisatie", "Gemeente Kasterlee")
    page.fill("#id_opmerkingen", "Vegetarisch")
    page.click("button:has-text('Schrijf me in')")
    page.wait_for_selector(".message")
    assert "wachtlijst" in page.inner_text(".message")
    bart = Inschrijving.objects.get(email="bart@example.be")
    assert bart.status == Inschrijving.Status.WACHTLIJST
    assert [m.subject for m in mail.outbox] == ["Op de wachtlijst: Workshop ontharden"]

    # An opens the link of her mail (on the live server) and cancels.
    page.goto(live_server.url + urlsplit(cancel_link).path)
    page.click("button:has-text('Ja, annuleer')")
    page.wait_for_selector("text=Uw inschrijving is geannuleerd.")

    bart.refresh_from_db()
    assert bart.status == Inschrijving.Status.BEVESTIGD
    moved_up = [m for m in mail.outbox if m.to == ["bart@example.be"]][-1]
    assert moved_up.subject.startswith("Er is een plaats vrij")
    assert Inschrijving.objects.get(email="an@example.be").status == "geannuleerd"
