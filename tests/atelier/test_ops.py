"""Operations: the load balancer's health check and the request id on every request
and log line (issue 13, item 4)."""

import gzip
import json
import logging

import pytest
from django.conf import settings
from django.test import override_settings

from atelier import ops

pytestmark = pytest.mark.django_db


def test_health_check_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/gezond/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_health_check_needs_no_known_host_and_no_https(client):
    # The load balancer asks by the container's address, over plain HTTP.
    with override_settings(ALLOWED_HOSTS=["atelier.example"], SECURE_SSL_REDIRECT=True):
        response = client.get("/gezond/", HTTP_HOST="10.0.0.7:8000")
        assert response.status_code == 200
        assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_health_check_fails_without_details_when_the_cache_is_down(client, caplog):
    broken = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        }
    }
    with override_settings(CACHES=broken), caplog.at_level(logging.ERROR):
        response = client.get("/gezond/")
    assert response.status_code == 503
    assert response.json() == {"status": "fout"}
    assert b"9" not in response.content and b"redis" not in response.content.lower()
    assert "Health check failed" in caplog.text


def test_a_request_gets_an_id_that_the_response_returns(client):
    first = client.get("/gezond/")["X-Request-ID"]
    second = client.get("/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_the_proxys_request_id_is_honoured_and_a_forged_one_replaced(client):
    given = client.get("/", HTTP_X_REQUEST_ID="proxy-1a2b.3")
    assert given["X-Request-ID"] == "proxy-1a2b.3"
    forged = client.get("/", HTTP_X_REQUEST_ID="x\nlevel=ERROR fake line")
    assert forged["X-Request-ID"] != "x\nlevel=ERROR fake line"
    assert ops.REQUEST_ID_PATTERN.fullmatch(forged["X-Request-ID"])


def test_log_lines_are_json_with_the_request_id(rf):
    formatter_config = settings.LOGGING["formatters"]["json"]
    formatter = formatter_config["()"].rsplit(".", 1)
    module = __import__(formatter[0], fromlist=[formatter[1]])
    json_formatter = getattr(module, formatter[1])(
        formatter_config["fmt"], rename_fields=formatter_config["rename_fields"]
    )
    record = logging.LogRecord(
        "atelier", logging.WARNING, __file__, 1, "Iets %s", ("mis",), None
    )
    token = ops.request_id.set("abc123")
    try:
        ops.RequestIdFilter().filter(record)
    finally:
        ops.request_id.reset(token)
    line = json.loads(json_formatter.format(record))
    assert line["request_id"] == "abc123"
    assert line["message"] == "Iets mis"
    assert line["level"] == "WARNING"
    assert settings.LOG_FORMAT == "json"  # outside DEBUG


def test_a_view_logs_with_its_request_id(client, caplog):
    handler_filter = ops.RequestIdFilter()
    caplog.handler.addFilter(handler_filter)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/bestaat-niet/", HTTP_X_REQUEST_ID="req-42")
    assert response.status_code == 404
    assert [r.request_id for r in caplog.records if r.name == "django.request"] == [
        "req-42"
    ]


def test_html_and_json_are_compressed_images_not(client):
    page = client.get("/gemeenten/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert gzip.decompress(page.content).startswith(b"<!DOCTYPE html>")
    assert "Accept-Encoding" in page["Vary"]
    data = client.get("/api/gemeenten/", HTTP_ACCEPT_ENCODING="gzip")
    assert data["Content-Encoding"] == "gzip"
    plain = client.get("/gemeenten/")
    assert "Content-Encoding" not in plain


def test_the_boundaries_are_one_cacheable_simplified_file(client):
    response = client.get("/gemeenten/grenzen.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert len(data["features"]) == 29
    assert {"naam", "slug", "nis_code"} <= set(data["features"][0]["properties"])
    assert "max-age=604800" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert len(response.content) < 120 * 1024  # simplified, 5 decimals
    again = client.get(
        "/gemeenten/grenzen.geojson", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    assert client.post("/gemeenten/grenzen.geojson").status_code == 405


def test_pages_with_the_boundary_map_no_longer_carry_the_boundaries(client):
    for url in ("/", "/gemeenten/"):
        html = client.get(url).content.decode()
        assert 'data-boundaries="/gemeenten/grenzen.geojson"' in html, url
        assert "MultiPolygon" not in html, url
