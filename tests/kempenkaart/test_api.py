import csv
import io
import json
from datetime import date

import pytest
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.core import mail

from atelier.models import Gemeente, Organisatie, Thema
from kempenkaart.forms import ProjectForm
from kempenkaart.models import Instrument, Project
from tests.atelier.factories import (
    GemeenteOrganisatieFactory,
    OrganisatieFactory,
    UserFactory,
)
from tests.kempenkaart.factories import (
    InstrumentFactory,
    ProjectFactory,
    inside,
    offset,
    square,
)

pytestmark = pytest.mark.django_db


def features(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def names(collection, key):
    return sorted(f["properties"][key] for f in collection["features"])


@pytest.fixture
def erfgoed():
    return Thema.objects.get(slug="erfgoed")


@pytest.fixture
def projecten(erfgoed):
    mobiliteit = Thema.objects.get(slug="mobiliteit")
    return {
        "pastorie": ProjectFactory(
            title="Herbestemming pastorie",
            fase="uitvoering",
            start_jaar=2021,
            eind_jaar=2024,
            themas=[erfgoed],
        ),
        "fietsstraat": ProjectFactory(
            title="Fietsstraat naar school",
            fase="idee",
            start_jaar=2025,
            in_gemeente="mol",
            themas=[mobiliteit],
        ),
        "dorpskern": ProjectFactory(
            title="Herinrichting dorpskern",
            fase="gerealiseerd",
            start_jaar=2015,
            eind_jaar=2018,
            in_gemeente="geel",
            themas=[erfgoed, mobiliteit],
        ),
        "concept": ProjectFactory(title="Nog niet gepubliceerd", live=False),
    }


def test_projects_are_a_feature_collection_of_published_projects(client, projecten):
    collection = features(client, "/api/projecten/")
    assert collection["type"] == "FeatureCollection"
    assert collection["numberMatched"] == 3
    assert names(collection, "titel") == [
        "Fietsstraat naar school",
        "Herbestemming pastorie",
        "Herinrichting dorpskern",
    ]
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert {"slug", "fase", "gemeente", "nis_code", "themas"} <= set(
        feature["properties"]
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"gemeente": "13040"}, ["Herbestemming pastorie"]),  # NIS code
        ({"gemeente": "mol"}, ["Fietsstraat naar school"]),  # slug
        ({"thema": "erfgoed"}, ["Herbestemming pastorie", "Herinrichting dorpskern"]),
        (
            {"thema": "erfgoed,mobiliteit"},
            [
                "Fietsstraat naar school",
                "Herbestemming pastorie",
                "Herinrichting dorpskern",
            ],
        ),
        (
            {"fase": "idee,gerealiseerd"},
            ["Fietsstraat naar school", "Herinrichting dorpskern"],
        ),
        ({"jaar": "2017"}, ["Herinrichting dorpskern"]),
        ({"jaar": "2026"}, ["Fietsstraat naar school"]),  # still running
        ({"q": "pastorie"}, ["Herbestemming pastorie"]),
        ({"q": "dorpskernen"}, ["Herinrichting dorpskern"]),  # Dutch stemming
        ({"thema": "erfgoed", "gemeente": "geel"}, ["Herinrichting dorpskern"]),
    ],
)
def test_each_project_filter(client, projecten, params, expected):
    assert names(features(client, "/api/projecten/", **params), "titel") == expected


def test_gemeente_filter_returns_only_features_inside_it(client, projecten):
    mol = Gemeente.objects.get(slug="mol")
    collection = features(client, "/api/projecten/", gemeente=mol.nis_code)
    for feature in collection["features"]:
        assert mol.geom.contains(GEOSGeometry(json.dumps(feature["geometry"])))


def test_bbox_filter(client, projecten):
    turnhout = Gemeente.objects.get(slug="turnhout")
    minx, miny, maxx, maxy = turnhout.geom.extent
    collection = features(
        client, "/api/projecten/", bbox=f"{minx},{miny},{maxx},{maxy}"
    )
    assert names(collection, "titel") == ["Herbestemming pastorie"]


def test_ordering_and_pagination(client, projecten):
    page1 = features(client, "/api/projecten/", ordering="-jaar", page_size=2)
    assert [f["properties"]["start_jaar"] for f in page1["features"]] == [2025, 2021]
    assert page1["numberMatched"] == 3 and page1["numberReturned"] == 2
    next_link = next(link["href"] for link in page1["links"] if link["rel"] == "next")
    page2 = json.loads(client.get(next_link).content)
    assert [f["properties"]["start_jaar"] for f in page2["features"]] == [2015]
    assert page2["numberReturned"] == 1


