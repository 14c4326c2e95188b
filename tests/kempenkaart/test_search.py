"""One full-text configuration: what `/zoeken/` finds of the Kempenkaart is what its
"alle resultaten" page and the API's `?q=` return."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from kempenkaart import search
from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory

pytestmark = pytest.mark.django_db

QUERIES = ["cafe", "Café", "verordeningen", "verhard", "speelbos", "dorpsplein"]


@pytest.fixture
def content(partner):
    ProjectFactory(title="Café De Zwaan", description="<p>Een terras.</p>")
    ProjectFactory(
        title="Herinrichting dorpsplein",
        description="<p>De verordening over verharding en het cafe.</p>",
    )
    ProjectFactory(title="Speelbos Zwaneven", description="<p>Spelen in het bos.</p>")
    ProjectFactory(title="Nog geheim café", live=False, ingediend_door=partner)
    InstrumentFactory(name="Verordening verhardingen", description="Voor cafés.")
    InstrumentFactory(name="RUP Dorpsplein", description="Een speelbos erbij.")
    InstrumentFactory(name="BPA Stationsomgeving", description="Niets hiervan.")


def search_slugs(provider, user, query):
    request = RequestFactory().get("/zoeken/", {"q": query})
    request.user = user
    return {obj.slug for obj in provider.search(request, query)}


def api_slugs(client, kind, query):
    response = client.get(f"/api/{kind}/?{urlencode({'q': query, 'page_size': 100})}")
    assert response.status_code == 200
    return {f["properties"]["slug"] for f in response.json()["features"]}


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_search_and_the_api_filter_find_the_same(
    client, content, partner, logged_in
):
    user = AnonymousUser()
    if logged_in:  # the submitter also finds their own unpublished project
        client.force_login(partner)
        user = partner
    found_anything = set()
    for query in QUERIES:
        projects = search_slugs(search.projecten, user, query)
        instruments = search_slugs(search.instrumenten, user, query)
        assert projects == api_slugs(client, "projecten", query), query
        assert instruments == api_slugs(client, "instrumenten", query), query
        found_anything |= projects | instruments
    # Accents and Dutch stemming count, the same in both.
    assert "cafe-de-zwaan" in search_slugs(search.projecten, user, "cafe")
    assert "verordening-verhardingen" in search_slugs(
        search.instrumenten, user, "verordeningen"
    )
    assert ("nog-geheim-cafe" in found_anything) is logged_in


def test_alle_resultaten_leads_to_the_same_list(client, content):
    request = RequestFactory().get("/zoeken/")
    request.user = AnonymousUser()
    url = search.map_url(request, "cafe")
    assert url == "/kaart/?q=cafe"
    html = client.get(url).content.decode()
    for slug in search_slugs(search.projecten, AnonymousUser(), "cafe"):
        assert f"/kaart/projecten/{slug}/" in html
    assert "/kaart/projecten/speelbos-zwaneven/" not in html
