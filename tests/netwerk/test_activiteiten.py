"""Running activities and the collaboration opportunities (samenwerkingskansen):
found in SQL, shown only to partners and staff, one click from the next
kernpartneroverleg's agenda; "Lopend in <gemeente>" and the search show public
activities only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from atelier import roles
from atelier.models import Gemeente, Organisatie, Thema
from netwerk.models import Activiteit, AgendaPunt
from tests.atelier.factories import OrganisatieFactory, UserFactory

from .factories import ActiviteitFactory, overleg

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def places(db):
    return {
        "turnhout": Gemeente.objects.get(slug="turnhout"),
        "mol": Gemeente.objects.get(slug="mol"),
        "erfgoed": Thema.objects.get(slug="erfgoed"),
        "mobiliteit": Thema.objects.get(slug="mobiliteit"),
    }


def partner_org(name):
    return OrganisatieFactory(
        name=name, kind=Organisatie.Kind.KERNPARTNER, partnerschap=True
    )


def act(org, gemeente, thema, start_days, end_days=None, **kwargs):
    return ActiviteitFactory(
        organisatie=org,
        gemeente=gemeente,
        thema=thema,
        start=TODAY + timedelta(days=start_days),
        einde=None if end_days is None else TODAY + timedelta(days=end_days),
        **kwargs,
    )


def test_the_opportunities_are_overlaps_of_different_partners(places):
    a, b, c = partner_org("A"), partner_org("B"), partner_org("C")
    t, mol = places["turnhout"], places["mol"]
    erf, mob = places["erfgoed"], places["mobiliteit"]
    # Turnhout, erfgoed: three partners overlapping -> the best opportunity.
    act(a, t, erf, -30, 60)
    act(b, t, erf, 0, None)  # open-ended
    act(c, t, erf, 50, 100)
    # Mol, erfgoed: two partners, but no overlap in time -> none.
    act(a, mol, erf, -30, 10)
    act(b, mol, erf, 20, 40)
    # Mol, mobiliteit: one partner twice -> none.
    act(a, mol, mob, -10, 30)
    act(a, mol, mob, 0, 30)
    # Turnhout, mobiliteit: two partners, short overlap -> second.
    act(a, t, mob, -10, 5)
    act(b, t, mob, 0, 30)
    # Ended: no longer an opportunity.
    act(a, mol, places["erfgoed"], -300, -200)
    kansen = list(Activiteit.objects.samenwerkingskansen())
    assert [(k["gemeente_id"], k["thema_id"], k["partners"]) for k in kansen] == [
        (t.pk, erf.pk, 3),
        (t.pk, mob.pk, 2),
    ]
    assert kansen[1]["dagen_samen"] == timedelta(days=5)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anoniem", 302),
        ("gemeente", 403),
        ("expert", 403),
        ("partner", 200),
        ("iok", 200),
    ],
)
def test_only_partners_and_staff_see_the_opportunities(
    client, places, turnhout, role, status
):
    a, b = partner_org("Regionaal Landschap"), partner_org("RURANT")
    act(a, places["turnhout"], places["erfgoed"], -10, 30, title="Erfgoedwandeling")
    act(b, places["turnhout"], places["erfgoed"], 0, 40, title="Dorpsgezicht")
    overleg()
    users = {
        "gemeente": UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout),
        "expert": UserFactory(roles=[roles.KWALITEITSKAMER_LID]),
        "partner": UserFactory(roles=[roles.PARTNER]),
        "iok": UserFactory(roles=[roles.IOK_MEDEWERKER]),
    }
    if role in users:
        client.force_login(users[role])
    response = client.get(reverse("netwerk:kansen"))
    assert response.status_code == status
    if status == 200:
        assert "Erfgoed in Turnhout" in response.text
    response = client.post(
        reverse("netwerk:kans-agenderen"), {"gemeente": "turnhout", "thema": "erfgoed"}
    )
    assert response.status_code == (302 if status in (200, 302) else status)
    assert AgendaPunt.objects.filter(kans_gemeente__isnull=False).exists() == (
        status == 200
    )


def test_one_click_puts_an_opportunity_on_the_next_kernpartneroverleg_once(
    client, places
):
    a, b = partner_org("A"), partner_org("B")
    act(a, places["mol"], places["mobiliteit"], -10, 30)
    act(b, places["mol"], places["mobiliteit"], 0, 40)
    overleg(days=5)
    later = overleg(days=40)
    client.force_login(UserFactory(roles=[roles.PARTNER]))
    data = {"gemeente": "mol", "thema": "mobiliteit"}
    response = client.post(reverse("netwerk:kans-agenderen"), data, follow=True)
    assert "Op de agenda gezet" in response.text
    punt = AgendaPunt.objects.get(kans_gemeente__slug="mol")
    assert punt.overleg != later and punt.overleg.bijeenkomst.start > timezone.now()
    assert punt.titel == "Samenwerkingskans: Mobiliteit in Mol"
    assert "A, B" in punt.toelichting
    response = client.post(reverse("netwerk:kans-agenderen"), data, follow=True)
    assert "staat al op de agenda" in response.text
    assert AgendaPunt.objects.filter(kans_gemeente__slug="mol").count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"gemeente": "turnhout", "thema": "erfgoed"},  # no opportunity there
        {"gemeente": "nergens", "thema": "erfgoed"},
        {"gemeente": "%", "thema": "\x00"},
        {},
    ],
)
def test_bad_agendering_is_refused_with_a_message(client, data):
    overleg()
    client.force_login(UserFactory(roles=[roles.IOK_MEDEWERKER]))
    response = client.post(reverse("netwerk:kans-agenderen"), data, follow=True)
    assert response.status_code == 200
    assert "message--error" in response.text
    assert not AgendaPunt.objects.filter(kans_gemeente__isnull=False).exists()


def test_without_a_next_kernpartneroverleg_nothing_is_agendered(client, places):
    act(partner_org("A"), places["mol"], places["erfgoed"], -10, 30)
    act(partner_org("B"), places["mol"], places["erfgoed"], -10, 30)
    client.force_login(UserFactory(roles=[roles.IOK_MEDEWERKER]))
    response = client.post(
        reverse("netwerk:kans-agenderen"),
        {"gemeente": "mol", "thema": "erfgoed"},
        follow=True,
    )
    assert "nog geen volgend kernpartneroverleg" in response.text


def test_municipality_page_and_search_show_public_activities_only(client, places):
    org = partner_org("AR-TUR")
    act(org, places["turnhout"], places["erfgoed"], -5, 50, title="Publieke wandeling")
    act(
        org,
        places["turnhout"],
        places["erfgoed"],
        -5,
        50,
        title="Interne verkenning",
        publiek=False,
    )
    page = client.get(places["turnhout"].get_absolute_url())
    assert "Lopend in Turnhout" in page.text
    assert "Publieke wandeling" in page.text and "Interne verkenning" not in page.text
    found = client.get(reverse("search"), {"q": "wandeling verkenning"})
    assert "Interne verkenning" not in found.text
    found = client.get(reverse("search"), {"q": "wandeling"})
    assert "Publieke wandeling" in found.text
    hidden = Activiteit.objects.get(title="Interne verkenning")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(roles=[roles.PARTNER]))
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_a_partner_registers_an_activity_for_their_own_organisation(client, places):
    own, other = partner_org("Eigen"), partner_org("Ander")
    client.force_login(UserFactory(roles=[roles.PARTNER], organisaties=[own]))
    data = {
        "title": "Trage wegen\nin kaart",
        "organisatie": own.pk,
        "gemeente": places["mol"].pk,
        "thema": places["mobiliteit"].pk,
        "start": "2026-01-01",
        "einde": "2026-12-31",
        "publiek": "on",
    }
    response = client.post(reverse("netwerk:activiteit-create"), data)
    activiteit = Activiteit.objects.get()
    assert response.status_code == 302
    assert activiteit.title == "Trage wegen in kaart"
    assert activiteit.organisatie == own
    # Not for another partner; not with an end before its start.
    for bad in ({"organisatie": other.pk}, {"einde": "2025-01-01"}, {"start": "x"}):
        response = client.post(reverse("netwerk:activiteit-create"), {**data, **bad})
        assert response.status_code == 200 and "form-errors" in response.text
    assert Activiteit.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status"), [("anoniem", 302), ("gemeente", 403), ("partner-zonder", 403)]
)
def test_who_may_not_register_activities(client, turnhout, role, status):
    users = {
        "gemeente": UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout),
        "partner-zonder": UserFactory(roles=[roles.PARTNER]),
    }
    if role in users:
        client.force_login(users[role])
    assert client.get(reverse("netwerk:activiteit-create")).status_code == status


def test_partner_directory_and_page(client, places):
    org = partner_org("Regionaal Landschap Kleine en Grote Nete")
    org.expertise = "Landschapsherstel en trage wegen"
    org.contact_email = "info@rlkgn.example"
    org.save()
    OrganisatieFactory(name="Geen partner")
    act(org, places["mol"], places["erfgoed"], -5, 50, title="Erfgoedroute Mol")
    listing = client.get(reverse("netwerk:partner-list"))
    assert org.name in listing.text and "Geen partner" not in listing.text
    page = client.get(reverse("netwerk:partner-detail", args=[org.slug]))
    assert "Landschapsherstel" in page.text and "info@rlkgn.example" in page.text
    assert "Erfgoedroute Mol" in page.text
    assert (
        client.get(reverse("netwerk:partner-detail", args=["geen-partner"])).status_code
        == 404
    )
    found = client.get(reverse("search"), {"q": "landschapsherstel"})
    assert org.name in found.text


def test_a_partner_page_shows_its_projects_on_a_map(client):
    from tests.kempenkaart.factories import ProjectFactory

    org = partner_org("AR-TUR")
    project = ProjectFactory(title="Speelbos aan de Aa")
    project.partners.add(org)
    project.save()
    page = client.get(reverse("netwerk:partner-detail", args=[org.slug]))
    assert "Speelbos aan de Aa" in page.text
    assert 'data-map="smallMap"' in page.text and 'id="partner-projecten"' in page.text


def test_staff_edit_any_partners_activity_a_partner_only_their_own(client, places):
    own, other = partner_org("Eigen"), partner_org("Ander")
    activiteit = act(other, places["mol"], places["erfgoed"], -5, 50)
    edit = reverse("netwerk:activiteit-edit", args=[activiteit.slug])
    client.force_login(UserFactory(roles=[roles.PARTNER], organisaties=[own]))
    assert client.get(edit).status_code == 403
    client.force_login(UserFactory(roles=[roles.IOK_MEDEWERKER]))
    page = client.get(edit)
    assert page.status_code == 200
    response = client.post(
        edit,
        {
            "title": "Nieuwe titel",
            "organisatie": other.pk,
            "gemeente": places["mol"].pk,
            "thema": places["erfgoed"].pk,
            "start": "2026-01-01",
        },
    )
    assert response.status_code == 302
    activiteit.refresh_from_db()
    assert activiteit.title == "Nieuwe titel" and activiteit.einde is None
    assert not activiteit.publiek  # unchecked box
