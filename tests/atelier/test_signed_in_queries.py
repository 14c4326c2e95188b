"""Signed-in pages stay cheap (issue 13, item 2: p95 < 300 ms at 20 clients): what is
the same for every visitor (the footer's partners, the menu's pages, the map's inline
boundaries) comes from the shared cache, and a write still shows at once."""

import pytest
from django.core.cache import cache

from tests.atelier.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("path", "most"),
    [
        # Exactly what they take now (22 and 24 before the shared values): session,
        # user, permissions, the generation and the shared values, the page's own
        # queries (counts, lists, the apps' account sections), Wagtail's user bar.
        ("/kaart/", 17),
        ("/account/", 19),
    ],
)
def test_a_signed_in_page_stays_within_its_queries(
    client, partner, django_assert_max_num_queries, path, most
):
    client.force_login(partner)
    assert client.get(path).status_code == 200  # fills the shared values
    with django_assert_max_num_queries(most):
        assert client.get(path).status_code == 200


def test_a_new_partner_shows_in_a_signed_in_footer_at_once(client, partner):
    client.force_login(partner)
    assert "Nieuwe Partner vzw" not in client.get("/kaart/").content.decode()
    OrganisatieFactory(name="Nieuwe Partner vzw", partnerschap=True)
    assert "Nieuwe Partner vzw" in client.get("/kaart/").content.decode()
