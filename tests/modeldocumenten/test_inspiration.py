import json

import pytest

from atelier.models import HomePage, Thema
from modeldocumenten.models import InspirationIndexPage, InspirationPage
from tests.kempenkaart.factories import ProjectFactory
from tests.modeldocumenten.factories import model_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspiratie():
    index = InspirationIndexPage(title="Inspiratie", slug="inspiratie")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()
    return index


def story(index, title, *, themas=(), body=(), documenten=()):
    page = InspirationPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        intro=f"Over {title}.",
        body=list(body),
    )
    page.themas = list(Thema.objects.filter(slug__in=themas))
    page.modeldocumenten = list(documenten)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_inspiration_page_shows_its_blocks_projects_and_documents(
    client, inspiratie
):
    published = ProjectFactory(title="Speelbos Turnhout")
    hidden = ProjectFactory(title="Nog niet publiek", live=False)
    document = model_document("Checklist speelruimte")
    page = story(
        inspiratie,
        "Spelen in de kern",
        themas=["kernversterking"],
        body=[
            ("paragraph", "<p>Kinderen spelen waar het veilig is.</p>"),
            (
                "quote",
                {
                    "quote": "Een kern leeft als kinderen er spelen.",
                    "attribution": "Schepen",
                },
            ),
            (
                "projects",
                {
                    "heading": "Voorbeelden op de kaart",
                    "projects": [published, hidden],
                },
            ),
        ],
        documenten=[document],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kinderen spelen waar het veilig is." in html
    assert "Een kern leeft als kinderen er spelen." in html
    assert "Speelbos Turnhout" in html
    assert "Nog niet publiek" not in html  # the map shows published projects only
    start = html.index('<script id="projecten-geojson-')
    geojson = json.loads(
        html[html.index(">", start) + 1 : html.index("</script>", start)]
    )
    assert [f["properties"]["titel"] for f in geojson["features"]] == [
        "Speelbos Turnhout"
    ]
    assert "Checklist speelruimte" in html


def test_the_home_page_shows_the_latest_inspiration(client, inspiratie):
    story(inspiratie, "Groene speelplaats", themas=["natuur-en-landschap"])
    html = client.get("/").content.decode()
    assert "Groene speelplaats" in html
    assert 'href="/inspiratie/"' in html


def test_the_inspiration_index_filters_by_theme(client, inspiratie):
    story(inspiratie, "Groene speelplaats", themas=["natuur-en-landschap"])
    story(inspiratie, "Autoluwe schoolstraat", themas=["mobiliteit"])
    response = client.get(inspiratie.url, {"thema": "mobiliteit"})
    titles = [p.title for p in response.context["pages"]]
    assert titles == ["Autoluwe schoolstraat"]
    assert len(client.get(inspiratie.url).context["pages"]) == 2
