"""The project form's map (issue 9): a place search over the portal's own data, and
the municipality shown and chosen as soon as the pin is placed."""

import pytest

from atelier import roles
from atelier.models import Gemeente
from tests.atelier.factories import UserFactory
from tests.browser.test_kempenkaart import click_map_at, log_in
from tests.kempenkaart.factories import inside

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pin_names_its_municipality_and_a_search_finds_a_place(live_server, page):
    log_in(page, live_server.url, UserFactory(roles=[roles.PARTNER]))
    page.goto(live_server.url + "/kaart/projecten/nieuw/")

    herentals = inside("herentals")
    page.fill("#plaats-zoeken", "Herentals")
    page.keyboard.press("Enter")
    # The map moves to Herentals: its centre inside Herentals' bounding box.
    centre = page.evaluate("() => window.atelier.maps['project-form-map'].getCenter()")
    xmin, ymin, xmax, ymax = Gemeente.objects.get(slug="herentals").geom.extent
    assert xmin < centre["lng"] < xmax and ymin < centre["lat"] < ymax

    click_map_at(page, "project-form-map", herentals)
    assert page.locator("#locatie-gemeente").inner_text() == "Gemeente: Herentals"
    chosen = page.locator("#id_gemeente option:checked").inner_text()
    assert chosen.strip() == "Herentals"
