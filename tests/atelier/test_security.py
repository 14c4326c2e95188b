"""Guessing passwords: five wrong ones for a username from one address lock that
pair out for a quarter of an hour, on every login form; the client's address comes
from a proxy's header only when a proxy is declared."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from tests.atelier.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord"
LOGIN_URLS = ["/account/aanmelden/", "/admin/login/", "/django-admin/login/"]


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True, username="beheer")


def log_in(client, url, username, password, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_thirty_wrong_passwords_lock_the_right_one_out(client, staff, url):
    for _ in range(30):
        response = log_in(client, url, "beheer", "fout")
    assert response.status_code == 429
    response = log_in(client, url, "beheer", PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert "Te veel mislukte aanmeldpogingen" in html
    assert "15 minuten" in html


def test_the_fifth_failure_locks_and_the_lock_ends_after_the_cool_off(client, staff):
    from axes.models import AccessAttempt

    url = LOGIN_URLS[0]
    for _ in range(4):
        assert log_in(client, url, "beheer", "fout").status_code == 200
    assert log_in(client, url, "beheer", "fout").status_code == 429
    assert log_in(client, url, "beheer", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, url, "beheer", PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_successful_login_resets_the_count(client, staff):
    url = LOGIN_URLS[0]
    for _ in range(4):
        log_in(client, url, "beheer", "fout")
    assert log_in(client, url, "beheer", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, url, "beheer", "fout").status_code == 200
    assert log_in(client, url, "beheer", PASSWORD).status_code == 302


def test_the_lock_holds_for_that_username_from_that_address_only(client, staff):
    partner = UserFactory(username="partner")
    url = LOGIN_URLS[0]
    for _ in range(5):
        log_in(client, url, "beheer", "fout", REMOTE_ADDR="203.0.113.7")
    assert (
        log_in(client, url, "beheer", PASSWORD, REMOTE_ADDR="203.0.113.7").status_code
        == 429
    )
    assert (
        log_in(
            client, url, partner.username, PASSWORD, REMOTE_ADDR="203.0.113.7"
        ).status_code
        == 302
    )
    client.logout()
    assert (
        log_in(client, url, "beheer", PASSWORD, REMOTE_ADDR="198.51.100.1").status_code
        == 302
    )


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(client, staff):
    url = LOGIN_URLS[0]
    for n in range(10):
        response = log_in(
            client, url, "beheer", "fout", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        )
    assert response.status_code == 429


def test_behind_a_declared_proxy_the_client_is_the_address_it_forwards(settings):
    from atelier.security import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_ip(request) == "172.18.0.5"  # no proxy declared: the peer
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.7"  # what our proxy appended, not 6.6.6.6
    settings.PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    without = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5")
    assert client_ip(without) == "172.18.0.5"
