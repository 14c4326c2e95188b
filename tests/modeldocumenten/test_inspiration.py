import json

import pytest

from tests.kempenkaart.factories import ProjectFactory
from tests.modeldocumenten import factories
from tests.modeldocumenten.factories import inspiration_index, model_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspiratie():
    return inspiration_index()


def story(index, title, **kwargs):
    return factories.story(title, parent=index, **kwargs)


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
