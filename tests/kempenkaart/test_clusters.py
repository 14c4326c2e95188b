"""The map at every zoom (kempenkaart.clusters): the features themselves when few are
in view, otherwise the whole selection counted per grid cell; the counts add up to what
the filters match, whatever the zoom."""

import json

import pytest
from django.contrib.gis.geos import Point

from atelier.models import Gemeente, Thema
from kempenkaart import clusters
from kempenkaart.models import Instrument, Project
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import (
    InstrumentFactory,
    ProjectFactory,
    inside,
    offset,
    square,
)
from tests.test_bad_input import HOSTILE

pytestmark = pytest.mark.django_db

KEMPEN = "4.60,51.00,5.50,51.50"  # the whole region


@pytest.fixture
def small_limits(monkeypatch):
    """Clusters from a handful of features on: 5 in view at most."""
    for name, layer in clusters.LAYERS.items():
        monkeypatch.setitem(
            clusters.LAYERS,
            name,
            clusters.Layer(layer.filterset_class, layer.model, limit=5, most=5),
        )


def scatter(count, slug, **fields):
    """`count` published projects spread over some 2 km inside a municipality."""
    gemeente = Gemeente.objects.get(slug=slug)
    centre = inside(slug)
    return Project.objects.bulk_create(
        Project(
            title=f"Verspreid {slug} {i}",
            slug=f"verspreid-{slug}-{i}",
            fase=fields.get("fase", Project.Fase.IDEE),
            locatie=offset(centre, east=(i % 10) * 200, north=(i // 10) * 200),
            gemeente=gemeente,
            live=fields.get("live", True),
        )
        for i in range(count)
    )


def get(client, layer, **params):
    response = client.get(f"/api/kaart/{layer}/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def on_screen(collection):
    """What the map shows: a feature counts one, a cluster its count."""
    return sum(
        f["properties"]["aantal"] if collection["geclusterd"] else 1
        for f in collection["features"]
    )


def test_zoomed_out_the_clusters_count_the_whole_selection(client, small_limits):
    scatter(12, "turnhout")
    scatter(9, "mol")
    ProjectFactory(title="Nog niet gepubliceerd", live=False)
    data = get(client, "projecten", bbox=KEMPEN, zoom=9)
    assert data["geclusterd"] is True
    assert data["numberMatched"] == 21 == on_screen(data)
    assert len(data["features"]) < 21  # counted together, not one by one
    for cluster in data["features"]:
        west, south, east, north = cluster["properties"]["bbox"]
        x, y = cluster["geometry"]["coordinates"]
        assert west <= x <= east and south <= y <= north  # zooming in finds them


def test_zoomed_in_the_map_gets_the_features(client, small_limits):
    scatter(12, "turnhout")
    first = Project.objects.get(slug="verspreid-turnhout-0").locatie
    view = offset(first, east=-100, north=-100), offset(first, east=250, north=150)
    bbox = f"{view[0].x},{view[0].y},{view[1].x},{view[1].y}"
    data = get(client, "projecten", bbox=bbox, zoom=17)
    assert data["geclusterd"] is False
    assert sorted(f["properties"]["slug"] for f in data["features"]) == [
        "verspreid-turnhout-0",
        "verspreid-turnhout-1",
    ]
    assert data["numberMatched"] == 2
    assert data["features"][0]["properties"]["gemeente"] == "Turnhout"


def test_the_filters_apply_at_every_zoom(client, small_limits):
    erfgoed = Thema.objects.get(slug="erfgoed")
    tagged = scatter(8, "turnhout", fase=Project.Fase.UITVOERING)
    scatter(8, "geel")
    Project.themas.through.objects.bulk_create(
        Project.themas.through(project=project, thema=erfgoed) for project in tagged[:6]
    )
    expected = Project.objects.filter(themas=erfgoed, fase="uitvoering").count()
    assert expected == 6
    for zoom in (8, 10, 12, 14, 16, 18):
        data = get(
            client,
            "projecten",
            bbox=KEMPEN,
            zoom=zoom,
            thema="erfgoed",
            fase="uitvoering",
        )
        assert data["numberMatched"] == expected == on_screen(data), zoom
    geel = get(client, "projecten", bbox=KEMPEN, zoom=9, gemeente="geel")
    assert geel["numberMatched"] == 8 == on_screen(geel)


def test_the_instruments_are_clustered_and_shown_the_same_way(client, small_limits):
    for i in range(7):
        InstrumentFactory(name=f"RUP Turnhout {i}", soort="bpa")
    InstrumentFactory(name="Verordening Mol", soort="verordening", in_gemeente="mol")
    data = get(client, "instrumenten", bbox=KEMPEN, zoom=9)
    assert data["geclusterd"] is True
    assert data["numberMatched"] == 8 == on_screen(data)
    data = get(client, "instrumenten", bbox=KEMPEN, zoom=9, soort="verordening")
    assert data["geclusterd"] is False
    assert [f["properties"]["naam"] for f in data["features"]] == ["Verordening Mol"]
    assert data["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_an_area_reaching_into_the_view_is_shown(client):
    """Zoomed in, an instrument is shown where it reaches into the view, even when
    the point it is counted by lies outside it."""
    centre = inside("turnhout")
    Instrument.objects.create(
        name="RUP Groot gebied",
        slug="rup-groot-gebied",
        soort="bpa",
        geom=square(centre, 2000),
    )
    corner = offset(centre, east=800, north=800)
    bbox = f"{corner.x},{corner.y},{corner.x + 0.001},{corner.y + 0.001}"
    data = get(client, "instrumenten", bbox=bbox, zoom=18)
    assert [f["properties"]["slug"] for f in data["features"]] == ["rup-groot-gebied"]


def test_the_map_point_follows_the_data(client, small_limits):
    """PostgreSQL keeps each feature's map point up to date: a moved project is
    counted where it is now."""
    (project,) = scatter(1, "turnhout")
    mol = inside("mol")
    Project.objects.filter(pk=project.pk).update(locatie=Point(mol.x, mol.y, srid=4326))
    around_mol = f"{mol.x - 0.01},{mol.y - 0.01},{mol.x + 0.01},{mol.y + 0.01}"
    data = get(client, "projecten", bbox=around_mol, zoom=14)
    assert [f["properties"]["slug"] for f in data["features"]] == [project.slug]


def test_unpublished_projects_are_counted_only_for_who_may_see_them(
    client, small_limits
):
    submitter = UserFactory()
    scatter(6, "turnhout")
    hidden = scatter(3, "geel", live=False)
    Project.objects.filter(pk__in=[p.pk for p in hidden]).update(
        ingediend_door=submitter
    )
    assert get(client, "projecten", bbox=KEMPEN, zoom=9)["numberMatched"] == 6
    geel = Gemeente.objects.get(slug="geel").geom.extent
    around_geel = ",".join(str(v) for v in geel)
    anonymous = get(client, "projecten", bbox=around_geel, zoom=14)
    assert anonymous["numberMatched"] == 0 and anonymous["features"] == []
    client.force_login(submitter)
    assert get(client, "projecten", bbox=KEMPEN, zoom=9)["numberMatched"] == 9
    mine = get(client, "projecten", bbox=around_geel, zoom=14)
    assert mine["numberMatched"] == 3


@pytest.mark.parametrize("layer", ["projecten", "instrumenten"])
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"bbox": KEMPEN}, "zoom", "zoomniveau van 0 tot 22"),
        ({"bbox": KEMPEN, "zoom": "99999999999999999999"}, "zoom", "zoomniveau"),
        ({"bbox": KEMPEN, "zoom": "²"}, "zoom", "zoomniveau"),
        ({"bbox": "1,2,3", "zoom": "9"}, "bbox", "vier getallen"),
        ({"bbox": "NaN,1,2,3", "zoom": "9"}, "bbox", "EPSG:4326"),
        ({"zoom": "9", "thema": "%s"}, "thema", "Onbekende waarde: %s"),
        ({"zoom": "9", "gemeente": "turn\x00hout"}, "gemeente", "ongeldige tekens"),
        ({"zoom": "9", "jaar": "1e400"}, "jaar", ""),
    ],
)
def test_bad_input_is_a_400_that_says_what_is_wrong(
    client, layer, params, field, message
):
    response = client.get(f"/api/kaart/{layer}/", params)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])


def test_without_a_bbox_the_whole_selection_is_counted(client, small_limits):
    scatter(7, "turnhout")
    data = get(client, "projecten", zoom=3)
    assert data["geclusterd"] is True
    assert data["numberMatched"] == 7 == on_screen(data)


@pytest.mark.parametrize("layer", ["projecten", "instrumenten"])
def test_no_hostile_filter_value_gives_a_server_error(client, layer):
    ProjectFactory(title="Fietsstraat")
    InstrumentFactory(name="RUP Centrum")
    client.raise_request_exception = False
    names = list(clusters.LAYERS[layer].filterset_class.base_filters) + ["zoom"]
    failures = []
    for name in names:
        for value in HOSTILE:
            params = {"zoom": "12", "bbox": KEMPEN, name: value}
            response = client.get(f"/api/kaart/{layer}/", params)
            if response.status_code >= 500:
                failures.append((name, value, response.status_code))
            elif response.status_code == 400:
                assert response.json(), (name, value)
    assert not failures
