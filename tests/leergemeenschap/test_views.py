import datetime
from io import BytesIO

import pytest
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from atelier import roles
from atelier.models import Gemeente, Organisatie
from leergemeenschap import services
from leergemeenschap.models import Case, Inschrijving, PeilingThema, Praktijkvoorbeeld
from tests.atelier.factories import OrganisatieFactory, UserFactory

from .factories import hefboom, traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(turnhout, gemeente_medewerker, iok_medewerker):
    """A trajectory with two hefbomen; Turnhout takes part in hefboom 1 with a
    non-public case; session 1 of hefboom 1 has its processed input published."""
    t = traject(eerste_orde=[turnhout])
    h1 = hefboom(t, 1, titel="Grondbeleid", vraag="Hoe kan u het grondbeleid?")
    h2 = hefboom(t, 2, titel="Regie", vraag="Hoe houdt u de regie?")
    org = Organisatie.objects.get(lidmaatschappen__user=gemeente_medewerker)
    (inschrijving,) = services.inschrijving_submit(
        user=gemeente_medewerker,
        organisatie=org,
        hefbomen=[h1],
        contactpersonen="An",
        case={"title": "Geheime stationscase", "beschrijving": "Intern."},
        bijlagen=[("plan.pdf", b"%PDF-1.4 plan")],
    )
    sessie = h1.werksessies.first()
    services.werksessie_publish_input(
        sessie,
        verslag="Verslag met de geheime cijfers.",
        documenten=[("slides.pdf", b"%PDF-1.4 slides")],
    )
    tool = services.tool_create(
        h1,
        title="Grondbank voor de kern",
        beschrijving="Een grondbank koopt strategisch.",
        dos="Koop rond haltes\nWerk samen met de buren",
        donts="Speculeer niet",
    )
    tool.cases.add(inschrijving.case)
    services.tool_create(h2, title="Regiekamer", beschrijving="Regie.", dos="Plan")
    services.evaluatie_submit(
        user=gemeente_medewerker,
        inschrijving=inschrijving,
        scores={tool: (4, "Sterk commentaar")},
    )
    thema = PeilingThema.objects.create(traject=t, naam="Wonen in de kern")
    services.peiling_submit(
        user=gemeente_medewerker,
        organisatie=org,
        antwoorden={thema: (5, "Ons geheime peilvoorbeeld")},
    )
    return {
        "traject": t,
        "h1": h1,
        "h2": h2,
        "sessie": sessie,
        "tool": tool,
        "case": inschrijving.case,
        "org": org,
    }


@pytest.fixture
def users(db, gemeente_medewerker, partner, expert, iok_medewerker, beheerder):
    return {
        "anoniem": None,
        "deelnemer": gemeente_medewerker,
        "partner": partner,
        "expert": expert,
        "andere-gemeente": UserFactory(
            roles=[roles.GEMEENTE_MEDEWERKER], gemeente=Gemeente.objects.get(slug="mol")
        ),
        "iok": iok_medewerker,
        "beheerder": beheerder,
    }


