"""The API takes a session or a personal token, which users make on /account/; HTTP
Basic auth (a password oracle on every API URL) is off."""

import base64

import pytest
from django.urls import reverse

from kempenkaart.models import Project
from tests.kempenkaart.factories import project_feature

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord"
TOKENS = "/account/api-sleutel/"


def basic(username, password):
    pair = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {pair}"}


def test_basic_auth_is_not_an_api_login(client, partner):
    response = client.post(
        "/api/projecten/",
        project_feature(),
        content_type="application/json",
        **basic(partner.username, PASSWORD),
    )
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_the_schema_offers_session_and_token_not_basic_auth(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"apiKey"}
    assert {s["name"] for s in schemes.values()} == {"sessionid", "Authorization"}


def test_a_partner_makes_a_token_on_their_account_page_and_posts_with_it(
    client, partner
):
    client.force_login(partner)
    assert "API-sleutel" in client.get(reverse("account:profile")).content.decode()
    response = client.post(TOKENS, {"actie": "maak"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = response.context["sleutel"]
    assert len(key) == 40 and key in response.content.decode()

    api = client.__class__()
    response = api.post(
        "/api/projecten/",
        project_feature(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 201, response.content
    assert Project.objects.get().ingediend_door == partner


def test_a_new_token_replaces_the_old_one_and_revoking_ends_it(client, partner):
    client.force_login(partner)
    old = client.post(TOKENS, {"actie": "maak"}).context["sleutel"]
    new = client.post(TOKENS, {"actie": "maak"}).context["sleutel"]
    assert new != old
    api = client.__class__()
    headers = {"content_type": "application/json"}
    response = api.post(
        "/api/projecten/",
        project_feature(),
        HTTP_AUTHORIZATION=f"Token {old}",
        **headers,
    )
    assert response.status_code == 403
    response = client.post(TOKENS, {"actie": "trek-in"})
    assert response.status_code == 302
    response = api.post(
        "/api/projecten/",
        project_feature(),
        HTTP_AUTHORIZATION=f"Token {new}",
        **headers,
    )
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_tokens_are_for_signed_in_users_by_post_only(client, partner):
    response = client.post(TOKENS, {"actie": "maak"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:login"))
    client.force_login(partner)
    assert client.get(TOKENS).status_code == 405
    assert client.post(TOKENS, {"actie": "iets"}).status_code == 400


def test_the_account_page_never_shows_the_token_itself(client, partner):
    client.force_login(partner)
    key = client.post(TOKENS, {"actie": "maak"}).context["sleutel"]
    html = client.get(reverse("account:profile")).content.decode()
    assert key not in html
    assert "U hebt een API-sleutel" in html
