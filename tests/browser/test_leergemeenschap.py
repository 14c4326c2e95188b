"""A municipal official registers their municipality for two hefbomen with a case;
a registration after a hefboom's deadline is refused with a clear message."""

import datetime

import pytest
from django.utils import timezone

from atelier import roles
from leergemeenschap.models import Case, Inschrijving
from tests.atelier.factories import UserFactory
from tests.browser.test_kempenkaart import log_in
from tests.leergemeenschap.factories import hefboom, traject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_registers_for_two_hefbomen_with_a_case(live_server, page, tmp_path):
    from atelier.models import Gemeente

    turnhout = Gemeente.objects.get(slug="turnhout")
    t = traject(eerste_orde=[turnhout])
    hefboom(t, 1, titel="Grondbeleid", vraag="Hoe kan u het grondbeleid sturen?")
    hefboom(t, 2, titel="Regie", vraag="Hoe houdt u de regie in handen?")
    closed = hefboom(
        t,
        3,
        titel="Energie",
        vraag="Hoe maakt u kernen energieneutraal?",
        deadline=timezone.now() - datetime.timedelta(days=2),
    )
    official = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    attachment = tmp_path / "situatie.pdf"
    attachment.write_bytes(b"%PDF-1.4 situatieschets")

    log_in(page, live_server.url, official)
    page.goto(f"{live_server.url}{t.get_absolute_url()}")
    page.get_by_role("link", name="Inschrijven").click()
    page.get_by_label("1. Hoe kan u het grondbeleid sturen?").check()
    page.get_by_label("2. Hoe houdt u de regie in handen?").check()
    page.get_by_label("Contactpersonen").fill("An Peeters, planner, an@turnhout.be")
    page.get_by_label("Titel van uw case").fill("Stationsomgeving Turnhout")
    page.get_by_label("Beschrijving van uw case").fill("Verdichten rond het station.")
    page.get_by_label("Lengtegraad").fill("4.9447")
    page.get_by_label("Breedtegraad").fill("51.3227")
    page.get_by_label("Bijlagen bij de case").set_input_files(str(attachment))
    page.get_by_role("button", name="Inschrijving versturen").click()
    page.wait_for_url(f"**{t.get_absolute_url()}")
    assert "Uw inschrijving is bevestigd" in page.content()
    # The case lies on the trajectory's map (drawn under the site's CSP).
    page.wait_for_selector("#leer-map.leaflet-container")
    assert page.locator("#leer-map path.leaflet-interactive").count() == 1
    registrations = Inschrijving.objects.filter(organisatie__gemeente=turnhout)
    assert sorted(registrations.values_list("hefboom__nummer", flat=True)) == [1, 2]
    case = Case.objects.get(title="Stationsomgeving Turnhout")
    assert case.bijlagen.count() == 1 and round(case.punt.x, 4) == 4.9447

    # Hefboom 3 closed two days ago: refused, nothing saved.
    page.get_by_role("link", name="Inschrijven").click()
    page.get_by_label("3. Hoe maakt u kernen energieneutraal?").check()
    page.get_by_label("Contactpersonen").fill("An Peeters")
    page.get_by_role("button", name="Inschrijving versturen").click()
    alert = page.get_by_role("alert")
    assert "De inschrijvingen voor hefboom 3 (Energie) zijn afgesloten sinds" in (
        alert.inner_text()
    )
    assert not closed.inschrijvingen.exists()