def fetch(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


STAFF = {"iok", "beheerder"}
PARTICIPANTS = {"deelnemer"} | STAFF


def test_public_pages(client, world):
    t = world["traject"]
    list_page = client.get("/leergemeenschap/")
    assert t.title in list_page.content.decode()
    page = client.get(t.get_absolute_url()).content.decode()
    assert "Hoe kan u het grondbeleid?" in page and "Tijdlijn" in page
    assert "Vandaag: fase lokale input" in page
    assert "Geheime stationscase" not in page
    hefboom_page = client.get(world["h1"].get_absolute_url()).content.decode()
    assert "Werksessie 1" not in hefboom_page  # dates only for participants


@pytest.mark.parametrize(
    "role", ["anoniem", "deelnemer", "partner", "expert", "andere-gemeente", "iok"]
)
def test_session_material_only_for_participants_and_staff(client, world, users, role):
    user = users[role]
    sessie = world["sessie"]
    document = sessie.documenten.get()
    bijlage = world["case"].bijlagen.get()
    allowed = role in PARTICIPANTS
    response = fetch(client, user, sessie.get_absolute_url())
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert "geheime cijfers" in response.content.decode()
    assert fetch(
        client, user, f"/leergemeenschap/bestand/sessie/{document.pk}/"
    ).status_code == (200 if allowed else 404)
    assert fetch(
        client, user, f"/leergemeenschap/bestand/case/{bijlage.pk}/"
    ).status_code == (200 if allowed else 404)
    page = fetch(client, user, world["traject"].get_absolute_url()).content.decode()
    assert ("Geheime stationscase" in page) == allowed
    hefboom_page = fetch(client, user, world["h1"].get_absolute_url()).content.decode()
    assert ("Werksessie 1" in hefboom_page) == allowed


@pytest.mark.parametrize(
    "role", ["anoniem", "deelnemer", "partner", "iok", "beheerder"]
)
def test_evaluations_and_survey_answers_only_for_staff(client, world, users, role):
    t, h1 = world["traject"], world["h1"]
    allowed = role in STAFF
    urls = [
        f"/leergemeenschap/{t.slug}/{h1.slug}/evaluatie/resultaten/",
        f"/leergemeenschap/{t.slug}/{h1.slug}/evaluatie/resultaten/?formaat=csv",
        f"/leergemeenschap/{t.slug}/peiling/resultaten/",
        f"/leergemeenschap/{t.slug}/beheer/",
    ]
    for url in urls:
        response = fetch(client, users[role], url)
        assert response.status_code == (200 if allowed else 404), url
    if allowed:
        results = fetch(client, users[role], urls[0]).content.decode()
        assert "Grondbank voor de kern" in results and "Sterk commentaar" in results
        assert "4,0" in results or "4.0" in results
        csv = b"".join(fetch(client, users[role], urls[1]).streaming_content)
        assert "Sterk commentaar" in csv.decode()
        survey = fetch(client, users[role], urls[2]).content.decode()
        assert "Ons geheime peilvoorbeeld" in survey


def test_toolbox_public_once_published_with_pdf(client, world):
    t = world["traject"]
    assert client.get(f"/leergemeenschap/{t.slug}/toolbox/").status_code == 404
    assert client.get(f"/leergemeenschap/{t.slug}/toolbox.pdf").status_code == 404
    services.toolbox_publish(t, inleiding="De oplossingen per thema.")
    page = client.get(f"/leergemeenschap/{t.slug}/toolbox/").content.decode()
    for text in (
        "Hefboom 1: Grondbeleid",
        "Koop rond haltes",
        "Speculeer niet",
        "Hefboom 2: Regie",
        "Regiekamer",
    ):
        assert text in page
    assert "Geheime stationscase" not in page  # not public: only participants
    response = client.get(f"/leergemeenschap/{t.slug}/toolbox.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    for expected in (
        "Toolbox",
        "Grondbank voor de kern",
        "Koop rond haltes",
        "Speculeer niet",
        "Regiekamer",
    ):
        assert expected in text


def test_toolbox_in_search_once_published(client, world):
    assert (
        "Grondbank voor de kern"
        not in client.get("/zoeken/?q=grondbank").content.decode()
    )
    services.toolbox_publish(world["traject"])
    page = client.get("/zoeken/?q=grondbank").content.decode()
    assert "Grondbank voor de kern" in page


def test_register_through_the_form(client, world, gemeente_medewerker, turnhout):
    h2 = world["h2"]
    client.force_login(gemeente_medewerker)
    url = f"/leergemeenschap/{world['traject'].slug}/inschrijven/"
    response = client.post(
        url,
        {
            "organisatie": world["org"].pk,
            "hefbomen": [world["h1"].pk, h2.pk],
            "contactpersonen": "An Peeters",
        },
    )
    assert "al ingeschreven voor hefboom 1" in response.content.decode()
    assert Inschrijving.objects.count() == 1
    response = client.post(
        url,
        {
            "organisatie": world["org"].pk,
            "hefbomen": [h2.pk],
            "contactpersonen": "An Peeters",
            "case_title": "Kern Zwijgen",
            "case_beschrijving": "Verdichten.",
            "lon": "4.95",
            "lat": "51.32",
            "bijlagen": [SimpleUploadedFile("kaart.exe", b"MZ\x90")],
        },
    )
    assert "Bestanden van het type .exe worden niet aanvaard" in (
        response.content.decode()
    )
    assert not Case.objects.filter(title="Kern Zwijgen").exists()
    response = client.post(
        url,
        {"organisatie": world["org"].pk, "hefbomen": [h2.pk], "contactpersonen": "An"},
    )
    assert response.status_code == 302
    assert h2.inschrijvingen.get().status == Inschrijving.Status.BEVESTIGD


def test_registration_refused_for_roles_without_organisation(client, world, expert):
    client.force_login(expert)
    url = f"/leergemeenschap/{world['traject'].slug}/inschrijven/"
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_staff_approve_second_order_and_moderate_examples(
    client, world, iok_medewerker
):
    leuven = OrganisatieFactory(name="Stad Leuven")
    user = UserFactory(roles=[roles.PARTNER], organisaties=[leuven])
    (pending,) = services.inschrijving_submit(
        user=user, organisatie=leuven, hefbomen=[world["h2"]], contactpersonen="Jan"
    )
    voorbeeld = services.praktijkvoorbeeld_submit(
        user=user,
        traject=world["traject"],
        title="Kernplan Leuven",
        beschrijving="Een voorbeeld.",
    )
    assert (
        "Kernplan Leuven"
        not in client.get(world["traject"].get_absolute_url()).content.decode()
    )
    client.force_login(user)
    beheer = f"/leergemeenschap/{world['traject'].slug}/beheer/"
    assert (
        client.post(
            f"{beheer}inschrijving/{pending.pk}/", {"beslissing": "aanvaarden"}
        ).status_code
        == 404
    )
    client.force_login(iok_medewerker)
    client.post(f"{beheer}inschrijving/{pending.pk}/", {"beslissing": "aanvaarden"})
    client.post(f"{beheer}voorbeeld/{voorbeeld.pk}/", {"beslissing": "aanvaarden"})
    pending.refresh_from_db()
    voorbeeld.refresh_from_db()
    assert pending.status == Inschrijving.Status.BEVESTIGD
    assert voorbeeld.status == Praktijkvoorbeeld.Status.GEPUBLICEERD
    client.logout()
    assert (
        "Kernplan Leuven"
        in client.get(world["traject"].get_absolute_url()).content.decode()
    )


def test_sections(client, world, turnhout):
    home = client.get("/").content.decode()
    assert "Leergemeenschap: inschrijvingen open" in home
    assert "Grondbeleid" in home
    gemeente = client.get("/gemeenten/turnhout/").content.decode()
    assert world["traject"].title in gemeente
    mol = client.get("/gemeenten/mol/").content.decode()
    assert "in de leergemeenschap" not in mol


def test_unpublished_trajectory_is_not_found(client, iok_medewerker):
    t = traject(slug="concept", gepubliceerd=False)
    assert client.get(t.get_absolute_url()).status_code == 404
    assert t.title not in client.get("/leergemeenschap/").content.decode()
    client.force_login(iok_medewerker)
    assert client.get(t.get_absolute_url()).status_code == 200


def test_bad_input_in_forms(client, world, gemeente_medewerker):
    client.force_login(gemeente_medewerker)
    url = f"/leergemeenschap/{world['traject'].slug}/praktijkvoorbeeld/"
    for title in ("100%\x00", "x" * 300):
        response = client.post(
            url, {"title": title, "beschrijving": "b", "lon": "1e308"}
        )
        assert response.status_code == 200
        assert "nog niet bewaard" in response.content.decode()
    response = client.post(url, {"title": "Twee\nregels", "beschrijving": "ok"})
    assert response.status_code == 302
    assert Praktijkvoorbeeld.objects.get().title == "Twee regels"
    deadline_passed = timezone.now() - datetime.timedelta(days=1)
    world["h2"].inschrijven_tot = deadline_passed
    world["h2"].save()
    response = client.post(
        f"/leergemeenschap/{world['traject'].slug}/inschrijven/",
        {
            "organisatie": world["org"].pk,
            "hefbomen": [world["h2"].pk],
            "contactpersonen": "An",
        },
    )
    assert "zijn afgesloten sinds" in response.content.decode()


def messages_of(response):
    from django.contrib.messages import get_messages

    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_staff_plan_sessions_and_publish_hefbomen_with_clear_refusals(
    client, world, iok_medewerker, gemeente_medewerker
):
    t = world["traject"]
    two = hefboom(t, 5, titel="Twee", sessies=2, publish=False)
    base = f"/leergemeenschap/{t.slug}/{two.slug}/beheer"
    client.force_login(gemeente_medewerker)
    assert client.post(f"{base}/publiceren/").status_code == 404
    client.force_login(iok_medewerker)
    response = client.post(f"{base}/publiceren/")
    assert "2 werksessies gepland: plan er 3 tot 5" in messages_of(response)
    two.refresh_from_db()
    assert not two.gepubliceerd
    for _ in range(3):
        response = client.post(
            f"{base}/sessie/",
            {"start": "2027-03-01T13:30", "einde": "2027-03-01T17:00", "agenda": "A"},
        )
        assert "gepland" in messages_of(response)
    response = client.post(
        f"{base}/sessie/",
        {"start": "2027-03-01T13:30", "einde": "2027-03-01T17:00"},
    )
    assert "al 5 werksessies" in messages_of(response)
    assert two.werksessies.count() == 5
    response = client.post(f"{base}/sessie/", {"start": "morgen", "einde": ""})
    assert "geldige datum" in messages_of(response)
    assert "gepubliceerd" in messages_of(client.post(f"{base}/publiceren/"))


def test_staff_publish_input_and_attendance(
    client, world, iok_medewerker, gemeente_medewerker
):
    t, h1 = world["traject"], world["h1"]
    base = f"/leergemeenschap/{t.slug}/{h1.slug}/sessie/2"
    client.force_login(gemeente_medewerker)
    assert client.post(f"{base}/input/", {"verslag": "x"}).status_code == 404
    client.force_login(iok_medewerker)
    response = client.post(
        f"{base}/input/",
        {
            "verslag": "Tweede verslag",
            "documenten": [SimpleUploadedFile("notities.txt", b"Gewone tekst")],
        },
    )
    assert "gepubliceerd" in messages_of(response)
    inschrijving = h1.inschrijvingen.get()
    client.post(f"{base}/aanwezigheid/", {"inschrijving": [inschrijving.pk, "x"]})
    sessie = h1.werksessies.get(volgnummer=2)
    assert sessie.aanwezigheden.get().inschrijving == inschrijving
    client.force_login(gemeente_medewerker)
    page = client.get(sessie.get_absolute_url()).content.decode()
    assert "Tweede verslag" in page and "notities.txt" in page


def test_staff_publish_toolbox_and_promote_a_tool(
    client, world, iok_medewerker, gemeente_medewerker
):
    from modeldocumenten.models import ModelDocumentPage
    from tests.modeldocumenten.factories import library

    library()
    t = world["traject"]
    client.force_login(gemeente_medewerker)
    url = f"/leergemeenschap/{t.slug}/toolbox"
    assert client.post(f"{url}/publiceren/").status_code == 404
    client.force_login(iok_medewerker)
    response = client.post(
        f"{url}/modeldocument/", {"tool": world["tool"].pk, "soort": ""}
    )
    assert "concept-modeldocument" in messages_of(response)
    page = ModelDocumentPage.objects.get(title="Grondbank voor de kern")
    assert not page.live
    client.post(f"{url}/publiceren/")
    t.refresh_from_db()
    assert t.toolbox_published
    client.logout()
    assert client.get(f"{url}/").status_code == 200


def test_cases_and_examples_on_the_map(client, world, gemeente_medewerker):
    import json
    import re

    world["case"].punt = Point(4.94, 51.32, srid=4326)
    world["case"].save()
    services.praktijkvoorbeeld_moderate(
        services.praktijkvoorbeeld_submit(
            user=gemeente_medewerker,
            traject=world["traject"],
            title="Publiek plein",
            beschrijving="b",
            punt=Point(4.9, 51.3, srid=4326),
        ),
        by=UserFactory(roles=[roles.IOK_MEDEWERKER]),
        publish=True,
    )

    def names(page):
        match = re.search(r'id="leer-geojson"[^>]*>(.*?)</script>', page, re.S)
        return {f["properties"]["naam"] for f in json.loads(match.group(1))["features"]}

    url = world["traject"].get_absolute_url()
    assert names(client.get(url).content.decode()) == {"Publiek plein"}
    client.force_login(gemeente_medewerker)
    assert names(client.get(url).content.decode()) == {
        "Publiek plein",
        "Geheime stationscase",
    }


def test_participants_evaluate_from_the_last_session_on(
    client, world, gemeente_medewerker, partner
):
    t = world["traject"]
    h1 = world["h1"]
    url = f"/leergemeenschap/{t.slug}/{h1.slug}/evaluatie/"
    client.force_login(partner)
    assert client.get(url).status_code == 404
    client.force_login(gemeente_medewerker)
    assert (
        "Evalueer de voorgestelde tools"
        in client.get(h1.get_absolute_url()).content.decode()
    )
    tool = world["tool"]
    response = client.post(url, {f"score-{tool.pk}": "9"})
    assert "een score van 1 tot 5" in response.content.decode()
    response = client.post(
        url, {f"score-{tool.pk}": "2", f"commentaar-{tool.pk}": "Nu"}
    )
    assert response.status_code == 302
    assert tool.evaluaties.get().commentaar == "Nu"
    # A hefboom whose last session is still to come: not yet.
    later = hefboom(t, 4, start=timezone.now() + datetime.timedelta(days=10))
    services.tool_create(later, title="Later", beschrijving="b")
    services.inschrijving_submit(
        user=gemeente_medewerker,
        organisatie=world["org"],
        hefbomen=[later],
        contactpersonen="An",
    )
    assert (
        client.get(f"/leergemeenschap/{t.slug}/{later.slug}/evaluatie/").status_code
        == 404
    )


def test_private_files_are_not_under_any_media_url(client, world, iok_medewerker):
    bijlage = world["case"].bijlagen.get()
    assert bijlage.bestand.storage.exists(bijlage.bestand.name)
    client.force_login(iok_medewerker)
    for url in (
        f"/media/prive/leergemeenschap/{bijlage.bestand.name}",
        f"/media/{bijlage.bestand.name}",
    ):
        assert client.get(url).status_code == 404, url
    response = client.get(f"/leergemeenschap/bestand/case/{bijlage.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"
