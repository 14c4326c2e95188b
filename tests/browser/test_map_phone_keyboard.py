"""The Kempenkaart on a phone and from the keyboard (issue 9): the map is in view on
a 390×844 phone with the list and filters one tap away; keyboard users reach the map
in a few Tabs, and the detail panel takes the focus and gives it back."""

import pytest

from tests.kempenkaart.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def projecten(db):
    return [
        ProjectFactory(title="Dorpshart Merksplas", in_gemeente="merksplas"),
        ProjectFactory(title="Stationsplein Mol", in_gemeente="mol"),
    ]


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    return box["y"] < viewport["height"] and box["y"] + box["height"] > 0


def test_on_a_phone_the_map_comes_first_and_the_list_is_one_tap_away(
    live_server, page, projecten
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/kaart/")
    page.locator("#resultaten-lijst button").first.wait_for(state="attached")
    assert in_view(page, "#kempenkaart")
    assert page.locator("#kaart-filters").is_hidden()

    page.get_by_role("button", name="Lijst en filters").click()
    assert page.locator("#kaart-filters").is_visible()
    assert page.locator("#kempenkaart").is_hidden()

    # "toon op kaart" brings the map back with the project's panel open, docked at
    # the bottom: the zoom buttons stay free.
    page.get_by_role("button", name="toon op kaart").first.click()
    detail = page.locator("#kaart-detail")
    detail.wait_for(state="visible")
    assert in_view(page, "#kempenkaart")
    zoom = page.locator(".leaflet-control-zoom").bounding_box()
    panel = detail.bounding_box()
    assert zoom["y"] + zoom["height"] <= panel["y"]
    assert "null" not in detail.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_keyboard_users_reach_the_map_and_the_panel_and_back(
    live_server, page, projecten
):
    page.goto(live_server.url + "/kaart/")
    page.locator("#resultaten-lijst button").first.wait_for(state="attached")

    # The map in a handful of Tabs (a skip link), not after the whole list.
    tabs = 0
    while page.evaluate("document.activeElement.textContent") != "Naar de kaart":
        assert tabs < 15, "the map is not reached in 15 Tabs"
        page.keyboard.press("Tab")
        tabs += 1
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#kempenkaart"

    # From the first result: Enter opens the panel and focus moves into it...
    first = page.get_by_role("button", name="toon op kaart").first
    first.focus()
    page.keyboard.press("Enter")
    detail = page.locator("#kaart-detail")
    detail.wait_for(state="visible")
    assert page.evaluate(
        "document.getElementById('kaart-detail').contains(document.activeElement)"
    )
    heading = page.evaluate("document.activeElement.textContent")
    assert heading in ("Dorpshart Merksplas", "Stationsplein Mol")
    assert "null" not in detail.inner_text()

    # ...and Escape closes it, with the focus back on the page (not lost on <body>).
    page.keyboard.press("Escape")
    detail.wait_for(state="hidden")
    assert page.evaluate("document.activeElement !== document.body")
