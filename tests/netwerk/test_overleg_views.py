"""Every consultation page and action, per role: anonymous visitors and municipal
officials never see a consultation (404 for a meeting, refused for the list), partners
see the kernpartneroverleg and the thematic ones they are invited to, staff see all."""

import pytest
from django.urls import reverse

from atelier import roles
from atelier.models import Organisatie, Thema
from netwerk.models import Actiepunt, Besluit, Overleg
from tests.atelier.factories import OrganisatieFactory, UserFactory

from .factories import overleg, thematisch

pytestmark = pytest.mark.django_db

MINUTES = "Verslag: de partners bespraken de dorpskernen."
ACTION = "Nota kernversterking rondsturen"
DECISION = "Besluit: gezamenlijke studiedag in het voorjaar"
THEMATIC_SECRET = "Waterbeheer in de vallei"


@pytest.fixture
def ar_tur(db):
    return OrganisatieFactory(
        name="AR-TUR", kind=Organisatie.Kind.KERNPARTNER, partnerschap=True
    )


@pytest.fixture
def world(ar_tur):
    kern = overleg()
    kern.notulen = MINUTES
    kern.save()
    Besluit.objects.create(overleg=kern, tekst=DECISION)
    item = Actiepunt.objects.create(
        overleg=kern, omschrijving=ACTION, eigenaar_organisatie=ar_tur
    )
    invited = OrganisatieFactory(name="Uitgenodigde partner", partnerschap=True)
    water = thematisch(
        Thema.objects.get(slug="natuur-en-landschap"),
        genodigden=[{"organisatie": invited}],
    )
    water.notulen = THEMATIC_SECRET
    water.save()
    return {"kern": kern, "water": water, "item": item, "invited": invited}


def user_for(role, world, turnhout):
    if role == "anoniem":
        return None
    if role == "gemeente":
        return UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    if role == "partner":
        return UserFactory(roles=[roles.PARTNER])
    if role == "genodigde-partner":
        return UserFactory(roles=[roles.PARTNER], organisaties=[world["invited"]])
    if role == "expert":
        return UserFactory(roles=[roles.KWALITEITSKAMER_LID])
    return UserFactory(roles=[{"iok": roles.IOK_MEDEWERKER}.get(role, roles.BEHEERDER)])


# role: (list status, kern detail status, thematic detail status)
EXPECTED = {
    "anoniem": (302, 302, 302),  # to the login page, whatever the slug
    "gemeente": (403, 403, 403),  # no consultations at all, whatever the slug
    "expert": (200, 404, 404),
    "partner": (200, 200, 404),
    "genodigde-partner": (200, 200, 200),
    "iok": (200, 200, 200),
    "beheerder": (200, 200, 200),
}


def url(name, o, **kwargs):
    return reverse(name, kwargs={"slug": o.bijeenkomst.slug, **kwargs})


@pytest.mark.parametrize("role", EXPECTED)
def test_consultation_pages_per_role(client, world, turnhout, role):
    user = user_for(role, world, turnhout)
    if user:
        client.force_login(user)
    listing, kern, water = EXPECTED[role]
    response = client.get(reverse("netwerk:overleg-list"))
    assert response.status_code == listing
    if listing == 200:
        assert (world["kern"].bijeenkomst.title in response.text) == (kern == 200)
        assert (world["water"].bijeenkomst.title in response.text) == (water == 200)
    response = client.get(url("netwerk:overleg-detail", world["kern"]))
    assert response.status_code == kern
    for text in (MINUTES, ACTION, DECISION):
        assert (text in response.text) == (kern == 200)
    response = client.get(url("netwerk:overleg-detail", world["water"]))
    assert response.status_code == water
    assert (THEMATIC_SECRET in response.text) == (water == 200)
    export = client.get(url("netwerk:actiepunten-export", world["kern"]))
    assert export.status_code == kern
    if kern == 200:
        assert ACTION in b"".join(export.streaming_content).decode()
    for term in ("dorpskernen", "kernversterking", "Waterbeheer"):
        found = client.get(reverse("search"), {"q": term})
        assert MINUTES not in found.text and THEMATIC_SECRET not in found.text


@pytest.mark.parametrize("role", ["anoniem", "gemeente", "partner"])
def test_who_may_not_see_a_thematic_consultation_cannot_act_on_it(
    client, world, turnhout, role
):
    user = user_for(role, world, turnhout)
    if user:
        client.force_login(user)
    water = world["water"]
    for name, kwargs, data in [
        ("netwerk:overleg-rsvp", {}, {"antwoord": "ja"}),
        ("netwerk:overleg-next", {}, {"datum": "2099-01-01"}),
    ]:
        response = client.post(url(name, water, **kwargs), data)
        assert response.status_code in (302, 403, 404)
        if role != "anoniem":
            assert response.status_code in (403, 404)
    assert water.bijeenkomst.genodigden.filter(antwoord="ja").count() == 0
    assert Overleg.objects.filter(reeks=water.reeks).count() == 1


