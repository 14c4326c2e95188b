"""The agenda's pages per role: the list and month view with their filters, a
gathering's page, registering and cancelling through the pages, the organisers'
list, exports and presence list, search and the sections."""

import io
from datetime import timedelta

import pytest
from django.contrib.gis.geos import Point
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from atelier.models import Gemeente, Thema
from netwerk import services
from netwerk.models import Bijeenkomst, Inschrijving, Programmapunt

from .factories import BijeenkomstFactory, open_bijeenkomst

pytestmark = pytest.mark.django_db
Z = Bijeenkomst.Zichtbaarheid


@pytest.fixture
def gatherings():
    erfgoed = Thema.objects.get(slug="erfgoed")
    mol = Gemeente.objects.get(slug="mol")
    publiek = open_bijeenkomst(title="Studiedag erfgoed", capaciteit=1)
    publiek.themas.add(erfgoed)
    publiek.gemeenten.add(mol)
    publiek.save()  # ParentalManyToMany: saved with the gathering
    return {
        "publiek": publiek,
        "partners": BijeenkomstFactory(title="Partnerdag", zichtbaarheid=Z.PARTNERS),
        "genodigden": BijeenkomstFactory(
            title="Besloten overleg", zichtbaarheid=Z.GENODIGDEN
        ),
        "voorbij": BijeenkomstFactory(
            title="Voorbije workshop",
            soort=Bijeenkomst.Soort.WORKSHOP,
            start=timezone.now() - timedelta(days=10),
        ),
    }


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        (None, {"Studiedag erfgoed"}),
        ("gemeente_medewerker", {"Studiedag erfgoed"}),
        ("partner", {"Studiedag erfgoed", "Partnerdag"}),
        ("iok_medewerker", {"Studiedag erfgoed", "Partnerdag", "Besloten overleg"}),
    ],
)
def test_the_agenda_lists_what_each_role_may_see(
    client, request, gatherings, role, seen
):
    if role:
        client.force_login(request.getfixturevalue(role))
    content = client.get(reverse("netwerk:agenda")).content.decode()
    titles = {"Studiedag erfgoed", "Partnerdag", "Besloten overleg"}
    assert {t for t in titles if t in content} == seen
    assert "Voorbije workshop" not in content
    for name, bijeenkomst in gatherings.items():
        if name == "voorbij":
            continue
        status = client.get(bijeenkomst.get_absolute_url()).status_code
        assert status == (200 if bijeenkomst.title in seen else 404)


def test_past_and_filters_in_the_url(client, gatherings):
    past = client.get(reverse("netwerk:agenda") + "?wanneer=voorbij").content.decode()
    assert "Voorbije workshop" in past and "Studiedag erfgoed" not in past
    url = reverse("netwerk:agenda")
    assert "Studiedag erfgoed" in client.get(url + "?thema=erfgoed").content.decode()
    assert "Studiedag erfgoed" not in client.get(url + "?thema=zorg").content.decode()
    assert "Studiedag erfgoed" in client.get(url + "?gemeente=mol").content.decode()
    assert (
        "Studiedag erfgoed" not in client.get(url + "?soort=workshop").content.decode()
    )


@pytest.mark.parametrize("value", ["onbekend", "%", "\x00", "9" * 400, "a\nb"])
def test_a_bad_filter_says_so_never_a_500(client, gatherings, value):
    response = client.get(reverse("netwerk:agenda"), {"thema": value})
    assert response.status_code == 200
    assert "Studiedag erfgoed" not in response.content.decode()
    assert "Selecteer een geldige keuze" in response.content.decode() or (
        "geldige" in response.content.decode()
    )
    ics = client.get(reverse("netwerk:agenda-ics"), {"gemeente": value})
    assert ics.status_code == 400


def test_the_month_view_shows_the_gatherings_on_their_day(client, gatherings):
    start = timezone.localtime(gatherings["publiek"].start)
    response = client.get(
        reverse("netwerk:agenda-maand"), {"maand": f"{start:%Y-%m}", "thema": "erfgoed"}
    )
    content = response.content.decode()
    assert "Studiedag erfgoed" in content and "Partnerdag" not in content
    for bad in ["2026-13", "99999-01", "\x00", "1800-01"]:
        assert (
            client.get(reverse("netwerk:agenda-maand"), {"maand": bad}).status_code
            == 200
        )