def test_a_page_may_hold_a_thousand_features(client):
    ProjectFactory.create_batch(3)
    assert features(client, "/api/projecten/", page_size=1000)["numberReturned"] == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"bbox": "4.9,51.2"}, "bbox"),
        ({"bbox": "5,52,4,51"}, "bbox"),
        ({"gemeente": "atlantis"}, "Onbekende gemeente"),
        ({"thema": "ruimtevaart"}, "Onbekende waarde"),
        ({"fase": "droom"}, "Onbekende waarde"),
        ({"page_size": "0"}, "positief"),
        ({"page_size": "100000"}, "positief"),
        ({"page": "-1"}, "positief"),
        ({"jaar": "vorig jaar"}, "jaar"),
    ],
)
def test_bad_filters_get_a_400_with_a_message(client, params, message):
    response = client.get("/api/projecten/", params)
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()


def test_csv_export_follows_every_filter_including_free_text(client, projecten):
    response = client.get("/api/projecten/", {"q": "dorpskern", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))
        )
    )
    assert [r["titel"] for r in rows] == ["Herinrichting dorpskern"]
    assert rows[0]["gemeente"] == "Geel"
    assert rows[0]["themas"] == "erfgoed, mobiliteit"
    assert float(rows[0]["lat"]) > 51


def test_geojson_export_is_the_whole_filtered_selection_as_a_file(client, projecten):
    response = client.get("/api/projecten/", {"fase": "idee", "format": "geojson"})
    assert "attachment" in response["Content-Disposition"]
    assert names(json.loads(response.content), "titel") == ["Fietsstraat naar school"]


def test_every_project_offers_its_own_geojson_download(client, projecten):
    slug = projecten["pastorie"].slug
    response = client.get(f"/api/projecten/{slug}/", {"format": "geojson"})
    assert response.status_code == 200
    assert f"project-{slug}.geojson" in response["Content-Disposition"]
    assert json.loads(response.content)["type"] == "Feature"


def test_unpublished_projects_are_not_served_to_the_public(client, projecten):
    assert client.get(f"/api/projecten/{projecten['concept'].slug}/").status_code == 404


# Instruments


@pytest.fixture
def instrumenten():
    return {
        "rup": InstrumentFactory(
            name="RUP Stationsomgeving",
            stappen=[
                ("start", date(2019, 1, 1)),
                ("definitieve-vaststelling", date(2021, 6, 1)),
            ],
        ),
        "bpa": InstrumentFactory(
            name="BPA Centrum",
            soort=Instrument.Soort.BPA,
            in_gemeente="mol",
            stappen=[
                ("definitieve-vaststelling", date(1995, 1, 1)),
                ("opheffing", date(2023, 1, 1)),
            ],
        ),
        "verordening": InstrumentFactory(
            name="Gemeentelijke stedenbouwkundige verordening",
            soort=Instrument.Soort.VERORDENING,
            in_gemeente="geel",
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"soort": "bpa"}, ["BPA Centrum"]),
        ({"status": "van-kracht"}, ["RUP Stationsomgeving"]),
        (
            {"status": "in-opmaak,opgeheven"},
            ["BPA Centrum", "Gemeentelijke stedenbouwkundige verordening"],
        ),
        ({"gemeente": "13025"}, ["BPA Centrum"]),
        ({"jaar": "2021"}, ["RUP Stationsomgeving"]),
        ({"q": "verordeningen"}, ["Gemeentelijke stedenbouwkundige verordening"]),
    ],
)
def test_each_instrument_filter(client, instrumenten, params, expected):
    assert names(features(client, "/api/instrumenten/", **params), "naam") == expected


def test_instrument_detail_has_its_procedure(client, instrumenten):
    feature = client.get("/api/instrumenten/rup-stationsomgeving/").json()
    assert feature["properties"]["status"] == "van-kracht"
    assert [s["stap"] for s in feature["properties"]["stappen"]] == [
        "start",
        "definitieve-vaststelling",
    ]
    assert feature["properties"]["gemeenten"] == ["turnhout"]


def test_zoom_simplifies_areas_in_the_database(client):
    detailed = InstrumentFactory(
        geom=MultiPolygon(square(inside("turnhout"), 800).buffer(0.0001, quadsegs=64))
    )
    full = features(client, "/api/instrumenten/")["features"][0]["geometry"]
    coarse = features(client, "/api/instrumenten/", zoom=8)["features"][0]["geometry"]
    count = lambda g: len(json.dumps(g["coordinates"]).split("],"))  # noqa: E731
    assert detailed.geom.valid
    assert count(coarse) < count(full) / 4
    assert client.get("/api/instrumenten/", {"zoom": "99"}).status_code == 400


# Writing through the API


def feature(lon, lat, **properties):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"titel": "Speelbos", "fase": "idee", **properties},
    }


