import datetime

import pytest
from django.test import Client
from django.utils import timezone

from atelier.models import Gemeente
from modeldocumenten.models import DocumentVersie, Download
from tests.modeldocumenten.factories import BROWSER, library, model_document

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def documenten():
    turnhout = Gemeente.objects.get(slug="turnhout")
    mol = Gemeente.objects.get(slug="mol")
    return {
        "verharding": model_document(
            "Stedenbouwkundige verordening verharding",
            soort="verordening",
            themas=["duurzaamheid", "open-ruimte"],
            versies=[("1.0", D(2022, 3, 1), 40), ("2.0", D(2025, 5, 1), 12)],
            adopties=[(turnhout, D(2023, 6, 1)), (mol, D(2024, 2, 1))],
        ),
        "terrassen": model_document(
            "Modelreglement terrassen",
            soort="reglement",
            niveau="provinciaal",
            themas=["kernversterking"],
            versies=[("1.0", D(2024, 1, 1), 100)],
        ),
        "checklist": model_document(
            "Checklist ruimtelijke kwaliteit",
            soort="checklist",
            niveau="vlaams",
            themas=["architectuur"],
            versies=[("1.0", D(2026, 1, 1), 3)],
        ),
        "concept": model_document("Nog in review", live=False),
    }


def test_the_library_filters_by_audience(client, documenten):
    from modeldocumenten.models import Doelgroep

    page = documenten["terrassen"]
    page.doelgroepen = [Doelgroep.objects.get(slug="burgers-en-verenigingen")]
    page.save_revision().publish()
    response = client.get("/modeldocumenten/", {"doelgroep": "burgers-en-verenigingen"})
    assert [p.title for p in response.context["documents"]] == [
        "Modelreglement terrassen"
    ]


def titles(response):
    return [p.title for p in response.context["documents"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            [
                "Checklist ruimtelijke kwaliteit",
                "Modelreglement terrassen",
                "Stedenbouwkundige verordening verharding",
            ],
        ),
        ({"thema": "duurzaamheid"}, ["Stedenbouwkundige verordening verharding"]),
        ({"soort": "reglement"}, ["Modelreglement terrassen"]),
        ({"niveau": "vlaams"}, ["Checklist ruimtelijke kwaliteit"]),
        ({"q": "verordeningen"}, ["Stedenbouwkundige verordening verharding"]),
        ({"q": "terras"}, ["Modelreglement terrassen"]),
    ],
)
def test_the_library_filters_and_searches(client, documenten, params, expected):
    response = client.get("/modeldocumenten/", {"sorteer": "a-z", **params})
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_library_sorts_by_downloads_and_by_name(client, documenten):
    popular = titles(client.get("/modeldocumenten/", {"sorteer": "populair"}))
    assert popular[0] == "Modelreglement terrassen"  # 100 downloads
    assert popular[1] == "Stedenbouwkundige verordening verharding"  # 40 + 12
    assert titles(client.get("/modeldocumenten/", {"sorteer": "a-z"}))[0].startswith(
        "Checklist"
    )


def test_an_unknown_filter_value_is_explained(client, documenten):
    response = client.get("/modeldocumenten/", {"soort": "roman"})
    assert response.status_code == 200
    assert titles(response) == []
    assert "form-errors" in response.content.decode()


def test_the_document_page_offers_the_current_version_and_lists_earlier_ones(
    client, documenten
):
    page = documenten["verharding"]
    html = client.get(page.url).content.decode()
    current = page.versies.get(nummer="2.0")
    earlier = page.versies.get(nummer="1.0")
    assert "Huidige versie 2.0" in html
    assert current.download_url("bestand") in html
    assert current.download_url("pdf") in html
    assert "Eerdere versies" in html and earlier.download_url("pdf") in html
    assert "Deze versie: 12 keer gedownload" in html
    assert "alle versies: 52" in html
    assert "(40 downloads)" in html  # version 1.0
    assert 'id="adoptie-geojson"' in html
    assert "Turnhout" in html and "Mol" in html


def test_a_download_is_counted_per_version_and_remembered_for_the_user(
    client, documenten, partner
):
    versie = documenten["terrassen"].versies.get()
    response = client.get(versie.download_url("pdf"), headers=BROWSER)
    assert response.status_code == 302
    assert response["Location"] == versie.pdf.url
    client.force_login(partner)
    client.get(versie.download_url("bestand"), headers=BROWSER)
    versie.refresh_from_db()
    assert versie.downloads.count() == 102
    assert list(
        Download.objects.filter(user=partner).values_list("versie", flat=True)
    ) == [versie.pk]


def test_unpublished_documents_and_unknown_files_are_not_served(client, documenten):
    concept = DocumentVersie.objects.get(page__slug="nog-in-review")
    assert client.get(concept.download_url("pdf")).status_code == 404
    versie = documenten["terrassen"].versies.get()
    assert client.get(versie.download_url("exe")).status_code == 404
    assert client.get("/modeldocumenten/download/999999/pdf/").status_code == 404
    assert client.get("/modeldocumenten/nog-in-review/").status_code == 404


