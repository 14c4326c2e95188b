"""A partner's journey through the network, in a real browser: the partner page with
its projects on a map, the collaboration opportunities, one click that puts one on
the next kernpartneroverleg's agenda, the meeting with it, and an answer to the
invitation; the Content-Security-Policy blocks nothing on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from atelier import roles
from atelier.models import Gemeente, Organisatie, Thema
from tests.atelier.factories import OrganisatieFactory, UserFactory
from tests.browser.test_csp import visit, watched  # noqa: F401
from tests.browser.test_kempenkaart import log_in
from tests.kempenkaart.factories import ProjectFactory
from tests.netwerk.factories import ActiviteitFactory, overleg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_puts_an_opportunity_on_the_next_meeting(live_server, watched):  # noqa: F811
    page = watched
    base = live_server.url
    ar_tur, rurant = (
        OrganisatieFactory(name=n, kind=Organisatie.Kind.KERNPARTNER, partnerschap=True)
        for n in ("AR-TUR", "RURANT")
    )
    mol, thema = Gemeente.objects.get(slug="mol"), Thema.objects.get(slug="mobiliteit")
    today = timezone.localdate()
    for org in (ar_tur, rurant):
        ActiviteitFactory(
            organisatie=org,
            gemeente=mol,
            thema=thema,
            start=today - timedelta(days=10),
            einde=today + timedelta(days=60),
        )
    project = ProjectFactory(title="Fietsstraat in Mol")
    project.partners.add(ar_tur)
    project.save()
    meeting = overleg(days=10)
    partner = UserFactory(roles=[roles.PARTNER], organisaties=[ar_tur])
    log_in(page, base, partner)

    assert visit(page, f"{base}/netwerk/partners/{ar_tur.slug}/") == []
    assert page.locator("#partner-map.leaflet-container").count() == 1

    assert visit(page, f"{base}/netwerk/kansen/") == []
    page.click("button:has-text('Agenderen op het kernpartneroverleg')")
    page.wait_for_url("**/netwerk/kansen/")
    assert "Op de agenda gezet" in page.content()
    assert page.locator("button:has-text('Agenderen')").is_disabled()

    assert visit(page, base + meeting.get_absolute_url()) == []
    assert "Samenwerkingskans: Mobiliteit in Mol" in page.content()
    page.check("input[name=antwoord][value=misschien]")
    page.click("button:has-text('Antwoorden')")
    page.wait_for_url("**" + meeting.get_absolute_url())
    assert "U antwoordde: misschien." in page.content()
