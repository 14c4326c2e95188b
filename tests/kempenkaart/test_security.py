"""What submitters type or upload never becomes markup, a 500 or a project outside
their reach."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from atelier.models import Gemeente
from kempenkaart.models import Project
from tests.kempenkaart.factories import inside, square
from tests.kempenkaart.test_views import CREATE, form_data

pytestmark = pytest.mark.django_db

SCRIPT = '<img src=x onerror="alert(1)">'


def test_a_description_from_the_form_is_escaped(client, partner):
    client.force_login(partner)
    client.post(CREATE, form_data(description=f"Mooi project {SCRIPT}"))
    project = Project.objects.get()
    assert "<img" not in project.description
    assert "&lt;img" in project.description
    html = client.get(project.get_absolute_url()).content.decode()
    assert SCRIPT not in html


def test_a_description_from_the_api_is_escaped(client, partner):
    here = inside("turnhout")
    client.force_login(partner)
    response = client.post(
        "/api/projecten/",
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [here.x, here.y]},
            "properties": {"titel": "Via API", "fase": "idee", "beschrijving": SCRIPT},
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert "<img" not in Project.objects.get().description


@pytest.mark.parametrize("text", ["{}", "POLYGON((", '{"type": "Polygon"}', "[1, 2]"])
def test_a_broken_outline_is_a_clear_error_not_a_crash(client, partner, text):
    client.force_login(partner)
    response = client.post(CREATE, form_data(omtrek_geojson=text))
    assert response.status_code == 200
    assert (
        "GeoJSON" in response.content.decode()
        or "polygoon" in response.content.decode()
    )
    assert not Project.objects.exists()


def test_a_self_intersecting_polygon_in_a_file_is_refused(client, partner):
    bowtie = {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [
                    [4.93, 51.32],
                    [4.95, 51.33],
                    [4.95, 51.32],
                    [4.93, 51.33],
                    [4.93, 51.32],
                ]
            ],
        },
    }
    client.force_login(partner)
    response = client.post(
        CREATE,
        form_data(
            lon="",
            lat="",
            geometrie_bestand=SimpleUploadedFile(
                "vlak.geojson", json.dumps(bowtie).encode()
            ),
        ),
    )
    assert response.status_code == 200
    assert "ongeldig" in response.content.decode()
    assert not Project.objects.exists()


def test_the_api_takes_a_point_as_the_location(client, partner):
    outline = json.loads(square(inside("turnhout"), 200).geojson)
    client.force_login(partner)
    response = client.post(
        "/api/projecten/",
        {
            "type": "Feature",
            "geometry": outline,
            "properties": {"titel": "Vlak", "fase": "idee"},
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "punt" in response.content.decode()


def test_an_official_cannot_place_a_project_across_the_border(
    client, gemeente_medewerker, partner
):
    turnhout = Gemeente.objects.get(slug="turnhout")
    oud = Gemeente.objects.get(slug="oud-turnhout")
    border = turnhout.geom.intersection(oud.geom).point_on_surface
    outline = square(border, 600)
    point_in_oud = outline.intersection(oud.geom).point_on_surface
    fields = {
        "lon": f"{point_in_oud.x}",
        "lat": f"{point_in_oud.y}",
        "omtrek_geojson": outline.geojson,
        "gemeente": turnhout.pk,
    }
    client.force_login(gemeente_medewerker)  # of Turnhout
    response = client.post(CREATE, form_data(**fields))
    assert "U kunt geen projecten toevoegen in Turnhout" in response.content.decode()
    assert not Project.objects.exists()
    client.force_login(partner)  # partners may, for a project across the border
    assert client.post(CREATE, form_data(**fields)).status_code == 302
