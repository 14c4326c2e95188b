import json
from datetime import date

import pytest

from atelier import roles
from atelier.models import Gemeente
from kempenkaart import services
from kempenkaart.models import Project
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import (
    InstrumentFactory,
    ProjectFactory,
    inside,
    offset,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-wachtwoord"


def log_in(page, base, user):
    page.goto(base + "/account/aanmelden/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/account/")


def click_map_at(page, map_name, point):
    """Click the Leaflet map `map_name` at a point (EPSG:4326)."""
    # Predicates as functions: a bare expression is polled with eval(), which the
    # site's Content-Security-Policy refuses.
    page.wait_for_function(f"() => window.atelier && window.atelier.maps['{map_name}']")
    xy = page.evaluate(
        f"""() => {{
            const map = window.atelier.maps['{map_name}'];
            const p = map.latLngToContainerPoint([{point.y}, {point.x}]);
            return [p.x, p.y];
        }}"""
    )
    page.locator(f"#{map_name}").click(position={"x": xy[0], "y": xy[1]})


def test_a_partner_adds_a_project_that_appears_once_published(
    live_server, page, browser
):
    partner = UserFactory(roles=[roles.PARTNER])
    iok = UserFactory(roles=[roles.IOK_MEDEWERKER])
    base = live_server.url
    log_in(page, base, partner)

    page.goto(base + "/kaart/projecten/nieuw/")
    page.fill("#id_title", "Speelbos aan de Aa")
    page.fill("#id_description", "Een bos om in te spelen, met de buurtschool.")
    page.select_option("#id_fase", "ontwerp")
    page.check("text=Natuur en landschap")
    spot = inside("turnhout")
    click_map_at(page, "project-form-map", spot)
    assert (
        abs(float(page.input_value("#id_lon")) - spot.x) < 0.005
    )  # a pixel at this zoom
    assert abs(float(page.input_value("#id_lat")) - spot.y) < 0.005
    page.click("button:has-text('Project indienen')")
    page.wait_for_url("**/kaart/projecten/speelbos-aan-de-aa/")
    assert "verschijnt op de kaart zodra IOK het publiceert" in page.content()

    project = Project.objects.get(slug="speelbos-aan-de-aa")
    assert project.gemeente.slug == "turnhout" and not project.live

    # Invisible to the public until it is published.
    public = browser.new_context(locale="nl-BE").new_page()
    response = public.goto(base + project.get_absolute_url())
    assert response.status == 404
    api = json.loads(public.goto(base + "/api/projecten/").text())
    assert api["numberMatched"] == 0
    public.goto(base + "/kaart/")
    assert "Speelbos aan de Aa" not in public.locator("#resultaten").inner_text()

    services.project_publish(project=project, user=iok)  # IOK staff publish it

    public.goto(base + "/kaart/?gemeente=turnhout")
    public.locator("#resultaten-lijst a", has_text="Speelbos aan de Aa").wait_for()
    marker = public.locator(".leaflet-overlay-pane path.leaflet-interactive")
    marker.first.wait_for()
    marker.first.click()
    assert "Speelbos aan de Aa" in public.locator("#kaart-detail").inner_text()
    public.goto(base + "/gemeenten/turnhout/")
    assert "Speelbos aan de Aa" in public.locator("main").inner_text()
    api = json.loads(public.goto(base + "/api/projecten/?gemeente=turnhout").text())
    assert [f["properties"]["titel"] for f in api["features"]] == ["Speelbos aan de Aa"]
    public.context.close()


def test_filters_live_in_the_url_and_the_list_follows_the_map(live_server, page):
    ProjectFactory(title="Herbestemming pastorie", fase="uitvoering")
    ProjectFactory(title="Fietsstraat naar school", fase="idee", in_gemeente="mol")
    rup = InstrumentFactory(
        name="RUP Stationsomgeving",
        stappen=[("definitieve-vaststelling", date(2021, 1, 1))],
    )
    page.goto(live_server.url + "/kaart/")
    results = page.locator("#resultaten-lijst")
    results.locator("text=Fietsstraat naar school").wait_for()

    page.select_option("#f-fase", "uitvoering")
    page.wait_for_url("**/kaart/?*fase=uitvoering*")
    page.wait_for_function(
        "() => !document.querySelector('#resultaten-lijst')"
        ".textContent.includes('Fietsstraat')"
    )
    assert "Herbestemming pastorie" in results.inner_text()

    # The list is an accessible alternative: a keyboard user shows an item on the map.
    page.locator("#resultaten-lijst button", has_text="toon op kaart").first.focus()
    page.keyboard.press("Enter")
    page.locator("#kaart-detail h2").wait_for()
    assert (
        page.locator("#kaart-detail h2").first.inner_text() == "Herbestemming pastorie"
    )

    # Choropleth mode colours the municipalities and shows a legend.
    page.select_option("#f-kleur", "projecten")
    page.locator("#kaart-legende").wait_for(state="visible")
    assert "per gemeente" in page.locator("#kaart-legende").inner_text()

    # A shared link opens the same view.
    shared = page.url
    assert "kleur=projecten" in shared and "fase=uitvoering" in shared
    page.goto(shared)
    assert page.locator("#f-fase").input_value() == "uitvoering"

    # "Wat geldt hier?" on a click on the map.
    page.goto(live_server.url + "/kaart/?laag=gemeenten")
    # Zoomed in (a pixel is a few metres), beside the project at the RUP's centre.
    spot = offset(rup.geom.centroid, east=100)
    page.wait_for_function("() => window.atelier && window.atelier.maps['kempenkaart']")
    page.evaluate(
        f"() => window.atelier.maps['kempenkaart'].setView([{spot.y}, {spot.x}], 16,"
        " {animate: false})"
    )
    click_map_at(page, "kempenkaart", spot)
    page.locator("#kaart-detail >> text=Wat geldt hier?").wait_for()
    assert "RUP Stationsomgeving" in page.locator("#kaart-detail").inner_text()
    assert (
        Gemeente.objects.get(slug="turnhout").name
        in page.locator("#kaart-detail").inner_text()
    )