def test_the_municipality_page_shows_what_it_adopted(client, documenten):
    html = client.get("/gemeenten/turnhout/").content.decode()
    assert "Modeldocumenten gebruikt in Turnhout" in html
    assert "Stedenbouwkundige verordening verharding" in html
    assert "Modelreglement terrassen" not in html


def test_the_home_page_shows_the_latest_documents(client, documenten):
    # The menu links the library on every page: the section lists the documents.
    html = client.get("/").content.decode()
    for page in ("verharding", "terrassen", "checklist"):
        assert documenten[page].url in html
    assert "Nog in review" not in html


def test_model_documents_are_made_in_the_library_only(client, iok_medewerker):
    """Staff may add a model document in the library, not elsewhere; there is one
    library."""
    from atelier.models import HomePage

    home = HomePage.objects.get()
    client.force_login(iok_medewerker)

    def add_form(parent, model):
        """The add form, or where Wagtail sends who may not add this here."""
        url = f"/admin/pages/add/modeldocumenten/{model}/{parent.pk}/"
        response = client.get(url)
        return response.status_code, response.get("Location")

    assert add_form(library(), "modeldocumentpage") == (200, None)
    assert add_form(home, "modeldocumentpage") == (302, "/admin/")
    assert add_form(home, "modeldocumentindexpage") == (302, "/admin/")  # max 1


def test_publishing_a_draft_keeps_the_downloads_counted_meanwhile(client):
    page = model_document("Reglement kermissen", versies=[("1.0", D(2024, 1, 1), 0)])
    versie = page.versies.get()
    draft = page.get_latest_revision_as_object()
    draft.summary = "Bijgewerkte samenvatting."
    revision = draft.save_revision()
    for _visitor in range(2):
        Client().get(versie.download_url("pdf"), headers=BROWSER)
    revision.publish()
    assert DocumentVersie.objects.get(pk=versie.pk).downloads.count() == 2


# What counts as a download (issue 7, item 7b)


def counted(versie):
    return Download.objects.filter(versie=versie).count()


@pytest.fixture
def versie():
    return model_document(
        "Reglement kermissen", versies=[("1.0", D(2024, 1, 1), 0)]
    ).versies.get()


def test_a_head_request_is_served_but_not_counted(client, versie):
    response = client.head(versie.download_url("pdf"), headers=BROWSER)
    assert response.status_code == 302
    assert counted(versie) == 0
    assert client.post(versie.download_url("pdf")).status_code == 405
    assert counted(versie) == 0


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "WhatsApp/2.23.20.0",
        "curl/8.5.0",
        "Wget/1.21.3",
        "python-requests/2.32.3",
        "",
    ],
)
def test_bots_link_previews_and_scripts_are_not_counted(client, versie, user_agent):
    response = client.get(
        versie.download_url("pdf"), headers={"User-Agent": user_agent}
    )
    assert response.status_code == 302  # they get the file all the same
    assert counted(versie) == 0


@pytest.mark.parametrize(
    "header",
    [{"Sec-Purpose": "prefetch"}, {"Purpose": "prefetch"}, {"X-Moz": "prefetch"}],
)
def test_a_prefetch_is_not_counted(client, versie, header):
    client.get(versie.download_url("pdf"), headers={**BROWSER, **header})
    assert counted(versie) == 0


def test_a_visitor_who_downloads_a_version_again_counts_once_a_day(client, versie):
    for kind in ("pdf", "pdf", "bestand"):  # both files of one version: one download
        assert client.get(versie.download_url(kind), headers=BROWSER).status_code == 302
    assert counted(versie) == 1
    Client().get(versie.download_url("pdf"), headers=BROWSER)  # someone else
    assert counted(versie) == 2


def test_a_signed_in_user_counts_once_a_day_on_any_device(client, versie, partner):
    for _device in range(2):
        device = Client()
        device.force_login(partner)
        device.get(versie.download_url("pdf"), headers=BROWSER)
    assert counted(versie) == 1
    Download.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    device.get(versie.download_url("pdf"), headers=BROWSER)
    assert counted(versie) == 2
    assert Download.objects.filter(user=partner).count() == 2


def test_a_new_version_counts_apart(client, versie):
    page = versie.page
    page.versies.add(
        DocumentVersie(
            nummer="2.0",
            datum=D(2025, 1, 1),
            bestand=versie.bestand,
            pdf=versie.pdf,
        )
    )
    page.save_revision().publish()
    nieuw = DocumentVersie.objects.get(page=page, nummer="2.0")
    client.get(versie.download_url("pdf"), headers=BROWSER)
    client.get(nieuw.download_url("pdf"), headers=BROWSER)
    assert counted(versie) == 1 and counted(nieuw) == 1
