import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from PIL import Image as PILImage

from atelier.models import Thema
from kempenkaart import services
from kempenkaart.models import Project
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import (
    InstrumentFactory,
    ProjectFactory,
    inside,
    project_admin_form,
    square,
)

pytestmark = pytest.mark.django_db

CREATE = "/kaart/projecten/nieuw/"


def test_urls():
    assert reverse("kempenkaart:map") == "/kaart/"
    assert (
        resolve("/kaart/projecten/een-project/").view_name
        == "kempenkaart:project-detail"
    )
    assert (
        reverse("kempenkaart:instrument-detail", args=["rup"])
        == "/kaart/instrumenten/rup/"
    )


def test_map_page_lists_what_the_filters_select_and_keeps_them(client):
    ProjectFactory(title="Herbestemming pastorie", fase="uitvoering")
    ProjectFactory(title="Speelbos", fase="idee")
    ProjectFactory(title="Concept", fase="idee", live=False)
    response = client.get("/kaart/", {"fase": "idee", "gemeente": "turnhout"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Speelbos" in html
    assert "Herbestemming pastorie" not in html
    assert "Concept" not in html  # unpublished
    assert '<option value="idee" selected>' in html
    assert '<option value="turnhout" selected>' in html
    assert "format=csv" in html and "fase=idee" in html  # exports follow the filters


def test_map_page_explains_a_bad_filter(client):
    response = client.get("/kaart/", {"gemeente": "atlantis"})
    assert response.status_code == 200
    assert "Onbekende gemeente: atlantis" in response.content.decode()


def test_map_page_needs_no_tile_server(client):
    html = client.get("/kaart/").content.decode()
    assert "tile.openstreetmap.org" not in html
    assert "leaflet.markercluster.js" in html


def test_published_project_page(client):
    project = ProjectFactory(title="Herbestemming pastorie")
    rup = InstrumentFactory(name="RUP Centrum", geom=square(project.locatie, 500))
    html = client.get(project.get_absolute_url()).content.decode()
    assert "<h1>Herbestemming pastorie</h1>" in html
    assert rup.get_absolute_url() in html  # what applies here
    assert f"/api/projecten/{project.slug}/?format=geojson" in html


def test_unpublished_project_is_seen_by_its_submitter_and_staff_only(
    client, partner, iok_medewerker
):
    project = ProjectFactory(live=False, ingediend_door=partner)
    url = project.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(partner)
    assert "wacht op publicatie" in client.get(url).content.decode()
    client.force_login(iok_medewerker)
    assert client.get(url).status_code == 200


def test_instrument_page_shows_the_procedure_as_a_timeline(client):
    from datetime import date

    rup = InstrumentFactory(
        name="RUP Stationsomgeving",
        stappen=[
            ("start", date(2019, 2, 1)),
            ("voorlopige-vaststelling", date(2020, 5, 4)),
            ("openbaar-onderzoek", date(2020, 6, 1)),
            ("definitieve-vaststelling", date(2021, 1, 11)),
        ],
    )
    html = client.get(rup.get_absolute_url()).content.decode()
    assert "van kracht" in html
    assert (
        html.index("Start")
        < html.index("Voorlopige vaststelling")
        < html.index("Definitieve vaststelling")
    )
    assert "11 januari 2021" in html


def test_municipality_page_shows_its_instruments_and_projects(client):
    ProjectFactory(title="Speelbos Turnhout")
    ProjectFactory(title="Elders", in_gemeente="mol")
    InstrumentFactory(name="RUP Stationsomgeving")
    html = client.get("/gemeenten/turnhout/").content.decode()
    assert "Speelbos Turnhout" in html
    assert "RUP Stationsomgeving" in html
    assert "Elders" not in html
    assert "/kaart/?gemeente=turnhout" in html


def test_home_page_presents_the_kempenkaart(client, partner):
    published = ProjectFactory(title="Speelbos")
    ProjectFactory(title="Nog niet gepubliceerd", live=False, ingediend_door=partner)
    InstrumentFactory()
    html = client.get("/").content.decode()
    assert 'id="home-kempenkaart"' in html
    assert "1 planologische instrumenten en 1 kwalitatieve projecten" in html
    assert f'href="{published.get_absolute_url()}">Speelbos</a>' in html
    assert "Nog niet gepubliceerd" not in html


# Submitting through the form


def form_data(**fields):
    here = inside("turnhout")
    return {
        "title": "Nieuw speelbos",
        "description": "Een bos om in te spelen.\n\nMet de school.",
        "fase": "idee",
        "start_jaar": "2025",
        "lon": f"{here.x:.6f}",
        "lat": f"{here.y:.6f}",
        "themas": [Thema.objects.get(slug="natuur-en-landschap").pk],
        **fields,
    }


def test_the_form_requires_login_and_the_right_role(client, expert):
    response = client.get(CREATE)
    assert response.status_code == 302 and "/account/aanmelden/" in response["Location"]
    client.force_login(expert)
    assert client.get(CREATE).status_code == 403


def test_a_partner_submits_a_project_through_the_form(client, partner):
    client.force_login(partner)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, form_data())
    project = Project.objects.get(title="Nieuw speelbos")
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert not project.live
    assert project.gemeente.slug == "turnhout"
    assert (
        project.description
        == "<p>Een bos om in te spelen.</p>\n\n<p>Met de school.</p>"
    )
    assert project.themas.get().slug == "natuur-en-landschap"
    assert project.revisions.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Dit is een verplicht veld"),
        ({"lon": "", "lat": ""}, "Duid de locatie aan"),
        ({"lon": "4.40", "lat": "51.22"}, "buiten de Kempen"),
        ({"gemeente": "placeholder-mol"}, "niet in de gekozen gemeente Mol"),
        (
            {"start_jaar": "2024", "eind_jaar": "2020"},
            "eindjaar ligt voor het startjaar",
        ),
        (
            {
                "omtrek_geojson": json.dumps(
                    {
                        "type": "Polygon",
                        "coordinates": [
                            [
                                [4.9, 51.3],
                                [4.95, 51.32],
                                [4.95, 51.3],
                                [4.9, 51.32],
                                [4.9, 51.3],
                            ]
                        ],
                    }
                )
            },
            "geen geldige geometrie",
        ),
        ({"omtrek_geojson": "geen json"}, "Geen geldige GeoJSON"),
    ],
)
def test_bad_input_in_the_form_is_explained_and_nothing_is_saved(
    client, partner, fields, message
):
    from atelier.models import Gemeente

    if fields.get("gemeente") == "placeholder-mol":
        fields["gemeente"] = Gemeente.objects.get(slug="mol").pk
    client.force_login(partner)
    response = client.post(CREATE, form_data(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Project.objects.exists()
    # what was typed is still there
    typed = form_data(**fields)["title"]
    if typed:  # (an empty title is the error itself)
        assert f'value="{typed}"' in response.content.decode()


def test_an_official_may_only_submit_in_their_own_municipality(
    client, gemeente_medewerker
):
    here = inside("mol")
    client.force_login(gemeente_medewerker)  # Turnhout
    response = client.post(CREATE, form_data(lon=f"{here.x}", lat=f"{here.y}"))
    assert "U kunt geen projecten toevoegen in Mol" in response.content.decode()
    assert not Project.objects.exists()


def jpeg(size=(40, 30)):
    buffer = BytesIO()
    PILImage.new("RGB", size, (60, 140, 110)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_image_needs_a_credit_and_must_be_an_image(client, partner):
    client.force_login(partner)
    no_credit = client.post(
        CREATE,
        form_data(afbeelding=SimpleUploadedFile("bos.jpg", jpeg(), "image/jpeg")),
    )
    assert "Vermeld wie de afbeelding maakte" in no_credit.content.decode()
    fake = client.post(
        CREATE,
        form_data(
            afbeelding=SimpleUploadedFile(
                "bos.jpg", b"MZ\x90\x00 not an image", "image/jpeg"
            ),
            afbeelding_credit="Iemand",
        ),
    )
    assert fake.status_code == 200
    assert not Project.objects.exists()
    good = client.post(
        CREATE,
        form_data(
            afbeelding=SimpleUploadedFile("bos.jpg", jpeg(), "image/jpeg"),
            afbeelding_credit="Foto: Eva Vanhout",
        ),
    )
    assert good.status_code == 302
    afbeelding = Project.objects.get().afbeeldingen.get()
    assert afbeelding.credit == "Foto: Eva Vanhout"


def test_the_location_can_come_from_a_geojson_gpx_or_kml_file(client, partner):
    here = inside("geel")
    outline = square(here, 300)
    files = {
        "plek.geojson": json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": json.loads(outline.geojson),
                    }
                ],
            }
        ).encode(),
        "plek.gpx": (
            '<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
            f'<wpt lat="{here.y}" lon="{here.x}"><name>plek</name></wpt></gpx>'
        ).encode(),
        "plek.kml": (
            '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Point>'
            f"<coordinates>{here.x},{here.y}</coordinates></Point></Placemark></kml>"
        ).encode(),
    }
    client.force_login(partner)
    for n, (name, content) in enumerate(files.items()):
        response = client.post(
            CREATE,
            form_data(
                title=f"Uit bestand {n}",
                lon="",
                lat="",
                geometrie_bestand=SimpleUploadedFile(name, content),
            ),
        )
        assert response.status_code == 302, (name, response.content.decode()[:2000])
        project = Project.objects.get(title=f"Uit bestand {n}")
        assert project.gemeente.slug == "geel", name
    assert Project.objects.get(title="Uit bestand 0").omtrek is not None


