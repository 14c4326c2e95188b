import pytest
from django.urls import resolve, reverse

from atelier.models import Organisatie
from tests.atelier.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


def test_urls():
    assert reverse("gemeenten:list") == "/gemeenten/"
    assert reverse("gemeenten:detail", kwargs={"slug": "mol"}) == "/gemeenten/mol/"
    assert resolve("/gemeenten/mol/").view_name == "gemeenten:detail"
    assert reverse("api:gemeente-list") == "/api/gemeenten/"


def test_home_page_is_dutch_and_presents_the_portal(client):
    OrganisatieFactory(name="IOK", kind=Organisatie.Kind.KERNPARTNER, partnerschap=True)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl-BE">' in html
    assert "Atelier Ruimte Kempen ondersteunt de 29 Kempense gemeenten" in html
    assert 'href="/gemeenten/turnhout/"' in html
    assert 'id="gemeenten-geojson"' in html
    assert "IOK" in html  # the footer names the partners
    assert "Naar de inhoud" in html  # skip link


def test_gemeente_list_shows_all_29_with_their_area(client):
    response = client.get("/gemeenten/")
    assert response.status_code == 200
    assert len(response.context["gemeente_list"]) == 29
    assert "114,54" in response.content.decode()  # Mol, in Belgian notation


def test_gemeente_page_shows_the_municipality(client):
    response = client.get("/gemeenten/turnhout/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Turnhout</h1>" in html
    assert "13040" in html
    assert "56,71" in html
    assert 'href="/gemeenten/oud-turnhout/"' in html  # a neighbour
    assert "Statbel" in html  # boundary attribution
    assert '"type": "FeatureCollection"' in html or '"FeatureCollection"' in html


def test_unknown_gemeente_is_a_dutch_404(client):
    response = client.get("/gemeenten/atlantis/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_maps_need_no_tile_server_in_tests(client):
    html = client.get("/gemeenten/turnhout/").content.decode()
    assert "tile.openstreetmap.org" not in html


def test_profile_requires_login(client):
    response = client.get(reverse("account:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:login"))


def test_profile_shows_the_organisations_and_municipality(client, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    html = client.get(reverse("account:profile")).content.decode()
    assert "Gemeente Turnhout" in html
    assert "Gemeente-medewerker" in html
    assert 'href="/gemeenten/turnhout/"' in html


def test_login_with_a_wrong_password_is_refused_with_a_message(client, partner):
    response = client.post(
        reverse("account:login"), {"username": partner.username, "password": "fout"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_login_and_logout(client, partner):
    response = client.post(
        reverse("account:login"),
        {"username": partner.username, "password": "geheim-wachtwoord"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(partner.pk)
    client.post(reverse("account:logout"))
    assert "_auth_user_id" not in client.session


def test_content_page_is_served_under_the_home_page(client):
    from wagtail.models import Page

    from atelier.models import ContentPage, HomePage

    home = HomePage.objects.get()
    home.add_child(
        instance=ContentPage(title="Over het Atelier", slug="over", intro="Wie we zijn")
    )
    assert Page.objects.get(slug="over").live
    response = client.get("/over/")
    assert response.status_code == 200
    assert "Wie we zijn" in response.content.decode()
