"""Pages for anonymous visitors from the shared cache (issue 13, item 2), never stale
and never showing what is not published."""

import pytest
from django.core.cache import cache
from wagtail.models import Page

from atelier.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def over():
    page = ContentPage(title="Over het Atelier", slug="over", intro="Eerste versie")
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_anonymous_page_is_rendered_once_then_served_from_the_cache(client, over):
    first = client.get("/over/")
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    second = client.get("/over/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The outer middlewares still answer for each request.
    assert "Content-Security-Policy" in second
    assert second["X-Request-ID"] != first["X-Request-ID"]


def test_a_change_or_unpublish_is_seen_at_once(client, over):
    client.get("/over/")
    over.intro = "Tweede versie"
    over.save_revision().publish()
    response = client.get("/over/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tweede versie" in response.content.decode()
    over.unpublish()
    assert client.get("/over/").status_code == 404
    assert Page.objects.filter(pk=over.pk, live=False).exists()


def test_logged_in_users_and_forms_are_never_cached(client, over, partner):
    client.force_login(partner)
    assert "X-Page-Cache" not in client.get("/over/")
    client.logout()
    login = client.get("/account/aanmelden/")
    assert "X-Page-Cache" not in login  # a form with a CSRF token, and /account/


def test_the_cache_can_be_off(client, over, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Page-Cache" not in client.get("/over/")