def test_a_file_that_is_no_geometry_is_refused(client, partner):
    client.force_login(partner)
    response = client.post(
        CREATE,
        form_data(
            geometrie_bestand=SimpleUploadedFile("plek.kml", b"<html>niets</html>")
        ),
    )
    assert response.status_code == 200
    assert "kan niet gelezen worden" in response.content.decode()
    response = client.post(
        CREATE,
        form_data(geometrie_bestand=SimpleUploadedFile("plek.exe", b"MZ")),
    )
    assert "GeoJSON-, GPX- of KML-bestand" in response.content.decode()
    assert not Project.objects.exists()


def test_only_the_submitter_edits_a_project(client, partner):
    mine = ProjectFactory(ingediend_door=partner, live=False)
    theirs = ProjectFactory(ingediend_door=UserFactory(), live=False)
    client.force_login(partner)
    # Someone else's unpublished project: not found, as if it did not exist.
    assert client.get(f"/kaart/projecten/{theirs.slug}/bewerken/").status_code == 404
    response = client.post(
        f"/kaart/projecten/{theirs.slug}/bewerken/", form_data(title="Overgenomen")
    )
    assert response.status_code == 404
    assert Project.objects.get(pk=theirs.pk).title == theirs.title
    assert client.get(f"/kaart/projecten/{mine.slug}/bewerken/").status_code == 200
    response = client.post(
        f"/kaart/projecten/{mine.slug}/bewerken/", form_data(title="Mijn bos")
    )
    assert response.status_code == 302
    assert Project.objects.get(pk=mine.pk).title == "Mijn bos"


