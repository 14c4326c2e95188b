import json

import pytest
from django.contrib.gis.geos import GEOSGeometry
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(client):
    response = client.get("/api/gemeenten/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_gemeenten_api_returns_the_29_municipalities_as_geojson(collection):
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 29
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert {"nis_code", "naam", "slug", "oppervlakte_km2"} <= set(
            feature["properties"]
        )
        geometry = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        assert geometry.geom_type == "MultiPolygon"
        assert geometry.valid


@pytest.mark.parametrize(("naam", "km2"), [("Mol", 114.5), ("Turnhout", 56.7)])
def test_the_returned_geometries_have_the_real_areas(collection, naam, km2):
    feature = next(f for f in collection["features"] if f["properties"]["naam"] == naam)
    geometry = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
    geometry.transform(31370)
    assert geometry.area / 1e6 == pytest.approx(km2, abs=0.5)
    assert feature["properties"]["oppervlakte_km2"] == pytest.approx(km2, abs=0.1)


def test_one_gemeente_as_a_feature(client):
    response = client.get(reverse("api:gemeente-detail", kwargs={"slug": "turnhout"}))
    feature = response.json()
    assert response.status_code == 200
    assert feature["type"] == "Feature"
    assert feature["properties"]["nis_code"] == "13040"
    assert feature["properties"]["naam"] == "Turnhout"
    assert feature["properties"]["url"].endswith("/gemeenten/turnhout/")


def test_an_unknown_gemeente_is_a_404_with_a_message(client):
    response = client.get("/api/gemeenten/atlantis/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_the_gemeenten_api_is_read_only(client, iok_medewerker):
    payload = {"naam": "Nieuwe gemeente"}
    assert client.post("/api/gemeenten/", payload).status_code == 403
    client.force_login(iok_medewerker)
    assert client.post("/api/gemeenten/", payload).status_code == 405
    assert client.delete("/api/gemeenten/turnhout/").status_code == 405


def test_openapi_schema_documents_the_gemeenten_endpoint(client):
    response = client.get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    schema = json.loads(response.content)
    assert response.status_code == 200
    assert "/api/gemeenten/" in schema["paths"]
    assert all(path.startswith("/api/") for path in schema["paths"])


def test_api_docs_serve_their_assets_locally(client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


def test_openapi_schema_is_valid_and_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in ("/api/projecten/", "/api/instrumenten/", "/api/wat-geldt-hier/"):
        assert path in schema
    assert "minlon,minlat,maxlon,maxlat" in schema
