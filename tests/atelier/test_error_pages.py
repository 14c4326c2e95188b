"""Every error a visitor can meet is a Dutch page in the portal's look, never
Django's English page: not found (404), forbidden (403), a form sent without its
CSRF token (403), a bad request (400) and a server error (500)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def assert_portal_error_page(response, status, title):
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="nl-BE">' in html
    assert f"<h1>{title}</h1>" in html
    assert "css/atelier.css" in html  # styled like the rest of the portal
    assert "Naar de startpagina" in html


def test_not_found(client):
    assert_portal_error_page(client.get("/bestaat-niet/"), 404, "Pagina niet gevonden")


@pytest.mark.urls("tests.atelier.error_urls")
def test_forbidden_offers_a_login_to_anonymous_visitors(client):
    response = client.get("/verboden/")
    assert_portal_error_page(response, 403, "Geen toegang")
    assert "/account/aanmelden/?next=/verboden/" in response.content.decode()


def test_form_without_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/aanmelden/", {"username": "x", "password": "y"})
    assert_portal_error_page(response, 403, "Formulier verlopen")


def test_bad_request_from_an_unknown_host():
    response = Client(HTTP_HOST="evil.example").get("/")
    assert_portal_error_page(response, 400, "Ongeldige vraag")


@pytest.mark.urls("tests.atelier.error_urls")
def test_server_error():
    response = Client(raise_request_exception=False).get("/kapot/")
    assert_portal_error_page(response, 500, "Er ging iets mis")
    assert "RuntimeError" not in response.content.decode()
