"""The municipality page says whom to contact (issue 9)."""

import pytest

from tests.atelier.factories import GemeenteOrganisatieFactory

pytestmark = pytest.mark.django_db


def test_the_municipality_page_shows_its_contact(client, turnhout):
    GemeenteOrganisatieFactory(
        gemeente=turnhout,
        contactpersoon="An Peeters, omgevingsambtenaar",
        contact_email="omgeving@turnhout.example",
        telefoon="014 44 33 00",
    )
    html = client.get("/gemeenten/turnhout/").content.decode()
    assert "An Peeters, omgevingsambtenaar" in html
    assert '<a href="mailto:omgeving@turnhout.example">' in html
    assert '<a href="tel:014443300">014 44 33 00</a>' in html


def test_without_a_contact_the_page_points_to_the_atelier(client, turnhout):
    html = client.get("/gemeenten/turnhout/").content.decode()
    assert "Nog geen contactpersoon voor Turnhout bekend." in html
