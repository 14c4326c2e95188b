"""What submitters type or upload never becomes markup, a 500 or a project outside
their reach."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Point
from django.core.files.uploadedfile import SimpleUploadedFile

from atelier.models import Gemeente
from kempenkaart import rules
from kempenkaart.models import Project
from tests.kempenkaart.factories import inside, square
from tests.kempenkaart.test_views import CREATE, form_data
from tests.netprobe import Listener

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
    assert "De locatie ligt buiten uw gemeente Turnhout" in response.content.decode()
    assert not Project.objects.exists()
    client.force_login(partner)  # partners may, for a project across the border
    assert client.post(CREATE, form_data(**fields)).status_code == 302


# Geometry files reach no driver, file or address but the three the form promises

DATA = Path(__file__).resolve().parent / "data"
GEEL = Point(4.998614, 51.165936, srid=4326)  # where the sample files in data/ point


def hostile(name, **values):
    """A sample file from data/ with its placeholders (`__POORT__`, `__BESTAND__`)
    filled in."""
    text = (DATA / name).read_text()
    for key, value in values.items():
        text = text.replace(f"__{key.upper()}__", str(value))
    return text.encode()


def upload(client, name, content, **fields):
    return client.post(
        CREATE,
        form_data(
            lon="",
            lat="",
            geometrie_bestand=SimpleUploadedFile(name, content),
            **fields,
        ),
    )


def test_a_vrt_named_geojson_never_turns_a_server_file_into_an_outline(
    client, partner, tmp_path
):
    secret = square(inside("turnhout"), 400)  # a file on the server holds this
    (tmp_path / "geheim.csv").write_text(f'wkt,naam\n"{secret.wkt}",geheim\n')
    client.force_login(partner)
    response = upload(
        client,
        "plan.geojson",
        hostile("vrt_lokaal_bestand.geojson", bestand=tmp_path / "geheim.csv"),
    )
    assert response.status_code == 200
    assert "kan niet gelezen worden" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("sample", "name"),
    [
        ("vrt_vsicurl.geojson", "plan.geojson"),
        ("vrt_postgresql.geojson", "plan.geojson"),
        ("vrt_postgresql.geojson", "plan.json"),
        ("crs_link.geojson", "plan.geojson"),
        ("externe_entiteit.gpx", "plan.gpx"),
        ("networklink.kml", "plan.kml"),
    ],
)
def test_a_geometry_file_never_makes_the_server_connect_anywhere(
    client, partner, sample, name
):
    client.force_login(partner)
    with Listener() as listener:
        response = upload(client, name, hostile(sample, poort=listener.port))
        assert listener.connections() == []
    assert response.status_code in (200, 302)
    if response.status_code == 302:  # the KML's own point; its links are ignored
        assert Project.objects.get().locatie.equals_exact(GEEL, 1e-9)


def test_a_geojson_crs_other_than_a_known_code_is_refused_with_a_reason(
    client, partner
):
    client.force_login(partner)
    response = upload(client, "plan.geojson", hostile("crs_link.geojson", poort=9))
    assert "coördinatenstelsel" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("sample", "name"),
    [("entiteiten.kml", "plan.kml"), ("externe_entiteit.gpx", "plan.gpx")],
)
def test_xml_with_a_doctype_or_entities_is_refused(client, partner, sample, name):
    client.force_login(partner)
    response = upload(client, name, hostile(sample, poort=9))
    assert response.status_code == 200
    assert "DOCTYPE" in response.content.decode()
    assert "root:" not in response.content.decode()
    assert not Project.objects.exists()


# 3-D coordinates: accepted, the height dropped


def test_a_google_earth_kml_with_altitudes_gives_a_2d_point_and_outline(
    client, partner
):
    client.force_login(partner)
    response = upload(
        client, "speelbos.kml", (DATA / "hoogte_google_earth.kml").read_bytes()
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get()
    assert project.gemeente.slug == "geel"
    assert not project.locatie.hasz and not project.omtrek.hasz
    assert project.locatie.equals_exact(GEEL, 1e-9)
    assert project.omtrek.extent == pytest.approx((4.9966, 51.1646, 5.0006, 51.1672))


def test_a_geojson_point_with_a_height_is_a_2d_point(client, partner):
    client.force_login(partner)
    response = upload(
        client, "ingang.geojson", (DATA / "punt_met_hoogte.geojson").read_bytes()
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Project.objects.get().locatie.coords == (4.998614, 51.165936)


def with_height(geojson, z=12.5):
    """GeoJSON text of `geojson` with a height added to every position."""

    def add(value):
        if value and isinstance(value[0], float | int):
            return [*value, z]
        return [add(v) for v in value]

    data = json.loads(geojson)
    data["coordinates"] = add(data["coordinates"])
    return data


def test_a_drawn_outline_with_heights_is_stored_in_2d(client, partner):
    outline = square(inside("turnhout"), 300)
    client.force_login(partner)
    response = client.post(
        CREATE, form_data(omtrek_geojson=json.dumps(with_height(outline.geojson)))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = Project.objects.get().omtrek
    assert not stored.hasz
    assert stored.equals_exact(outline, 1e-9)


def test_the_api_takes_3d_geometry_and_drops_the_height(client, partner):
    here = inside("turnhout")
    outline = square(here, 300)
    client.force_login(partner)
    response = client.post(
        "/api/projecten/",
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [here.x, here.y, 31.0]},
            "properties": {
                "titel": "Hoog",
                "fase": "idee",
                "omtrek": with_height(outline.geojson),
            },
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    project = Project.objects.get()
    assert project.locatie.coords == pytest.approx(here.coords)
    assert not project.locatie.hasz and not project.omtrek.hasz
    assert response.json()["geometry"]["coordinates"] == pytest.approx([here.x, here.y])


# An official's outline stays in their own municipality (give or take the border)


def border_outlines():
    """A point in Turnhout near the border with Oud-Turnhout, and outlines around it
    that reach 10 m, 60 m and 300 m into Oud-Turnhout."""
    turnhout = Gemeente.objects.get(slug="turnhout").geom
    oud = Gemeente.objects.get(slug="oud-turnhout").geom
    metric = settings.METRIC_SRID
    border = turnhout.intersection(oud).point_on_surface
    area = square(border, 400).transform(metric, clone=True)
    home = turnhout.transform(metric, clone=True)

    def reaching(metres):
        shape = area.intersection(home.buffer(metres, quadsegs=2))
        shape.transform(4326)
        return MultiPolygon(shape, srid=4326) if shape.geom_type == "Polygon" else shape

    point = square(border, 400).intersection(turnhout).point_on_surface
    return point, {10: reaching(10), 60: reaching(60), 300: square(border, 600)}


def test_an_officials_outline_may_not_reach_into_the_neighbouring_municipality(
    client, gemeente_medewerker, partner
):
    point, outlines = border_outlines()
    turnhout = Gemeente.objects.get(slug="turnhout")
    client.force_login(gemeente_medewerker)  # of Turnhout
    for reach, outline in outlines.items():
        response = client.post(
            CREATE,
            form_data(
                title=f"Tot {reach} m over de grens",
                lon=f"{point.x}",
                lat=f"{point.y}",
                omtrek_geojson=outline.geojson,
                gemeente=turnhout.pk,
            ),
        )
        if reach <= rules.BORDER_TOLERANCE:
            assert response.status_code == 302, response.content.decode()[:3000]
        else:
            assert "buiten uw gemeente" in response.content.decode(), reach
    assert list(Project.objects.values_list("title", flat=True)) == [
        "Tot 10 m over de grens"
    ]
    client.force_login(partner)  # partners may draw across the border
    response = client.post(
        CREATE,
        form_data(
            title="Partner",
            lon=f"{point.x}",
            lat=f"{point.y}",
            omtrek_geojson=outlines[300].geojson,
        ),
    )
    assert response.status_code == 302


def test_the_api_keeps_an_officials_outline_in_their_municipality(
    client, gemeente_medewerker
):
    point, outlines = border_outlines()
    client.force_login(gemeente_medewerker)  # of Turnhout

    def post(reach):
        return client.post(
            "/api/projecten/",
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point.x, point.y]},
                "properties": {
                    "titel": f"Tot {reach} m",
                    "fase": "idee",
                    "gemeente": "turnhout",
                    "omtrek": json.loads(outlines[reach].geojson),
                },
            },
            content_type="application/json",
        )

    refused = post(300)
    assert refused.status_code == 400
    assert "buiten uw gemeente" in refused.content.decode()
    assert post(60).status_code == 400
    assert post(10).status_code == 201
    assert Project.objects.get().title == "Tot 10 m"


def test_may_submit_at_decides_for_the_outline_too(gemeente_medewerker, partner):
    point, outlines = border_outlines()
    turnhout = Gemeente.objects.get(slug="turnhout")
    assert rules.may_submit_at(
        gemeente_medewerker, gemeente=turnhout, locatie=point, omtrek=outlines[10]
    )
    assert not rules.may_submit_at(
        gemeente_medewerker, gemeente=turnhout, locatie=point, omtrek=outlines[300]
    )
    assert rules.may_submit_at(
        partner, gemeente=turnhout, locatie=point, omtrek=outlines[300]
    )


# Whatever is sent as geometry: a clear message, never a 500

POLYGON = [[[4.93, 51.32], [4.94, 51.32], [4.94, 51.33], [4.93, 51.33], [4.93, 51.32]]]
TRIANGLE = "[[[4.93, 51.32], [4.94, 51.32], [4.94, 51.33], [4.93, 51.32]]]"
BAD_GEOMETRY_TEXT = {  # what -> the GeoJSON text sent
    "collection": json.dumps(
        {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "coordinates": POLYGON}],
        }
    ),
    "empty polygon": '{"type": "Polygon", "coordinates": []}',
    "empty point": '{"type": "Point", "coordinates": []}',
    "huge": '{"type": "Polygon", "coordinates": [[[1e308, 1e308], [-1e308, 1e308], '
    "[1e308, -1e308], [1e308, 1e308]]]}",
    "overflow": '{"type": "Point", "coordinates": [1e400, 51.3]}',
    "NaN": '{"type": "Point", "coordinates": [NaN, 51.3]}',
    "Infinity": '{"type": "Point", "coordinates": [Infinity, -Infinity]}',
    "NUL in type": '{"type": "Polygon\\u0000", "coordinates": ' + TRIANGLE + "}",
    "deep array": "[" * 100_000 + "]" * 100_000,
    "deep coordinates": '{"type": "Polygon", "coordinates": '
    + "[" * 5000
    + "]" * 5000
    + "}",
    "strings": '{"type": "Polygon", "coordinates": [[["4.93", "51.32"], '
    '["4.94", "51.32"], ["4.94", "51.33"], ["4.93", "51.32"]]]}',
    "booleans": '{"type": "Polygon", "coordinates": [[[true, false], [1, 0], '
    "[0, 1], [true, false]]]}",
    "two points": '{"type": "Polygon", "coordinates": [[[4.93, 51.32], [4.94, 51.32]]]}',
    "open ring": '{"type": "Polygon", "coordinates": [[[4.93, 51.32], [4.94, 51.32], '
    "[4.94, 51.33], [4.93, 51.33]]]}",
    "1-D": '{"type": "Polygon", "coordinates": [[[4.93], [4.94], [4.95], [4.93]]]}',
    "overlapping parts": '{"type": "MultiPolygon", "coordinates": ['
    + f"{TRIANGLE}, {TRIANGLE}]}}",
    "feature": '{"type": "Feature", "geometry": null, "properties": {}}',
    "object coordinates": '{"type": "Polygon", "coordinates": {"a": 1}}',
    "number type": '{"type": 5, "coordinates": [4.9, 51.3]}',
    "string": '"Polygon"',
    "null": "null",
}


@pytest.mark.parametrize(
    "text", BAD_GEOMETRY_TEXT.values(), ids=BAD_GEOMETRY_TEXT.keys()
)
def test_a_bad_drawn_outline_is_a_clear_error(client, partner, text):
    client.force_login(partner)
    response = client.post(CREATE, form_data(omtrek_geojson=text))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("member", "text"),
    [
        pytest.param(member, text, id=f"{member}-{what}")
        for member in ("geometry", "omtrek")
        for what, text in BAD_GEOMETRY_TEXT.items()
        if (member, what) != ("omtrek", "null")  # no outline is fine
    ],
)
def test_bad_geometry_through_the_api_is_a_400(client, partner, member, text):
    here = inside("turnhout")
    body = (
        '{"type": "Feature", "geometry": %s, "properties": {"titel": "Vlak", '
        '"fase": "idee", "omtrek": %s}}'
    )
    point = json.dumps({"type": "Point", "coordinates": [here.x, here.y]})
    payload = body % ((text, "null") if member == "geometry" else (point, text))
    client.force_login(partner)
    response = client.post("/api/projecten/", payload, content_type="application/json")
    assert response.status_code == 400, response.content[:500]
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plek.geojson", bytes(range(256)) * 8000),  # 2 MB of garbage
        ("plek.kml", bytes(range(256)) * 8000),
        ("plek.gpx", b"\x00" * 1000),
        ("plek.geojson", b""),
        ("plek.geojson", b'{"type": "Point", "coordinates": [NaN, 51.3]}'),
        ("plek.geojson", b"[" * 100_000),
        ("plek.geojson", ("{" + '"a":' * 50_000 + "1" + "}" * 50_000).encode()),
        (
            "plek.geojson",
            json.dumps(
                {
                    "type": "Feature",
                    "properties": {},
                    "geometry": {
                        "type": "GeometryCollection",
                        "geometries": [{"type": "GeometryCollection", "geometries": []}]
                        * 3,
                    },
                }
            ).encode(),
        ),
        (
            "plek.kml",
            b"<kml><Placemark><Point><coordinates>abc</coordinates></Point></Placemark></kml>",
        ),
        (
            "plek.kml",
            b"<kml><Placemark><Point><coordinates>4.99,51.16\x00</coordinates></Point></Placemark></kml>",
        ),
        (
            "plek.kml",
            b"<kml>" + b"<Folder>" * 50_000 + b"</Folder>" * 50_000 + b"</kml>",
        ),
        ("plek.gpx", b'<gpx><wpt lat="NaN" lon="4.99"/></gpx>'),
        ("plek.gpx", b'<gpx><wpt lat="51.16" lon="1e999"/></gpx>'),
        ("plek.gpx", b'<gpx><wpt lat="51.16"/></gpx>'),
        ("plek.kml", b'<?xml version="1.0" encoding="klingon"?><kml/>'),
    ],
)
def test_a_broken_file_is_a_clear_error(client, partner, name, content):
    client.force_login(partner)
    response = upload(client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Project.objects.exists()
