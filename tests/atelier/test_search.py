import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from atelier import plugins, search
from atelier.plugins import Portal
from atelier.search import PER_KIND, Result, provider
from tests.kempenkaart.factories import InstrumentFactory, ProjectFactory
from tests.modeldocumenten.factories import model_document

pytestmark = pytest.mark.django_db

DOCUMENTEN = "Modeldocumenten"
PROJECTEN = "Projecten op de Kempenkaart"
INSTRUMENTEN = "Planologische instrumenten"


def get(client, q, status=200):
    response = client.get("/zoeken/", {"q": q})
    assert response.status_code == status
    return response


def found(client, q):
    """{kind: [titles]} of the search for `q`."""
    groups = get(client, q).context["groups"]
    return {str(g.kind): [r.title for r in g.results] for g in groups}


def titles(client, q):
    return [title for group in found(client, q).values() for title in group]


def test_url():
    assert reverse("search") == "/zoeken/"


def test_every_app_registers_its_kinds_in_order():
    kinds = [str(p.kind) for p in search.providers()]
    assert kinds.index(DOCUMENTEN) < kinds.index(PROJECTEN) < kinds.index(INSTRUMENTEN)


def test_dutch_stemming_finds_the_singular(client):
    model_document(
        "Modelreglement terrassen",
        summary="Een verordening over terrassen op het openbaar domein.",
    )
    model_document("Checklist ruimtelijke kwaliteit", summary="Een lijst.")
    assert found(client, "verordeningen") == {DOCUMENTEN: ["Modelreglement terrassen"]}
    assert found(client, "terras") == {DOCUMENTEN: ["Modelreglement terrassen"]}


def test_case_does_not_matter(client):
    InstrumentFactory(name="Beleidsplan Ruimte Turnhout")
    assert found(client, "beleidsplan") == {
        INSTRUMENTEN: ["Beleidsplan Ruimte Turnhout"]
    }
    assert found(client, "BELEIDSPLAN") == {
        INSTRUMENTEN: ["Beleidsplan Ruimte Turnhout"]
    }


def test_accents_do_not_matter_either_way(client):
    ProjectFactory(title="Café op het dorpsplein")
    ProjectFactory(
        title="Knip in de dorpskern",
        description="<p>De straat wordt eenrichtingsverkeer.</p>",
    )
    model_document("Modelcontract ontwerpers", summary="Het éérlijke ereloon bepalen.")
    assert titles(client, "cafe") == ["Café op het dorpsplein"]
    assert titles(client, "café") == ["Café op het dorpsplein"]
    assert titles(client, "caf") == ["Café op het dorpsplein"]  # part of the title
    assert titles(client, "éénrichtingsverkeer") == ["Knip in de dorpskern"]
    assert titles(client, "eerlijk ereloon") == ["Modelcontract ontwerpers"]
    assert titles(client, "érelóon") == ["Modelcontract ontwerpers"]


def test_accents_the_dutch_stemmer_keeps_are_ignored_too(client):
    """Dutch stemming already drops acute accents and umlauts; `unaccent` takes care
    of the rest (è, ç, à, …), also in the part-of-a-title match."""
    ProjectFactory(title="Gevelrenovatie", description="<p>Een nieuwe façade.</p>")
    ProjectFactory(title="Crèmekleurige gevels")
    ProjectFactory(title="Façadeprogramma Geel")
    assert titles(client, "facade") == ["Façadeprogramma Geel", "Gevelrenovatie"]
    assert titles(client, "cremekleurige") == ["Crèmekleurige gevels"]
    assert titles(client, "facadeprog") == ["Façadeprogramma Geel"]
    assert titles(client, "crèmekléurig") == ["Crèmekleurige gevels"]


def test_results_are_grouped_by_kind_in_registry_order_with_counts(client):
    InstrumentFactory(name="RUP Stationsomgeving", description="Herinrichting.")
    ProjectFactory(title="Nieuw stationsplein")
    ProjectFactory(title="Fietsenstalling", description="<p>Aan het station.</p>")
    model_document("Modelbestek stationsomgeving", soort="bestek")
    response = get(client, "station")
    groups = response.context["groups"]
    assert [str(g.kind) for g in groups] == [DOCUMENTEN, PROJECTEN, INSTRUMENTEN]
    assert [g.total for g in groups] == [1, 2, 1]
    assert response.context["total"] == 4
    html = response.content.decode()
    assert "4 resultaten voor “station”" in html
    assert 'aria-live="polite"' in html
    assert html.index(f"{DOCUMENTEN} <") < html.index(f"{PROJECTEN} <")
    assert html.index(f"{PROJECTEN} <") < html.index(f"{INSTRUMENTEN} <")
    assert '<h2 id="projecten-op-de-kempenkaart">' in html
    project = groups[1].results[0]
    assert project.title == "Nieuw stationsplein"  # the title weighs most
    assert project.url == "/kaart/projecten/nieuw-stationsplein/"
    assert project.kind == PROJECTEN
    assert 'href="/kaart/projecten/nieuw-stationsplein/"' in html
    assert "Turnhout" in project.extra


def test_a_result_links_to_the_document_with_its_summary(client):
    doc = model_document(
        "Stedenbouwkundige verordening verharding",
        summary="Regels voor verharde oppervlakken in tuinen.",
    )
    response = get(client, "verharding")
    (result,) = response.context["groups"][0].results
    assert result.url == doc.url
    assert result.summary == "Regels voor verharde oppervlakken in tuinen."
    assert result.extra == "Verordening · Lokaal"
    assert f'<a href="{doc.url}">' in response.content.decode()


