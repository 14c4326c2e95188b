import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from atelier import roles
from netwerk.kwaliteitskamer import services
from netwerk.kwaliteitskamer.models import (
    Advies,
    Dossier,
    Tijdslot,
    add_working_days,
)
from netwerk.models import Bijeenkomst, Genodigde
from tests.atelier.factories import UserFactory

from .factories import ExpertFactory, dossier, minimal_pdf, zitting

pytestmark = pytest.mark.django_db


def book(user, slot, gemeente, title="A", **fields):
    return services.dossier_book(
        user=user,
        tijdslot=slot,
        gemeente=gemeente,
        title=title,
        ontwerpfase="schetsontwerp",
        **fields,
    )


def test_zitting_is_a_gathering_for_invitees_with_slots():
    voorzitter = ExpertFactory()
    z = zitting(voorzitter=voorzitter, slot_minuten=45)
    assert z.bijeenkomst.soort == Bijeenkomst.Soort.ZITTING
    assert z.bijeenkomst.zichtbaarheid == Bijeenkomst.Zichtbaarheid.GENODIGDEN
    assert z.tijdsloten.count() == 4  # 3 hours of 45 minutes
    assert Genodigde.objects.filter(bijeenkomst=z.bijeenkomst, user=voorzitter.user)
    assert list(z.panel.all()) == [voorzitter]


def test_booking_invites_the_municipality(gemeente_medewerker, turnhout):
    z = zitting()
    slot = z.tijdsloten.first()
    d = book(gemeente_medewerker, slot, turnhout, "Nieuw plein")
    assert d.status == Dossier.Status.CONCEPT
    assert Bijeenkomst.objects.visible_to(gemeente_medewerker).filter(
        pk=z.bijeenkomst.pk
    )
    assert not Bijeenkomst.objects.visible_to(UserFactory()).filter(pk=z.bijeenkomst.pk)


def test_taken_slot_refused(gemeente_medewerker, turnhout):
    slot = zitting().tijdsloten.first()
    book(gemeente_medewerker, slot, turnhout, "A")
    other = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    with pytest.raises(ValidationError, match="intussen geboekt"):
        book(other, slot, turnhout, "B")
    assert Dossier.objects.count() == 1


def test_database_refuses_a_second_booking_of_a_slot(gemeente_medewerker, turnhout):
    slot = zitting().tijdsloten.first()
    first = dossier(user=gemeente_medewerker, tijdslot=slot, gemeente=turnhout)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.create(
            tijdslot=slot, gemeente=turnhout, title="Dubbel", ontwerpfase="verkenning"
        )
    assert Dossier.objects.get(tijdslot=slot) == first


def test_booking_after_intake_deadline_refused(gemeente_medewerker, turnhout):
    slot = zitting(days_ahead=5).tijdsloten.first()  # closes 7 days before
    with pytest.raises(ValidationError, match="intake voor deze zitting is gesloten"):
        book(gemeente_medewerker, slot, turnhout, "A")
    assert not Dossier.objects.exists()


def test_booking_in_the_past_refused(gemeente_medewerker, turnhout):
    slot = zitting(days_ahead=-3).tijdsloten.first()
    with pytest.raises(ValidationError, match="verleden"):
        book(gemeente_medewerker, slot, turnhout, "A")
    assert not Dossier.objects.exists()


def test_other_roles_cannot_book(partner, expert, turnhout):
    slot = zitting().tijdsloten.first()
    for user in (partner, expert):
        with pytest.raises(ValidationError):
            book(user, slot, turnhout, "A")
    assert not Dossier.objects.exists()


def test_submit_needs_the_checklist(gemeente_medewerker, turnhout):
    slot = zitting().tijdsloten.first()
    d = book(gemeente_medewerker, slot, turnhout, "A", vragen="Hoe hoog?")
    with pytest.raises(ValidationError, match="ontbrekende documenten"):
        services.dossier_submit(user=gemeente_medewerker, dossier=d)
    services.bijlage_add(
        user=gemeente_medewerker,
        dossier=d,
        soort="plannen",
        uploaded_file=SimpleUploadedFile("Plan (v2).PDF", minimal_pdf()),
    )
    services.bijlage_add(
        user=gemeente_medewerker,
        dossier=d,
        soort="situering",
        uploaded_file=SimpleUploadedFile("situering.pdf", minimal_pdf()),
    )
    services.dossier_submit(user=gemeente_medewerker, dossier=d)
    d.refresh_from_db()
    assert d.status == Dossier.Status.INGEDIEND


def test_attachments_checked_by_content(gemeente_medewerker, turnhout):
    slot = zitting().tijdsloten.first()
    d = book(gemeente_medewerker, slot, turnhout, "A")
    with pytest.raises(ValidationError):
        services.bijlage_add(
            user=gemeente_medewerker,
            dossier=d,
            soort="plannen",
            uploaded_file=SimpleUploadedFile("plan.pdf", b"MZ\x00\x00evil"),
        )
    assert not d.bijlagen.exists()


def test_conflict_warnings(gemeente_medewerker, turnhout):
    from tests.atelier.factories import OrganisatieFactory

    bureau = OrganisatieFactory(name="Bureau Ontwerp")
    slot = zitting().tijdsloten.first()
    d = dossier(
        user=gemeente_medewerker,
        tijdslot=slot,
        gemeente=turnhout,
        ontwerper_organisatie=bureau,
    )
    ontwerper = ExpertFactory(organisatie=bureau)
    ambtenaar = ExpertFactory(
        user=UserFactory(roles=[roles.KWALITEITSKAMER_LID], gemeente=turnhout)
    )
    assert "ontwerper" in services.conflict_warnings(d, ontwerper)[0]
    assert "werkt voor de gemeente" in services.conflict_warnings(d, ambtenaar)[0]
    assert services.conflict_warnings(d, ExpertFactory()) == []