def test_the_edit_page_does_not_tell_that_an_unpublished_project_exists(
    client, partner, gemeente_medewerker
):
    """404 for what one may not know exists, whether it exists or not (as the API
    answers); 403 only for a published project, which everyone knows."""
    hidden = ProjectFactory(ingediend_door=gemeente_medewerker, live=False)
    published = ProjectFactory(ingediend_door=gemeente_medewerker)
    edit = "/kaart/projecten/{}/bewerken/"
    for user in (None, partner):
        if user:
            client.force_login(user)
        assert client.get(edit.format(hidden.slug)).status_code == 404
        assert client.get(edit.format("bestaat-niet")).status_code == 404
    assert client.get(edit.format(published.slug)).status_code == 403
    client.logout()
    response = client.get(edit.format(published.slug))
    assert response.status_code == 302 and "aanmelden" in response["Location"]
    assert (
        client.get(f"/api/projecten/{hidden.slug}/").status_code
        == client.get(edit.format(hidden.slug)).status_code
    )


def test_my_projects_shows_my_submissions_and_why_one_was_rejected(
    client, partner, iok_medewerker
):
    project = ProjectFactory(ingediend_door=partner, live=False, submitted=True)
    services.project_reject(
        project=project, user=iok_medewerker, reason="Buiten opzet."
    )
    ProjectFactory(title="Van iemand anders", ingediend_door=UserFactory())
    client.force_login(partner)
    html = client.get("/kaart/mijn-projecten/").content.decode()
    assert project.title in html
    assert "Buiten opzet." in html
    assert "Van iemand anders" not in html


# Moderation in the back office


def test_iok_staff_publish_a_project_in_the_back_office(
    client, partner, iok_medewerker, django_capture_on_commit_callbacks
):
    from django.core import mail

    project = ProjectFactory(title="Te publiceren", live=False, ingediend_door=partner)
    project.save_revision(user=partner)
    client.force_login(iok_medewerker)
    listing = client.get(reverse("wagtailsnippets_kempenkaart_project:list"))
    assert "Te publiceren" in listing.content.decode()
    edit = reverse("wagtailsnippets_kempenkaart_project:edit", args=[project.pk])
    assert client.get(edit).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit,
            project_admin_form(project, **{"action-publish": "action-publish"}),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    project.refresh_from_db()
    assert project.live
    assert mail.outbox[-1].to == [partner.email]  # the submitter hears of it


def test_reject_view_for_staff_only_and_needs_a_reason(client, partner, iok_medewerker):
    project = ProjectFactory(ingediend_door=partner, live=False, submitted=True)
    url = reverse("kempenkaart_project_reject", args=[project.pk])
    client.force_login(partner)
    assert client.post(url, {"reden": "x"}).status_code in (302, 403)
    assert not Project.objects.get(pk=project.pk).needs_changes
    client.force_login(iok_medewerker)
    assert client.get(url).status_code == 200
    assert client.post(url, {"reden": ""}).status_code == 200
    assert not Project.objects.get(pk=project.pk).needs_changes
    assert (
        client.post(
            url, {"reden": "Geen project van ruimtelijke kwaliteit."}
        ).status_code
        == 302
    )
    assert Project.objects.get(pk=project.pk).afwijzingsreden.startswith("Geen project")


def test_partners_cannot_use_the_project_back_office(client, partner):
    """Partners enter the admin to review model documents, but add projects on the
    public site, where its rules hold."""
    client.force_login(partner)
    assert client.get("/admin/").status_code == 200
    for name in ("list", "add"):
        response = client.get(reverse(f"wagtailsnippets_kempenkaart_project:{name}"))
        assert response.status_code in (302, 403), name


def test_an_image_that_is_too_large_is_refused(client, partner, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024  # bytes
    client.force_login(partner)
    response = client.post(
        CREATE,
        form_data(
            afbeelding=SimpleUploadedFile("groot.jpg", jpeg((600, 400)), "image/jpeg"),
            afbeelding_credit="Iemand",
        ),
    )
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert not Project.objects.exists()