def test_unpublished_projects_and_draft_documents_never_appear(client):
    ProjectFactory(title="Zwembad gepubliceerd")
    ProjectFactory(title="Zwembad ingediend", live=False)
    model_document("Zwembadreglement", summary="Over zwembaden.")
    model_document("Zwembadreglement concept", summary="Over zwembaden.", live=False)
    besloten = model_document("Zwembadreglement intern", summary="Over zwembaden.")
    PageViewRestriction.objects.create(
        page=besloten, restriction_type=PageViewRestriction.LOGIN
    )
    assert found(client, "zwembad") == {
        DOCUMENTEN: ["Zwembadreglement"],
        PROJECTEN: ["Zwembad gepubliceerd"],
    }


def test_at_most_a_page_per_kind_with_a_link_to_all(client):
    for n in range(PER_KIND + 2):
        ProjectFactory(title=f"Speelplein {n:02}")
    response = get(client, "speelplein")
    (group,) = response.context["groups"]
    assert group.total == PER_KIND + 2
    assert len(group.results) == PER_KIND
    assert group.more_url == "/kaart/?q=speelplein"
    html = response.content.decode()
    assert f"De eerste {PER_KIND} van {PER_KIND + 2}." in html
    assert 'href="/kaart/?q=speelplein"' in html


def test_no_results_says_so(client):
    ProjectFactory(title="Speelbos")
    response = get(client, "kerktoren")
    assert response.context["groups"] == []
    assert "0 resultaten voor “kerktoren”" in response.content.decode()


def test_an_empty_query_shows_the_form_only(client):
    ProjectFactory(title="Speelbos")
    for q in ("", "   "):
        response = get(client, q)
        html = response.content.decode()
        assert response.context["groups"] == []
        assert '<input type="search" id="id_q" name="q"' in html
        assert (
            "Zoekt in modeldocumenten, inspiratie, projecten op de kempenkaart," in html
        )
        assert "resultaten voor" not in html
        assert 'role="alert"' not in html
    response = client.get("/zoeken/")
    assert response.status_code == 200
    assert response.context["query"] == ""


def test_too_short_and_too_long_queries_get_a_message(client):
    ProjectFactory(title="A-lijst")
    response = get(client, "a")
    assert response.context["groups"] == []
    assert "Typ minstens 2 tekens." in response.content.decode()
    response = get(client, "verordening " * 30)
    assert response.context["groups"] == []
    html = response.content.decode()
    assert "Je zoekopdracht is te lang" in html
    assert 'aria-invalid="true"' in html


def test_whitespace_is_tidied(client):
    ProjectFactory(title="Café op het dorpsplein")
    response = get(client, "  dorpsplein   café ")
    assert response.context["query"] == "dorpsplein café"
    assert titles(client, "  dorpsplein   café ") == ["Café op het dorpsplein"]


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "'",
        '"onafgesloten',
        "&|!",
        "a & b | !c",
        "(((",
        "dorp:*",
        "-",
        "or or or",
        "' OR 1=1; DROP TABLE kempenkaart_project; --",
        "%_%",
        "\\",
        "<script>alert(1)</script>",
        "a\x00b",
        "😀 emoji",
        "de het een",  # Dutch stop words only: an empty full-text query
    ],
)
def test_odd_input_never_fails(client, q):
    ProjectFactory(title="Dorpsplein 100% autovrij")
    response = get(client, q)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_like_wildcards_are_plain_characters(client):
    ProjectFactory(title="Dorpsplein 100% autovrij")
    ProjectFactory(title="Dorpsplein 1000 bomen")
    assert titles(client, "100%") == ["Dorpsplein 100% autovrij"]
    assert titles(client, "%_%") == []


def test_a_new_kind_is_a_few_lines(client, monkeypatch):
    @provider("Inspiratie", order=20)
    def inspiratie(request, query):
        if "plein" not in query:
            return []
        return [Result("Pleinen die werken", "/inspiratie/pleinen/", "Vijf pleinen.")]

    # Only the model documents and projects of the installed apps, plus the new kind.
    installed = plugins.portals()
    keep = [p for p in plugins.search_providers() if p.order in (10, 30)]
    monkeypatch.setattr(
        plugins,
        "portals",
        lambda: {
            "apps": Portal(search_providers=keep),
            "proef": Portal(search_providers=[inspiratie]),
        },
    )
    assert installed  # (the real ones were found)

    ProjectFactory(title="Dorpsplein")
    model_document("Modelbestek plein", soort="bestek")
    groups = get(client, "plein").context["groups"]
    assert [str(g.kind) for g in groups] == [DOCUMENTEN, "Inspiratie", PROJECTEN]
    assert groups[1].results == [
        Result(
            "Pleinen die werken", "/inspiratie/pleinen/", "Vijf pleinen.", "Inspiratie"
        )
    ]


def test_inspiration_pages_are_found_too(client):
    from atelier.models import HomePage
    from modeldocumenten.models import InspirationIndexPage, InspirationPage

    index = InspirationIndexPage(title="Inspiratie", slug="inspiratie")
    HomePage.objects.get().add_child(instance=index)
    story = InspirationPage(
        title="Een groene speelplaats",
        slug="groene-speelplaats",
        intro="Ontharding op school.",
    )
    index.add_child(instance=story)
    story.save_revision().publish()
    html = client.get("/zoeken/", {"q": "groene speelplaats"}).content.decode()
    assert "Inspiratie" in html
    assert "Een groene speelplaats" in html
