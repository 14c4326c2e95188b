"""The Content-Security-Policy: strict on the public site (no inline script or style
attribute, no eval, images from here, data: and the tile server), its own relaxed
policy in the back offices; and the pages keep to it (the browser test in
tests/browser/test_csp.py shows that nothing is blocked)."""

from html.parser import HTMLParser

import pytest

from atelier.csp import tile_source

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (
            part.split() for part in header.split(";") if part.strip()
        )
    }


class InlineCode(HTMLParser):
    """What a strict policy blocks: inline scripts (not JSON data blocks), <style>
    elements, style attributes and event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            if attrs.get("type") != "application/json":
                self.found.append(f"inline <script> {attrs}")
        if tag == "style":
            self.found.append("<style>")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_the_public_policy_is_strict(client):
    rules = policy(client.get("/"))
    assert rules["default-src"] == ["'self'"]
    assert rules["script-src"] == ["'self'"]
    assert rules["style-src"] == ["'self'"]
    assert rules["img-src"] == ["'self'", "data:"]  # no tile server in tests
    assert rules["object-src"] == ["'none'"]
    for name in ("frame-ancestors", "form-action", "base-uri"):
        assert rules[name] == ["'self'"]
    header = client.get("/").headers["Content-Security-Policy"]
    assert "unsafe" not in header


def test_every_public_page_keeps_to_it(client, partner, site_pages):
    client.force_login(partner)  # the project form too
    for url in [*site_pages, "/kaart/projecten/nieuw/", "/account/", "/bestaat-niet/"]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert "unsafe" not in response["Content-Security-Policy"], url
        assert inline_code(response.content.decode()) == [], url


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_the_back_offices_have_their_own_policy(client, url):
    rules = policy(client.get(url))
    assert rules["script-src"] == ["'self'", "'unsafe-inline'"]
    assert rules["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in rules["script-src"]
    assert rules["frame-ancestors"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]


def test_a_page_whose_path_only_starts_like_the_admin_is_public(client):
    rules = policy(client.get("/administratie/"))  # a 404 of the site, not the admin
    assert rules["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        (
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://tile.openstreetmap.org",
        ),
        ("https://{s}.tiles.example.be/{z}/{x}/{y}.png", "https://*.tiles.example.be"),
        ("http://localhost:8080/tiles/{z}/{x}/{y}.png", "http://localhost:8080"),
        ("", None),
    ],
)
def test_the_tile_server_is_the_one_outside_image_source(url, source):
    assert tile_source(url) == source
