"""The Wagtail admin's own create and edit views for instruments: the geometry
validators on the model fields, and the derived municipalities."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Point
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from atelier.geometry import MAX_VERTICES
from atelier.models import Gemeente
from kempenkaart.models import Instrument
from tests.kempenkaart.factories import inside, square

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_kempenkaart_instrument:add")


def instrument_form(geom, **fields):
    return nested_form_data(
        {
            "name": "RUP Stationsomgeving",
            "slug": "rup-stationsomgeving",
            "soort": Instrument.Soort.GEMEENTELIJK_RUP,
            "description": "",
            "geom": geom.geojson,
            "register_url": "",
            "external_id": "",
            "stappen": inline_formset([]),
            "documenten": inline_formset([]),
            **fields,
        }
    )


def test_the_admin_refuses_an_instrument_outside_the_kempen(client, iok_medewerker):
    client.force_login(iok_medewerker)
    antwerp = square(Point(4.40, 51.22, srid=4326), 300)
    response = client.post(ADD, instrument_form(antwerp))
    assert response.status_code == 200
    assert "Het gebied ligt buiten de Kempen." in response.content.decode()
    assert not Instrument.objects.exists()


def test_the_admin_refuses_an_instrument_over_the_vertex_limit(client, iok_medewerker):
    client.force_login(iok_medewerker)
    centre = inside("turnhout").transform(31370, clone=True)
    circle = centre.buffer(200, quadsegs=MAX_VERTICES // 4 + 10)
    circle.transform(4326)
    response = client.post(ADD, instrument_form(MultiPolygon(circle, srid=4326)))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"meer dan {MAX_VERTICES} is niet toegelaten" in html
    assert not Instrument.objects.exists()


def test_the_admin_links_the_municipalities_of_the_area_on_every_save(
    client, iok_medewerker
):
    client.force_login(iok_medewerker)
    response = client.post(ADD, instrument_form(square(inside("turnhout"), 300)))
    assert response.status_code == 302, response.content.decode()[:2000]
    instrument = Instrument.objects.get()
    assert list(instrument.gemeenten.values_list("slug", flat=True)) == ["turnhout"]
    # Moved to Geel: the links follow, though some were there already.
    edit = reverse("wagtailsnippets_kempenkaart_instrument:edit", args=[instrument.pk])
    response = client.post(edit, instrument_form(square(inside("geel"), 300)))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(instrument.gemeenten.values_list("slug", flat=True)) == ["geel"]


def test_a_shape_just_over_the_regions_edge_is_within_the_tolerance():
    from atelier.geometry import REGION_TOLERANCE, validate_geometry

    hoogstraten = Gemeente.objects.get(slug="hoogstraten")
    edge = max(hoogstraten.geom.coords[0][0], key=lambda c: c[1])
    just_over = Point(*edge, srid=4326).transform(31370, clone=True)
    just_over.y += REGION_TOLERANCE / 2  # north of the northernmost vertex
    just_over.transform(4326)
    validate_geometry(just_over, label="De locatie")  # no error
    far_over = Point(*edge, srid=4326).transform(31370, clone=True)
    far_over.y += REGION_TOLERANCE * 4
    far_over.transform(4326)
    with pytest.raises(ValidationError, match="buiten de Kempen"):
        validate_geometry(far_over, label="De locatie")
