"""Hostile query strings never give a server error: every filter of every list page
and endpoint, tried with the values that broke them (a `%`, a NUL byte, a number past
bigint, a digit that `int()` refuses, …). Each answer is a page or a 400, never a 500;
the API's 400s say in Dutch what is wrong."""

import pytest

from atelier.models import HomePage
from modeldocumenten.models import InspirationIndexPage
from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory
from tests.modeldocumenten.factories import library

pytestmark = pytest.mark.django_db

HOSTILE = [
    "%",
    "%s%(x)s",
    "\x00",
    "turn\x00hout",
    "99999999999999999999",
    "²",
    "-1",
    "1e400",
    "NaN",
    "é" * 300,
]

PAGES_AND_ENDPOINTS = {
    "/kaart/": [
        "gemeente",
        "thema",
        "fase",
        "soort",
        "status",
        "q",
        "bbox",
        "jaar",
        "ordering",
        "laag",
        "kleur",
    ],
    "/api/instrumenten/": [
        "gemeente",
        "thema",
        "soort",
        "status",
        "q",
        "bbox",
        "jaar",
        "ordering",
        "page",
        "page_size",
        "zoom",
    ],
    "/api/projecten/": [
        "gemeente",
        "thema",
        "fase",
        "q",
        "bbox",
        "jaar",
        "ordering",
        "page",
        "page_size",
    ],
    "/api/per-gemeente/": [
        "laag",
        "gemeente",
        "thema",
        "fase",
        "q",
        "bbox",
        "jaar",
    ],
    "/api/wat-geldt-hier/": ["lon", "lat", "afstand"],
    "/api/gemeenten/": ["format"],
    "/modeldocumenten/": [
        "thema",
        "soort",
        "niveau",
        "doelgroep",
        "q",
        "sorteer",
        "pagina",
    ],
    "/inspiratie/": ["thema"],
    "/agenda/": ["thema", "gemeente", "soort", "wanneer", "pagina"],
    "/agenda/maand/": ["thema", "gemeente", "soort", "maand"],
    "/agenda.ics": ["thema", "gemeente", "soort"],
    "/zoeken/": ["q"],
    "/gemeenten/turnhout/": ["q"],
}


@pytest.fixture
def content():
    ProjectFactory(title="Fietsstraat")
    InstrumentFactory(name="RUP Centrum")
    library().save_revision().publish()
    index = InspirationIndexPage(title="Inspiratie", slug="inspiratie")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()


@pytest.mark.parametrize("url", PAGES_AND_ENDPOINTS)
def test_no_filter_value_gives_a_server_error(client, content, url):
    client.raise_request_exception = False
    failures = []
    for name in PAGES_AND_ENDPOINTS[url]:
        for value in HOSTILE:
            extra = {"laag": "instrumenten"} if url == "/api/per-gemeente/" else {}
            if url == "/api/per-gemeente/" and name == "laag":
                extra = {}
            response = client.get(url, {**extra, name: value})
            if response.status_code >= 500:
                failures.append((name, value, response.status_code))
            elif url.startswith("/api/") and response.status_code == 400:
                assert response.json(), (name, value)
    assert not failures


@pytest.mark.parametrize(
    ("url", "params", "field", "message"),
    [
        (
            "/api/projecten/",
            {"gemeente": "100%"},
            "gemeente",
            "Onbekende gemeente: 100%",
        ),
        ("/api/projecten/", {"thema": "%s"}, "thema", "Onbekende waarde: %s"),
        ("/api/projecten/", {"fase": "a%b"}, "fase", "Onbekende waarde: a%b"),
        (
            "/api/projecten/",
            {"gemeente": "turn\x00hout"},
            "gemeente",
            "ongeldige tekens",
        ),
        ("/api/projecten/", {"thema": "\x00"}, "thema", "ongeldige tekens"),
        (
            "/api/projecten/",
            {"page": "99999999999999999999"},
            "page",
            "positief geheel getal",
        ),
        ("/api/projecten/", {"page_size": "²"}, "page_size", "positief geheel getal"),
        ("/api/instrumenten/", {"soort": "%"}, "soort", "Onbekende waarde: %"),
        ("/api/instrumenten/", {"status": "\x00"}, "status", "ongeldige tekens"),
        ("/api/instrumenten/", {"zoom": "²"}, "zoom", "zoomniveau van 0 tot 22"),
        (
            "/api/instrumenten/",
            {"zoom": "99999999999999999999"},
            "zoom",
            "zoomniveau van 0 tot 22",
        ),
        ("/api/per-gemeente/", {"laag": "%"}, "laag", "Kies projecten of instrumenten"),
    ],
)
def test_the_api_says_what_is_wrong_with_a_filter(client, url, params, field, message):
    response = client.get(url, params)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])


def test_a_page_far_past_the_end_is_a_400_not_an_overflow(client):
    ProjectFactory()
    response = client.get("/api/projecten/", {"page": "99999999999999999999"})
    assert response.status_code == 400
    response = client.get("/api/projecten/", {"page": "2000000"})  # fits: empty page
    assert response.status_code == 200
    assert response.json()["numberReturned"] == 0


def test_the_map_page_shows_a_bad_filter_as_a_message(client):
    response = client.get("/kaart/", {"thema": "100%"})
    assert response.status_code == 200
    assert "Onbekende waarde: 100%" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/gemeenten/turn%00hout/",
        "/api/projecten/p%00/",
        "/api/instrumenten/r%00/",
        "/gemeenten/turn%00hout/",
        "/kaart/projecten/p%00/",
        "/kaart/instrumenten/r%00/",
    ],
)
def test_a_nul_byte_in_a_slug_is_not_found(client, url):
    client.raise_request_exception = False
    assert client.get(url).status_code == 404


def test_inspiration_with_a_nul_byte_in_the_theme_lists_nothing(client, content):
    client.raise_request_exception = False
    response = client.get("/inspiratie/", {"thema": "erf\x00goed"})
    assert response.status_code == 200