def test_working_days_skip_weekends_and_belgian_holidays():
    # Thursday 24 December 2026: Christmas (Fri) and the weekend do not count.
    assert add_working_days(datetime.date(2026, 12, 24), 1) == datetime.date(
        2026, 12, 28
    )
    # 11 November (Armistice, a Wednesday in 2026) is skipped.
    assert add_working_days(datetime.date(2026, 11, 10), 1) == datetime.date(
        2026, 11, 12
    )


def test_advice_approved_by_chair_mails_the_municipality(
    gemeente_medewerker,
    turnhout,
    iok_medewerker,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    chair, member = ExpertFactory(), ExpertFactory()
    z = zitting(voorzitter=chair)
    d = dossier(
        user=gemeente_medewerker, tijdslot=z.tijdsloten.first(), gemeente=turnhout
    )
    services.dossier_set_panel(user=iok_medewerker, dossier=d, experts=[member, chair])
    services.advies_record(
        user=member.user,
        dossier=d,
        context="C",
        appreciatie="A",
        aanbevelingen="R",
        conclusie=Advies.Conclusie.VOORWAARDEN,
    )
    with pytest.raises(ValidationError, match="voorzitter"):
        services.advies_approve(user=member.user, dossier=d)
    with django_capture_on_commit_callbacks(execute=True):
        services.advies_approve(user=chair.user, dossier=d)
    assert len(mailoutbox) == 1
    assert gemeente_medewerker.email in mailoutbox[0].to
    assert "Herinrichting Markt" in mailoutbox[0].subject
    assert f"http://testserver/kwaliteitskamer/dossiers/{d.pk}/" in mailoutbox[0].body
    with pytest.raises(ValidationError):
        services.advies_record(
            user=member.user,
            dossier=d,
            context="x",
            appreciatie="x",
            aanbevelingen="x",
            conclusie="negatief",
        )


def test_outcome_and_publication(gemeente_medewerker, turnhout, partner):
    chair = ExpertFactory()
    z = zitting(voorzitter=chair)
    d = dossier(
        user=gemeente_medewerker, tijdslot=z.tijdsloten.first(), gemeente=turnhout
    )
    with pytest.raises(ValidationError):
        services.dossier_record_outcome(
            user=gemeente_medewerker, dossier=d, publish=True
        )
    Advies.objects.create(
        dossier=d,
        context="c",
        appreciatie="a",
        aanbevelingen="r",
        conclusie="positief",
        goedgekeurd_op=timezone.now(),
    )
    with pytest.raises(ValidationError):
        services.dossier_record_outcome(user=partner, dossier=d, publish=True)
    services.dossier_record_outcome(
        user=gemeente_medewerker,
        dossier=d,
        publish=True,
        omgevingsloket_nummer="OMV_2026123456",
        beslissing="vergund",
        advies_gevolgd="ja",
    )
    assert Dossier.objects.published().get() == d


def test_slot_rows_unique_per_start():
    z = zitting()
    slot = z.tijdsloten.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Tijdslot.objects.create(zitting=z, start=slot.start, einde=slot.einde)


def test_overdue_advice_mailed_to_staff(
    gemeente_medewerker, turnhout, iok_medewerker, expert, mailoutbox
):
    z = zitting(days_ahead=-30)
    d = dossier(
        user=gemeente_medewerker, tijdslot=z.tijdsloten.first(), gemeente=turnhout
    )
    overdue, to = services.overdue_notify()
    assert overdue == [d]
    assert to == [iok_medewerker.email]
    assert len(mailoutbox) == 1
    assert "Herinrichting Markt" in mailoutbox[0].body
    Advies.objects.create(
        dossier=d,
        context="c",
        appreciatie="a",
        aanbevelingen="r",
        conclusie="positief",
        goedgekeurd_op=timezone.now(),
    )
    assert services.overdue_notify() == ([], [])


def test_a_public_permit_decision_publishes_the_advice(gemeente_medewerker, turnhout):
    z = zitting(voorzitter=ExpertFactory())
    d = dossier(
        user=gemeente_medewerker, tijdslot=z.tijdsloten.first(), gemeente=turnhout
    )
    services.dossier_record_outcome(
        user=gemeente_medewerker,
        dossier=d,
        beslissing="vergund",
        beslissing_datum=datetime.date(2026, 12, 1),
    )
    assert not d.is_published  # no approved advice yet
    Advies.objects.create(
        dossier=d,
        context="c",
        appreciatie="a",
        aanbevelingen="r",
        conclusie="positief",
        goedgekeurd_op=timezone.now(),
    )
    d = Dossier.objects.get(pk=d.pk)
    services.dossier_record_outcome(user=gemeente_medewerker, dossier=d, publish=False)
    assert d.is_published  # the decision is public


def test_the_chair_sees_the_sittings_dossiers_unless_conflicted(
    gemeente_medewerker, turnhout, iok_medewerker
):
    chair = ExpertFactory()
    z = zitting(voorzitter=chair)
    d = dossier(
        user=gemeente_medewerker, tijdslot=z.tijdsloten.first(), gemeente=turnhout
    )
    assert Dossier.objects.visible_to(chair.user).filter(pk=d.pk).exists()
    services.dossier_set_panel(user=iok_medewerker, dossier=d, experts=[chair])
    services.conflict_declare(user=chair.user, dossier=d, conflict=True)
    assert not Dossier.objects.visible_to(chair.user).filter(pk=d.pk).exists()
    with pytest.raises(ValidationError):
        services.advies_record(
            user=chair.user,
            dossier=d,
            context="c",
            appreciatie="a",
            aanbevelingen="r",
            conclusie="positief",
        )
