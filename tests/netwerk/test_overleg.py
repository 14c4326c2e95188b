"""Consultations (overleg): who sees which meeting, the RSVP, action items that carry
over, and the next meeting's agenda that starts from them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from atelier import roles
from atelier.models import Organisatie, Thema
from netwerk import rules, services
from netwerk.models import Actiepunt, Bijeenkomst, Genodigde, Overleg
from tests.atelier.factories import OrganisatieFactory, UserFactory

from .factories import OverlegReeksFactory, overleg, thematisch

pytestmark = pytest.mark.django_db


@pytest.fixture
def ar_tur(db):
    return OrganisatieFactory(
        name="AR-TUR", kind=Organisatie.Kind.KERNPARTNER, partnerschap=True
    )


@pytest.fixture
def kern_partner(ar_tur):
    return UserFactory(roles=[roles.PARTNER], organisaties=[ar_tur])


@pytest.fixture
def meetings(ar_tur):
    water = Thema.objects.get(slug="natuur-en-landschap")
    invited = OrganisatieFactory(name="Invited partner", partnerschap=True)
    return {
        "kern": overleg(),
        "thematisch": thematisch(water, genodigden=[{"organisatie": invited}]),
        "invited": invited,
    }


def visible(user):
    return set(Overleg.objects.visible_to(user))


def test_partners_see_every_kernpartneroverleg_and_only_invited_thematic(
    meetings, kern_partner
):
    assert visible(kern_partner) == {meetings["kern"]}
    invited = UserFactory(roles=[roles.PARTNER], organisaties=[meetings["invited"]])
    assert visible(invited) == {meetings["kern"], meetings["thematisch"]}


@pytest.mark.parametrize("role", [None, roles.GEMEENTE_MEDEWERKER])
def test_anonymous_and_officials_never_see_consultations(meetings, role, turnhout):
    user = UserFactory(roles=[role], gemeente=turnhout) if role else AnonymousUser()
    if role:  # even when (wrongly) invited
        Genodigde.objects.create(
            bijeenkomst=meetings["thematisch"].bijeenkomst, user=user
        )
    assert visible(user) == set()
    assert not Bijeenkomst.objects.visible_to(user).filter(overleg__isnull=False)


def test_an_invited_expert_sees_only_that_thematic_consultation(meetings, expert):
    Genodigde.objects.create(
        bijeenkomst=meetings["thematisch"].bijeenkomst, user=expert
    )
    assert visible(expert) == {meetings["thematisch"]}


@pytest.mark.parametrize("role", [roles.IOK_MEDEWERKER, roles.BEHEERDER])
def test_staff_see_every_consultation(meetings, role):
    assert visible(UserFactory(roles=[role])) == {
        meetings["kern"],
        meetings["thematisch"],
    }


def test_the_kernpartneroverleg_invites_every_core_partner(ar_tur):
    kern = overleg()
    assert set(kern.bijeenkomst.genodigden.values_list("organisatie", flat=True)) >= {
        ar_tur.pk
    }
    assert kern.bijeenkomst.zichtbaarheid == Bijeenkomst.Zichtbaarheid.PARTNERS


def test_open_action_items_carry_over_until_done(ar_tur, iok_medewerker):
    first = overleg(days=1)
    done, open_item = (
        Actiepunt.objects.create(
            overleg=first, omschrijving=text, eigenaar_organisatie=ar_tur
        )
        for text in ("Nota bezorgen", "Kaart actualiseren")
    )
    services.actiepunt_set_status(done, iok_medewerker, Actiepunt.Status.AFGEROND)
    second = overleg(days=30)
    assert [p.actiepunt for p in second.agendapunten.all()] == [open_item]
    assert list(second.openstaande_actiepunten()) == [open_item]
    services.actiepunt_set_status(open_item, iok_medewerker, Actiepunt.Status.AFGEROND)
    third = overleg(days=60)
    assert not third.agendapunten.exists()
    # Done before the second meeting: no longer open at it.
    assert list(second.openstaande_actiepunten()) == []


def test_the_next_meeting_starts_after_the_previous_one():
    overleg(days=20)
    with pytest.raises(ValidationError):
        overleg(days=10)


def test_an_owner_may_close_their_action_item_others_may_not(ar_tur, kern_partner):
    item = Actiepunt.objects.create(
        overleg=overleg(), omschrijving="x", eigenaar_organisatie=ar_tur
    )
    other = UserFactory(roles=[roles.PARTNER])
    with pytest.raises(PermissionDenied):
        services.actiepunt_set_status(item, other, Actiepunt.Status.AFGEROND)
    with pytest.raises(ValidationError):
        services.actiepunt_set_status(item, kern_partner, "klaar\x00")
    services.actiepunt_set_status(item, kern_partner, Actiepunt.Status.AFGEROND)
    item.refresh_from_db()
    assert item.is_done and item.afgerond_op is not None


def test_rsvp_answers_for_the_organisation(meetings, kern_partner, ar_tur):
    kern = meetings["kern"]
    services.overleg_answer(kern, kern_partner, "nee")
    invitation = kern.bijeenkomst.genodigden.get(organisatie=ar_tur)
    assert invitation.antwoord == "nee" and invitation.beantwoord_door == kern_partner
    with pytest.raises(ValidationError):
        services.overleg_answer(kern, kern_partner, "jawel")
    with pytest.raises(PermissionDenied):
        services.overleg_answer(kern, UserFactory(roles=[roles.PARTNER]), "ja")


def test_a_thematic_series_needs_a_theme():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        OverlegReeksFactory(slug="x", soort="thematisch-overleg", thema=None)


def test_rules_helpers(meetings, kern_partner):
    assert rules.can_answer_invitation(kern_partner, meetings["kern"])
    assert not rules.can_answer_invitation(kern_partner, meetings["thematisch"])
    assert (
        timezone.now()
        < meetings["kern"].bijeenkomst.start
        < (timezone.now() + timedelta(days=15))
    )
