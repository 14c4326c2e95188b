import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),  # the live server sees committed data
]


def boundary_box(page):
    """The bounding box of the first boundary drawn on the page's Leaflet map."""
    path = page.locator(".leaflet-overlay-pane path.leaflet-interactive").first
    path.wait_for(state="attached")
    return path.bounding_box()


def test_home_page_shows_the_portal_and_all_boundaries(live_server, page):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Atelier Ruimte Kempen"
    assert page.locator("html").get_attribute("lang") == "nl-BE"
    boundary_box(page)
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 29


def test_municipality_page_draws_its_boundary_without_tiles(live_server, page):
    page.goto(live_server.url + "/gemeenten/turnhout/")
    assert page.locator("h1").inner_text() == "Turnhout"
    box = boundary_box(page)
    # Fitted to the map: Turnhout's outline fills a good part of it.
    assert box["width"] > 50 and box["height"] > 150
    assert page.locator(".leaflet-tile").count() == 0
    assert "Statbel" in page.locator(".leaflet-control-attribution").inner_text()


def test_clicking_a_municipality_on_the_overview_map_opens_its_page(live_server, page):
    page.goto(live_server.url + "/gemeenten/")
    boundary_box(page)
    page.locator(".leaflet-overlay-pane path.leaflet-interactive").nth(0).click()
    page.wait_for_url("**/gemeenten/*/")
    assert page.locator("h1").inner_text() in page.title()


def test_skip_link_is_the_first_stop_for_keyboard_users(live_server, page):
    page.goto(live_server.url + "/gemeenten/mol/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhoud"
