"""In a real browser, the Content-Security-Policy blocks nothing on the main pages:
no `securitypolicyviolation` event, no CSP message in the console, and the maps are
drawn (their scripts start from data attributes, not inline code)."""

import pytest

from atelier import roles
from tests.atelier.factories import UserFactory
from tests.browser.test_kempenkaart import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
        `(${event.sourceFile}:${event.lineNumber})`
    );
});
"""


@pytest.fixture
def watched(page):
    """The page, recording every CSP violation (events and console messages)."""
    page.add_init_script(LISTEN)
    page.csp_messages = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.csp_messages.append(message.text)
        ),
    )
    return page


def violations(page):
    return page.evaluate("window.__cspViolations") + page.csp_messages


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().partition(" ")[::2] for d in policy.split(";"))
    assert directives["script-src"] == "'self'", policy  # in any order of directives
    page.wait_for_load_state("networkidle")
    if page.locator("[data-map]").count():  # every map on the page was started
        page.wait_for_function(
            "() => document.querySelectorAll('[data-map]').length === "
            "document.querySelectorAll('[data-map].leaflet-container').length"
        )
    return violations(page)


def test_no_csp_violation_on_the_main_pages(live_server, watched, site_pages):
    for url in site_pages:
        assert visit(watched, live_server.url + url) == [], url


def test_no_csp_violation_on_the_map_while_it_is_used(live_server, watched, site_pages):
    visit(watched, live_server.url + "/kaart/?kleur=projecten")
    watched.locator("#kaart-legende").wait_for(state="visible")  # choropleth legend
    watched.locator("#resultaten-lijst button", has_text="toon op kaart").first.click()
    watched.locator("#kaart-detail h2").wait_for()
    assert violations(watched) == []


def test_no_csp_violation_on_the_project_form(live_server, watched):
    partner = UserFactory(roles=[roles.PARTNER])
    log_in(watched, live_server.url, partner)
    visit(watched, live_server.url + "/kaart/projecten/nieuw/")
    watched.locator(".leaflet-draw-draw-polygon").click()  # Leaflet.draw's toolbar
    assert violations(watched) == []


def test_the_inspiration_theme_filter_submits_without_inline_code(
    live_server, watched, site_pages
):
    visit(watched, live_server.url + "/inspiratie/")
    watched.select_option("#id_thema", "erfgoed")
    watched.wait_for_url("**/inspiratie/?thema=erfgoed")
    assert violations(watched) == []
