"""Who sees which gathering (netwerk.rules): one rule for every surface."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from atelier import roles
from netwerk import rules
from netwerk.models import Bijeenkomst
from tests.atelier.factories import OrganisatieFactory, UserFactory

from .factories import BijeenkomstFactory, GenodigdeFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db

Z = Bijeenkomst.Zichtbaarheid


@pytest.fixture
def gatherings():
    return {
        "publiek": BijeenkomstFactory(zichtbaarheid=Z.PUBLIEK),
        "partners": BijeenkomstFactory(
            zichtbaarheid=Z.PARTNERS, soort=Bijeenkomst.Soort.KERNPARTNEROVERLEG
        ),
        "genodigden": BijeenkomstFactory(
            zichtbaarheid=Z.GENODIGDEN, soort=Bijeenkomst.Soort.THEMATISCH_OVERLEG
        ),
    }


def visible(user):
    return set(
        Bijeenkomst.objects.visible_to(user).values_list("zichtbaarheid", flat=True)
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, {"publiek"}),
        (roles.GEMEENTE_MEDEWERKER, {"publiek"}),
        (roles.KWALITEITSKAMER_LID, {"publiek"}),
        (roles.PARTNER, {"publiek", "partners"}),
        (roles.IOK_MEDEWERKER, {"publiek", "partners", "genodigden"}),
        (roles.BEHEERDER, {"publiek", "partners", "genodigden"}),
    ],
)
def test_each_role_sees_exactly_its_gatherings(gatherings, role, expected):
    user = UserFactory(roles=[role]) if role else AnonymousUser()
    assert visible(user) == expected
    for name, bijeenkomst in gatherings.items():
        assert rules.can_view_bijeenkomst(user, bijeenkomst) == (name in expected)


def test_superusers_see_everything(gatherings):
    assert visible(UserFactory(is_superuser=True)) == set(gatherings)


def test_an_invited_person_sees_that_gathering_only(gatherings):
    expert = UserFactory(roles=[roles.KWALITEITSKAMER_LID])
    GenodigdeFactory(bijeenkomst=gatherings["genodigden"], user=expert)
    BijeenkomstFactory(zichtbaarheid=Z.GENODIGDEN)  # not invited to this one
    assert visible(expert) == {"publiek", "genodigden"}
    assert Bijeenkomst.objects.visible_to(expert).count() == 2


def test_every_member_of_an_invited_organisation_sees_it(gatherings, turnhout):
    official = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    colleague = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    other = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER])
    GenodigdeFactory(
        bijeenkomst=gatherings["genodigden"], organisatie=turnhout.organisatie
    )
    assert "genodigden" in visible(official)
    assert "genodigden" in visible(colleague)
    assert "genodigden" not in visible(other)


def test_a_partner_sees_a_thematic_consultation_only_when_invited(gatherings):
    rlkgn = OrganisatieFactory(name="Regionaal Landschap", partnerschap=True)
    partner = UserFactory(roles=[roles.PARTNER], organisaties=[rlkgn])
    assert not rules.can_view_bijeenkomst(partner, gatherings["genodigden"])
    GenodigdeFactory(bijeenkomst=gatherings["genodigden"], organisatie=rlkgn)
    assert rules.can_view_bijeenkomst(partner, gatherings["genodigden"])


def test_the_database_refuses_an_end_before_the_start():
    bijeenkomst = BijeenkomstFactory()
    bijeenkomst.einde = bijeenkomst.start
    with pytest.raises(IntegrityError), transaction.atomic():
        bijeenkomst.save()


def test_an_invitee_is_a_person_or_an_organisation_not_both():
    with pytest.raises(IntegrityError), transaction.atomic():
        GenodigdeFactory(user=UserFactory(), organisatie=OrganisatieFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        GenodigdeFactory()


def test_one_live_registration_per_email_whatever_its_case():
    first = InschrijvingFactory(email="An.Peeters@example.be")
    with pytest.raises(IntegrityError), transaction.atomic():
        InschrijvingFactory(
            bijeenkomst=first.bijeenkomst, email="an.peeters@EXAMPLE.be"
        )
    first.status = first.Status.GEANNULEERD
    first.save()
    InschrijvingFactory(bijeenkomst=first.bijeenkomst, email="an.peeters@example.be")