def test_an_invited_partner_answers_and_staff_see_who_declines(client, world, turnhout):
    partner = user_for("genodigde-partner", world, turnhout)
    client.force_login(partner)
    response = client.post(
        url("netwerk:overleg-rsvp", world["water"]), {"antwoord": "nee"}, follow=True
    )
    assert "Uw antwoord is bewaard." in response.text
    client.force_login(UserFactory(roles=[roles.IOK_MEDEWERKER]))
    page = client.get(url("netwerk:overleg-detail", world["water"]))
    assert "Uitgenodigde partner" in page.text and ">nee<" in page.text
    assert "1 afmelding" in client.get(reverse("netwerk:overleg-list")).text
    client.force_login(partner)
    assert "afmelding" not in client.get(reverse("netwerk:overleg-list")).text


def test_a_partner_not_invited_to_the_kern_meeting_cannot_answer(
    client, world, turnhout
):
    client.force_login(user_for("partner", world, turnhout))
    response = client.post(
        url("netwerk:overleg-rsvp", world["kern"]), {"antwoord": "ja"}
    )
    assert response.status_code == 403


def test_bad_rsvp_input_is_refused_with_a_message(client, world, ar_tur):
    client.force_login(UserFactory(roles=[roles.PARTNER], organisaties=[ar_tur]))
    for bad in ["jawel", "ja\x00", "", "%"]:
        response = client.post(
            url("netwerk:overleg-rsvp", world["kern"]), {"antwoord": bad}, follow=True
        )
        assert response.status_code == 200
        assert "Kies ja, nee of misschien." in response.text
    assert not world["kern"].bijeenkomst.genodigden.exclude(antwoord="").exists()


def test_the_owner_closes_an_action_item_another_partner_may_not(client, world, ar_tur):
    item = world["item"]
    path = url("netwerk:actiepunt-status", world["kern"], pk=item.pk)
    client.force_login(UserFactory(roles=[roles.PARTNER]))
    assert client.post(path, {"status": "afgerond"}).status_code == 403
    client.force_login(UserFactory(roles=[roles.PARTNER], organisaties=[ar_tur]))
    client.post(path, {"status": "bestaat-niet"})
    item.refresh_from_db()
    assert item.status == "open"
    client.post(path, {"status": "afgerond"})
    item.refresh_from_db()
    assert item.status == "afgerond"


def test_staff_plan_the_next_meeting_from_the_open_action_items(client, world):
    client.force_login(UserFactory(roles=[roles.IOK_MEDEWERKER]))
    response = client.post(
        url("netwerk:overleg-next", world["kern"]),
        {"datum": "2099-02-03", "van": "09:30", "tot": "11:00", "locatie_naam": "IOK"},
    )
    nieuw = Overleg.objects.filter(reeks=world["kern"].reeks).latest(
        "bijeenkomst__start"
    )
    assert response.status_code == 302 and response.url == nieuw.get_absolute_url()
    assert [p.actiepunt for p in nieuw.agendapunten.all()] == [world["item"]]
    page = client.get(nieuw.get_absolute_url())
    assert ACTION in page.text


@pytest.mark.parametrize(
    "data",
    [
        {"datum": "2001-01-01", "van": "09:00", "tot": "10:00"},
        {"datum": "2099-01-01", "van": "11:00", "tot": "10:00"},
        {"datum": "99999-99-99", "van": "09:00", "tot": "10:00"},
        {"datum": "2099-01-01\x00", "van": "09:00", "tot": "10:00"},
    ],
)
def test_bad_input_for_the_next_meeting_plans_nothing(client, world, data):
    client.force_login(UserFactory(roles=[roles.IOK_MEDEWERKER]))
    response = client.post(url("netwerk:overleg-next", world["kern"]), data)
    assert response.status_code == 302
    assert Overleg.objects.filter(reeks=world["kern"].reeks).count() == 1


def test_partners_may_not_plan_meetings(client, world, ar_tur):
    client.force_login(UserFactory(roles=[roles.PARTNER], organisaties=[ar_tur]))
    response = client.post(
        url("netwerk:overleg-next", world["kern"]),
        {"datum": "2099-02-03", "van": "09:30", "tot": "11:00"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "status"), [("partner", 302), ("iok", 200), ("beheerder", 200)]
)
def test_the_back_office_of_consultations_is_for_staff(
    client, world, turnhout, role, status
):
    client.force_login(user_for(role, world, turnhout))
    for name in ("overleg", "overlegreeks", "activiteit"):
        response = client.get(reverse(f"wagtailsnippets_netwerk_{name}:list"))
        assert response.status_code == status
    response = client.get(
        reverse("wagtailsnippets_netwerk_overleg:edit", args=[world["water"].pk])
    )
    assert response.status_code == status