def post(client, payload):
    return client.post("/api/projecten/", payload, content_type="application/json")


def test_anonymous_users_and_experts_cannot_add_projects(client, expert):
    p = inside("turnhout")
    assert post(client, feature(p.x, p.y)).status_code == 403
    client.force_login(expert)
    assert post(client, feature(p.x, p.y)).status_code == 403


def test_a_partner_adds_a_project_that_waits_for_publication(client, partner):
    p = inside("turnhout")
    client.force_login(partner)
    response = post(client, feature(p.x, p.y, themas=["erfgoed"]))
    assert response.status_code == 201, response.content
    project = Project.objects.get(slug="speelbos")
    assert not project.live
    assert project.gemeente.slug == "turnhout"
    assert project.ingediend_door == partner
    assert list(project.themas.values_list("slug", flat=True)) == ["erfgoed"]
    client.logout()
    assert features(client, "/api/projecten/")["numberMatched"] == 0


def test_a_municipal_official_adds_projects_only_in_their_own_municipality(
    client, gemeente_medewerker
):
    client.force_login(gemeente_medewerker)  # of Turnhout
    elsewhere = inside("mol")
    response = post(client, feature(elsewhere.x, elsewhere.y))
    assert response.status_code == 400
    assert "Mol" in response.content.decode()
    home = inside("turnhout")
    assert post(client, feature(home.x, home.y)).status_code == 201


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (feature(4.40, 51.22), "buiten de Kempen"),  # Antwerp
        (feature(4.94, 51.32, titel=""), "titel"),
        (feature(4.94, 51.32, gemeente="mol"), "niet in de gekozen gemeente"),
        (feature(4.94, 51.32, start_jaar=2024, eind_jaar=2020), "eindjaar"),
        (
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [184000, 220000],
                    "crs": {"type": "name", "properties": {"name": "EPSG:31370"}},
                },
                "properties": {"titel": "Lambert", "fase": "idee"},
            },
            "EPSG:4326",
        ),
        (feature(4.94, 51.32, fase="droom"), "fase"),
    ],
)
def test_bad_input_through_the_api_is_refused_and_nothing_is_saved(
    client, partner, payload, message
):
    client.force_login(partner)
    response = post(client, payload)
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not Project.objects.exists()


def test_a_partner_cannot_change_another_partners_project(client, partner):
    project = ProjectFactory(ingediend_door=UserFactory())
    client.force_login(partner)
    response = client.patch(
        f"/api/projecten/{project.slug}/",
        {"properties": {"titel": "Overgenomen"}},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Project.objects.get(pk=project.pk).title == project.title


def test_a_partner_changes_their_own_project(client, partner):
    project = ProjectFactory(ingediend_door=partner, live=False)
    client.force_login(partner)
    response = client.patch(
        f"/api/projecten/{project.slug}/",
        {"properties": {"titel": "Beter speelbos"}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert Project.objects.get(pk=project.pk).title == "Beter speelbos"
    assert client.delete(f"/api/projecten/{project.slug}/").status_code == 405


# What applies here, and counts per municipality


def test_wat_geldt_hier_lists_instruments_at_the_point_and_projects_nearby(
    client, instrumenten
):
    rup = instrumenten["rup"]
    here = rup.geom.point_on_surface
    near = ProjectFactory(title="Dichtbij", locatie=offset(here, east=150))
    ProjectFactory(title="Ver weg", locatie=offset(here, east=3000))
    data = client.get("/api/wat-geldt-hier/", {"lon": here.x, "lat": here.y}).json()
    assert data["gemeente"]["naam"] == "Turnhout"
    assert [i["naam"] for i in data["instrumenten"]] == ["RUP Stationsomgeving"]
    assert [p["titel"] for p in data["projecten"]] == [near.title]
    assert 100 < data["projecten"][0]["afstand_m"] < 200


def test_wat_geldt_hier_leaves_out_repealed_instruments(client, instrumenten):
    here = instrumenten["bpa"].geom.point_on_surface
    data = client.get("/api/wat-geldt-hier/", {"lon": here.x, "lat": here.y}).json()
    assert data["instrumenten"] == []


def test_wat_geldt_hier_outside_the_kempen_and_bad_input(client):
    assert (
        client.get("/api/wat-geldt-hier/", {"lon": 4.40, "lat": 51.22}).json()[
            "gemeente"
        ]
        is None
    )
    response = client.get("/api/wat-geldt-hier/", {"lon": "oost", "lat": 51})
    assert response.status_code == 400
    assert "lon" in response.json()


def test_counts_per_municipality_follow_the_filters(client, projecten, instrumenten):
    data = client.get(
        "/api/per-gemeente/", {"laag": "projecten", "thema": "erfgoed"}
    ).json()
    assert data["aantallen"] == {"13040": 1, "13008": 1}
    data = client.get("/api/per-gemeente/", {"laag": "instrumenten"}).json()
    assert data["aantallen"] == {"13040": 1, "13025": 1, "13008": 1}
    assert client.get("/api/per-gemeente/", {"laag": "x"}).status_code == 400


def test_counts_of_filtered_instruments(client, instrumenten):
    data = client.get(
        "/api/per-gemeente/", {"laag": "instrumenten", "soort": "bpa"}
    ).json()
    assert data["aantallen"] == {"13025": 1}


def test_a_page_past_the_end_is_empty_but_still_counts(client, projecten):
    collection = features(client, "/api/projecten/", page=5, page_size=2)
    assert collection["features"] == []
    assert collection["numberMatched"] == 3
    assert collection["numberReturned"] == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 403),  # anonymous
        ("expert", 403),
        ("gemeente_medewerker", 403),  # of the same municipality, not the submitter
        ("partner", 403),
        ("iok_medewerker", 200),  # staff moderate and may correct
    ],
)
def test_who_may_change_a_project_through_the_api(client, request, role, status):
    owner = UserFactory(roles=["Partner"])
    project = ProjectFactory(ingediend_door=owner, live=True)
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.patch(
        f"/api/projecten/{project.slug}/",
        {"properties": {"titel": "Gewijzigd"}},
        content_type="application/json",
    )
    assert response.status_code == status
    # A change to a published project waits as a revision for publication.
    latest = Project.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert (latest.title == "Gewijzigd") == (status == 200)