def test_the_event_page_has_programme_map_and_form(client, gatherings):
    bijeenkomst = gatherings["publiek"]
    bijeenkomst.punt = Point(5.116, 51.191, srid=4326)
    bijeenkomst.save()
    Programmapunt.objects.create(
        bijeenkomst=bijeenkomst, van="09:30", title="Inleiding", sprekers="An (IOK)"
    )
    content = client.get(bijeenkomst.get_absolute_url()).content.decode()
    assert "Inleiding" in content and "An (IOK)" in content
    assert 'data-map="smallMap"' in content and 'id="bijeenkomst-geojson"' in content
    assert "Schrijf me in" in content
    assert "style=" not in content.split("<body", 1)[1]


def test_registering_through_the_page_then_the_waiting_list(client, gatherings):
    bijeenkomst = gatherings["publiek"]
    url = reverse("netwerk:inschrijven", kwargs={"slug": bijeenkomst.slug})
    data = {"naam": "An Peeters", "email": "an@example.be", "organisatie": "Mol"}
    with_messages = client.post(url, data, follow=True)
    assert "U bent ingeschreven" in with_messages.content.decode()
    second = client.post(url, {**data, "email": "bart@example.be"}, follow=True)
    assert "wachtlijst" in second.content.decode()
    twice = client.post(url, data)
    assert "al ingeschreven" in twice.content.decode()
    invalid = client.post(url, {**data, "email": "geen-adres"})
    assert "geen geldig e-mailadres" in invalid.content.decode()
    assert list(
        Inschrijving.objects.order_by("created_at").values_list("email", "status")
    ) == [("an@example.be", "bevestigd"), ("bart@example.be", "wachtlijst")]


def test_registering_after_the_deadline_is_refused(client, gatherings):
    bijeenkomst = gatherings["publiek"]
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(
        inschrijven_tot=timezone.now() - timedelta(minutes=1)
    )
    url = reverse("netwerk:inschrijven", kwargs={"slug": bijeenkomst.slug})
    response = client.post(url, {"naam": "An", "email": "an@example.be"})
    assert "afgesloten" in response.content.decode()
    assert not Inschrijving.objects.exists()


def test_one_cannot_register_for_what_one_may_not_see(client, gatherings):
    url = reverse("netwerk:inschrijven", kwargs={"slug": gatherings["partners"].slug})
    assert client.post(url, {"naam": "An", "email": "an@example.be"}).status_code == 404


def test_the_cancel_page_asks_then_cancels_once(client, gatherings):
    bijeenkomst = gatherings["publiek"]
    _, token = services.inschrijving_create(
        bijeenkomst, naam="An", email="an@example.be"
    )
    url = reverse("netwerk:inschrijving-annuleren", kwargs={"token": token})
    assert "Ja, annuleer" in client.get(url).content.decode()
    assert Inschrijving.objects.get().status == "bevestigd"  # a GET changes nothing
    assert "geannuleerd" in client.post(url, follow=True).content.decode()
    assert Inschrijving.objects.get().status == "geannuleerd"
    again = client.post(url)
    assert again.status_code == 400 and "al geannuleerd" in again.content.decode()
    bad = reverse("netwerk:inschrijving-annuleren", kwargs={"token": "x" * 43})
    assert client.get(bad).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        ("gemeente_medewerker", 403),
        ("partner", 403),
        ("expert", 403),
        ("iok_medewerker", 200),
        ("beheerder", 200),
    ],
)
def test_only_organisers_see_registrations_exports_and_presence_list(
    client, request, gatherings, role, status
):
    bijeenkomst = gatherings["publiek"]
    services.inschrijving_create(
        bijeenkomst, naam="=HYPERLINK(1)", email="an@example.be"
    )
    if role:
        client.force_login(request.getfixturevalue(role))
    slug = {"slug": bijeenkomst.slug}
    urls = [
        reverse("netwerk:inschrijvingen", kwargs=slug),
        reverse("netwerk:inschrijvingen-export", kwargs={**slug, "fmt": "csv"}),
        reverse("netwerk:inschrijvingen-export", kwargs={**slug, "fmt": "xlsx"}),
        reverse("netwerk:aanwezigheidslijst", kwargs=slug),
    ]
    for url in urls:
        assert client.get(url).status_code == status, url
    hidden = {"slug": gatherings["genodigden"].slug}
    hidden_status = 302 if role is None else (404 if status == 403 else 200)
    assert (
        client.get(reverse("netwerk:inschrijvingen", kwargs=hidden)).status_code
        == hidden_status
    )


