"""The API throttles: anonymous visitors and users per minute, writes (stricter) per
hour. The test settings raise the rates; each test sets its own."""

import pytest
from django.core.cache import cache

from tests.kempenkaart.factories import project_feature

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    """Small rates, and no history of earlier tests."""
    cache.clear()

    def set_rates(**rates):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                "anon": "1000/minute",
                "user": "1000/minute",
                "write": "1000/hour",
                **rates,
            },
        }

    yield set_rates
    cache.clear()


def test_anonymous_reads_are_throttled_per_address(client, rates):
    rates(anon="3/minute")
    for _ in range(3):
        assert client.get("/api/gemeenten/").status_code == 200
    response = client.get("/api/gemeenten/")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "seconden" in response.json()["detail"]
    other = client.get("/api/gemeenten/", REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(client, rates):
    rates(anon="2/minute")
    codes = [
        client.get("/api/gemeenten/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_signed_in_users_have_their_own_rate(client, partner, rates):
    rates(anon="1/minute", user="4/minute")
    client.force_login(partner)
    codes = [client.get("/api/gemeenten/").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]


def test_writes_are_throttled_more_strictly_than_reads(client, partner, rates):
    rates(user="100/minute", write="2/hour")
    client.force_login(partner)

    def post(n):
        return client.post(
            "/api/projecten/",
            project_feature(titel=f"Project {n}"),
            content_type="application/json",
        ).status_code

    assert [post(n) for n in range(3)] == [201, 201, 429]
    assert client.get("/api/projecten/").status_code == 200  # reads go on
