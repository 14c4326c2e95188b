"""The registration form's limit per client address (settings
REGISTRATIONS_PER_10_MINUTES and REGISTRATIONS_PER_DAY, counted in the cache):
beyond it a clear Dutch refusal with 429, nothing saved and no mail sent."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from netwerk.models import Inschrijving

from .factories import open_bijeenkomst

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Small limits, and no counts of earlier tests."""
    cache.clear()

    def set_limits(per_10_minutes=1000, per_day=1000):
        settings.REGISTRATIONS_PER_10_MINUTES = per_10_minutes
        settings.REGISTRATIONS_PER_DAY = per_day

    yield set_limits
    cache.clear()


def register(client, bijeenkomst, n, **extra):
    url = reverse("netwerk:inschrijven", kwargs={"slug": bijeenkomst.slug})
    return client.post(
        url, {"naam": f"Persoon {n}", "email": f"persoon{n}@example.be"}, **extra
    )


def test_beyond_the_limit_per_ten_minutes_nothing_is_saved_or_mailed(
    client, limits, django_capture_on_commit_callbacks
):
    limits(per_10_minutes=3)
    bijeenkomst = open_bijeenkomst()
    with django_capture_on_commit_callbacks(execute=True):
        codes = [register(client, bijeenkomst, n).status_code for n in range(3)]
    assert codes == [302, 302, 302]
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        refused = register(client, bijeenkomst, 3)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "te veel inschrijvingen" in refused.content.decode()
    assert "minuten opnieuw" in refused.content.decode()
    assert not Inschrijving.objects.filter(email="persoon3@example.be").exists()
    assert Inschrijving.objects.count() == 3
    assert len(mail.outbox) == 3
    # Another address is not limited by this one.
    with django_capture_on_commit_callbacks(execute=True):
        other = register(client, bijeenkomst, 4, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
    assert len(mail.outbox) == 4


def test_the_limit_per_day_counts_across_gatherings(
    client, limits, django_capture_on_commit_callbacks
):
    limits(per_day=2)
    first, second = open_bijeenkomst(), open_bijeenkomst()
    assert register(client, first, 0).status_code == 302
    assert register(client, second, 1).status_code == 302
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        refused = register(client, second, 2)
    assert refused.status_code == 429
    assert "uur opnieuw" in refused.content.decode()
    assert Inschrijving.objects.count() == 2
    assert mail.outbox == []


def test_refused_registrations_do_not_use_up_the_limit(client, limits):
    """A registration refused for its input (twice the same address) sent no
    mail, so it does not count."""
    limits(per_10_minutes=2)
    bijeenkomst = open_bijeenkomst()
    assert register(client, bijeenkomst, 0).status_code == 302
    for _ in range(3):
        assert register(client, bijeenkomst, 0).status_code == 200  # already in
    assert register(client, bijeenkomst, 1).status_code == 302
    assert register(client, bijeenkomst, 2).status_code == 429


def test_the_address_is_the_declared_proxys_not_the_clients_word(
    client, limits, settings
):
    """A forged X-Forwarded-For does not buy a fresh count (atelier.security)."""
    limits(per_10_minutes=1)
    bijeenkomst = open_bijeenkomst()
    assert register(client, bijeenkomst, 0).status_code == 302
    forged = register(client, bijeenkomst, 1, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert forged.status_code == 429
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = 1
    behind = register(client, bijeenkomst, 2, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert behind.status_code == 302


def test_zero_is_no_limit(client, limits):
    limits(per_10_minutes=0, per_day=0)
    bijeenkomst = open_bijeenkomst()
    assert all(register(client, bijeenkomst, n).status_code == 302 for n in range(8))