def test_someone_elses_unpublished_project_does_not_even_exist_for_others(
    client, partner
):
    project = ProjectFactory(ingediend_door=UserFactory(), live=False)
    client.force_login(partner)
    response = client.patch(
        f"/api/projecten/{project.slug}/",
        {"properties": {"titel": "Gewijzigd"}},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_project_title_with_a_newline_is_saved_and_staff_are_told(
    client, partner, iok_medewerker, django_capture_on_commit_callbacks
):
    here = inside("turnhout")
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, feature(here.x, here.y, titel="Twee\nregels"))
    assert response.status_code == 201
    assert Project.objects.get().title == "Twee\nregels"
    assert "Twee regels" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ({"properties": "titel=x", "geometry": "POINT(4.9 51.3)"}, None),  # multipart
        ("properties=titel&geometry=x", "application/x-www-form-urlencoded"),
    ],
)
def test_the_api_takes_json_only(client, partner, data, content_type):
    client.force_login(partner)
    kwargs = {"content_type": content_type} if content_type else {}
    response = client.post("/api/projecten/", data, **kwargs)
    assert response.status_code == 415
    assert "GeoJSON" in response.json()["detail"]
    assert not Project.objects.exists()


@pytest.mark.parametrize("properties", ["titel", ["titel"], None, 3])
def test_properties_must_be_an_object(client, partner, properties):
    here = inside("turnhout")
    client.force_login(partner)
    response = post(client, {**feature(here.x, here.y), "properties": properties})
    assert response.status_code == 400
    assert "eigenschappen" in " ".join(response.json()["properties"])


def test_the_api_also_takes_geojson_as_its_media_type(client, partner):
    here = inside("turnhout")
    client.force_login(partner)
    response = client.post(
        "/api/projecten/",
        json.dumps(feature(here.x, here.y)),
        content_type="application/geo+json",
    )
    assert response.status_code == 201


def test_a_municipality_is_not_a_project_partner_in_the_api_as_in_the_form(
    client, partner
):
    """One rule (Organisatie.objects.eligible_as_project_partner) for form and API."""
    rurant = OrganisatieFactory(name="RURANT")
    expert = OrganisatieFactory(name="Vanhout.pro", kind=Organisatie.Kind.EXPERT)
    stad = GemeenteOrganisatieFactory(gemeente=Gemeente.objects.get(slug="geel"))
    eligible = Organisatie.objects.eligible_as_project_partner()
    assert set(eligible) == {rurant, expert}
    form = ProjectForm(user=partner)
    assert list(form.fields["partners"].queryset) == list(eligible)

    here = inside("turnhout")
    client.force_login(partner)
    response = post(client, feature(here.x, here.y, partners=[rurant.slug, stad.slug]))
    assert response.status_code == 400
    assert "Een gemeente is geen projectpartner" in response.json()["partners"][0]
    assert not Project.objects.exists()

    assert (
        post(client, feature(here.x, here.y, partners=[rurant.slug])).status_code == 201
    )
    project = Project.objects.get()
    response = client.patch(
        f"/api/projecten/{project.slug}/",
        {"properties": {"partners": [stad.slug]}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(project.partners.all()) == [rurant]