def test_exports_presence_list_and_attendance(client, iok_medewerker, gatherings):
    bijeenkomst = gatherings["publiek"]
    inschrijving, _ = services.inschrijving_create(
        bijeenkomst, naam="=HYPERLINK(1)", email="an@example.be"
    )
    client.force_login(iok_medewerker)
    slug = {"slug": bijeenkomst.slug}
    csv = client.get(
        reverse("netwerk:inschrijvingen-export", kwargs={**slug, "fmt": "csv"})
    )
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "an@example.be" in text
    xlsx = client.get(
        reverse("netwerk:inschrijvingen-export", kwargs={**slug, "fmt": "xlsx"})
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "'=HYPERLINK(1)"
    pdf = client.get(reverse("netwerk:aanwezigheidslijst", kwargs=slug))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert (
        client.get(
            reverse("netwerk:inschrijvingen-export", kwargs={**slug, "fmt": "exe"})
        ).status_code
        == 404
    )
    url = reverse("netwerk:inschrijvingen", kwargs=slug)
    client.post(url, {"inschrijving": inschrijving.pk, "aanwezig": "ja"})
    inschrijving.refresh_from_db()
    assert inschrijving.aanwezig is True
    assert (
        client.post(url, {"inschrijving": "\x00", "aanwezig": "ja"}).status_code == 400
    )


def test_search_respects_visibility(client, partner, gatherings):
    found = client.get(reverse("search"), {"q": "Partnerdag"}).content.decode()
    assert gatherings["partners"].get_absolute_url() not in found
    client.force_login(partner)
    found = client.get(reverse("search"), {"q": "Partnerdag"}).content.decode()
    assert gatherings["partners"].get_absolute_url() in found


def test_home_and_municipality_sections(client, gatherings):
    home = client.get("/").content.decode()
    assert "Studiedag erfgoed" in home and "Partnerdag" not in home
    mol = Gemeente.objects.get(slug="mol")
    assert "Studiedag erfgoed" in client.get(mol.get_absolute_url()).content.decode()
    geel = Gemeente.objects.get(slug="geel")
    in_geel = BijeenkomstFactory(
        title="Workshop in Geel", punt=geel.geom.point_on_surface
    )
    assert in_geel.title in client.get(geel.get_absolute_url()).content.decode()
    assert "Workshop in Geel" not in client.get(mol.get_absolute_url()).content.decode()


def test_documents_follow_the_gathering(client, partner, gatherings):
    from wagtail.models import ReferenceIndex

    from netwerk.models import BijeenkomstDocument
    from tests.modeldocumenten.factories import document_file

    documents = {}
    for name in ("publiek", "partners"):
        document = document_file(f"Slides {name}")
        bijeenkomst = gatherings[name]
        BijeenkomstDocument.objects.create(bijeenkomst=bijeenkomst, document=document)
        ReferenceIndex.create_or_update_for_object(bijeenkomst)
        documents[name] = document
    public_url = documents["publiek"].url
    partner_url = documents["partners"].url
    assert client.get(public_url).status_code == 200
    assert client.get(partner_url).status_code in (403, 404)
    client.force_login(partner)
    assert client.get(partner_url).status_code == 200
    assert (
        "Slides publiek"
        in client.get(gatherings["publiek"].get_absolute_url()).content.decode()
    )
    assert mail.outbox == []


def test_the_back_office_edits_programme_sessions_and_documents(
    client, iok_medewerker, gatherings
):
    client.force_login(iok_medewerker)
    url = reverse(
        "wagtailsnippets_netwerk_bijeenkomst:edit", args=[gatherings["publiek"].pk]
    )
    content = client.get(url).content.decode()
    for formset in ("programma", "sessies", "documenten"):
        assert f'id="id_{formset}-TOTAL_FORMS"' in content


def test_the_account_page_lists_ones_own_registrations(
    client, partner, gemeente_medewerker, gatherings
):
    partner.email = "Partner@Example.be"
    partner.save()
    services.inschrijving_create(
        gatherings["publiek"], naam="P", email="partner@example.be"
    )
    client.force_login(partner)
    assert "Studiedag erfgoed" in client.get("/account/").content.decode()
    client.force_login(gemeente_medewerker)
    assert "Studiedag erfgoed" not in client.get("/account/").content.decode()


def test_the_back_office_list_links_to_the_registrations(
    client, iok_medewerker, gatherings
):
    client.force_login(iok_medewerker)
    content = client.get(reverse("wagtailsnippets_netwerk_bijeenkomst:list")).content
    url = reverse("netwerk:inschrijvingen", kwargs={"slug": gatherings["publiek"].slug})
    assert url in content.decode()
