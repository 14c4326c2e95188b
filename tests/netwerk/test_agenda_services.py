"""Registrations (netwerk.services.agenda): capacity, waiting list, refusals, the
personal cancel link, reminders and mail."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from netwerk import services
from netwerk.models import Bijeenkomst, Inschrijving, Sessie

from .factories import BijeenkomstFactory, open_bijeenkomst

pytestmark = pytest.mark.django_db
S = Inschrijving.Status


def register(bijeenkomst, n=0, **kwargs):
    kwargs.setdefault("naam", f"Deelnemer {n}")
    kwargs.setdefault("email", f"deelnemer{n}@example.be")
    return services.inschrijving_create(bijeenkomst, **kwargs)


def test_registrations_fill_the_seats_then_the_waiting_list(
    django_capture_on_commit_callbacks,
):
    bijeenkomst = open_bijeenkomst(capaciteit=2)
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [register(bijeenkomst, n)[0].status for n in range(4)]
    assert statuses == [S.BEVESTIGD, S.BEVESTIGD, S.WACHTLIJST, S.WACHTLIJST]
    assert [m.to for m in mail.outbox] == [
        [f"deelnemer{n}@example.be"] for n in range(4)
    ]
    assert mail.outbox[0].subject.startswith("Ingeschreven:")
    assert mail.outbox[2].subject.startswith("Op de wachtlijst:")


def test_the_mail_holds_a_cancel_link_and_only_its_hash_is_stored(
    django_capture_on_commit_callbacks,
):
    bijeenkomst = open_bijeenkomst()
    with django_capture_on_commit_callbacks(execute=True):
        inschrijving, token = register(bijeenkomst)
    assert f"/agenda/annuleren/{token}/" in mail.outbox[0].body
    assert token not in inschrijving.token_hash
    assert inschrijving.token_hash == services.token_hash(token)


def test_cancelling_moves_up_the_oldest_on_the_waiting_list(
    django_capture_on_commit_callbacks,
):
    bijeenkomst = open_bijeenkomst(capaciteit=1)
    first, token = register(bijeenkomst, 0)
    older, _ = register(bijeenkomst, 1)
    younger, _ = register(bijeenkomst, 2)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        services.inschrijving_cancel(token)
    older.refresh_from_db()
    younger.refresh_from_db()
    assert (older.status, younger.status) == (S.BEVESTIGD, S.WACHTLIJST)
    assert {m.to[0]: m.subject for m in mail.outbox}[
        "deelnemer1@example.be"
    ].startswith("Er is een plaats vrij")
    assert "deelnemer2@example.be" not in [m.to[0] for m in mail.outbox]


def test_a_cancel_link_works_once_and_only_for_its_own_registration():
    bijeenkomst = open_bijeenkomst()
    mine, token = register(bijeenkomst, 0)
    other, _ = register(bijeenkomst, 1)
    services.inschrijving_cancel(token)
    with pytest.raises(ValidationError, match="al geannuleerd"):
        services.inschrijving_cancel(token)
    with pytest.raises(ValidationError, match="ongeldig"):
        services.inschrijving_cancel(token[:-1] + ("A" if token[-1] != "A" else "B"))
    other.refresh_from_db()
    assert other.status == S.BEVESTIGD


def test_after_cancelling_one_may_register_again():
    bijeenkomst = open_bijeenkomst()
    _, token = register(bijeenkomst)
    services.inschrijving_cancel(token)
    again, _ = register(bijeenkomst)
    assert again.status == S.BEVESTIGD


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"inschrijven_tot": timezone.now() - timedelta(hours=1)}, "afgesloten"),
        (
            {
                "start": timezone.now() - timedelta(days=1),
                "einde": timezone.now() - timedelta(hours=20),
            },
            "voorbij",
        ),
        ({"status": Bijeenkomst.Status.GEANNULEERD}, "geannuleerd"),
        ({"inschrijven": False}, "niet via het portaal"),
        ({"zichtbaarheid": Bijeenkomst.Zichtbaarheid.PARTNERS}, "niet via het portaal"),
    ],
)
def test_closed_registration_is_refused_and_nothing_saved(change, message):
    bijeenkomst = open_bijeenkomst(**change)
    with pytest.raises(ValidationError, match=message):
        register(bijeenkomst)
    assert not Inschrijving.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "geen-adres"}, "geen geldig e-mailadres"),
        ({"email": "a@b.be\nBcc: x@y.be"}, "geen geldig e-mailadres"),
        ({"naam": "   "}, "Vul uw naam in"),
        ({"naam": "Jan\x00"}, "ongeldige tekens"),
        ({"naam": "x" * 201}, "te lang"),
        ({"opmerkingen": "\x00"}, "ongeldige tekens"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_saved(fields, message):
    bijeenkomst = open_bijeenkomst()
    with pytest.raises(ValidationError, match=message):
        register(bijeenkomst, **fields)
    assert not Inschrijving.objects.exists()


def test_the_same_address_cannot_register_twice():
    bijeenkomst = open_bijeenkomst()
    register(bijeenkomst, email="an@example.be")
    with pytest.raises(ValidationError, match="al ingeschreven"):
        register(bijeenkomst, email="AN@Example.be")
    assert Inschrijving.objects.count() == 1


def test_a_title_with_a_newline_gives_a_one_line_name():
    inschrijving, _ = register(open_bijeenkomst(), naam="Jan\nPeeters")
    assert inschrijving.naam == "Jan Peeters"


def test_sessions_of_another_gathering_are_refused():
    bijeenkomst = open_bijeenkomst()
    other = BijeenkomstFactory()
    sessie = Sessie.objects.create(
        bijeenkomst=other, title="A", start=other.start, einde=other.einde
    )
    with pytest.raises(ValidationError, match="sessies van deze bijeenkomst"):
        register(bijeenkomst, sessies=[sessie])
    assert not Inschrijving.objects.exists()


def test_a_failing_mail_server_does_not_lose_the_registration(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens: the connection is refused
    bijeenkomst = open_bijeenkomst()
    with django_capture_on_commit_callbacks(execute=True):
        inschrijving, _ = register(bijeenkomst)
    assert Inschrijving.objects.get().pk == inschrijving.pk


def test_reminders_go_once_to_the_confirmed_two_days_before(
    django_capture_on_commit_callbacks,
):
    soon = open_bijeenkomst(start=timezone.now() + timedelta(days=1, hours=20))
    later = open_bijeenkomst(start=timezone.now() + timedelta(days=5))
    cancelled = open_bijeenkomst(start=timezone.now() + timedelta(days=1), capaciteit=1)
    register(soon, 0)
    _, token = register(soon, 1)
    services.inschrijving_cancel(token)
    register(later, 2)
    register(cancelled, 3)
    register(cancelled, 4)  # waiting list
    Bijeenkomst.objects.filter(pk=cancelled.pk).update(
        status=Bijeenkomst.Status.GEANNULEERD
    )
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox] == [["deelnemer0@example.be"]]
    assert mail.outbox[0].subject.startswith("Herinnering:")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.inschrijvingen_remind() == 0
    assert len(mail.outbox) == 1


def test_attendance_only_for_confirmed_registrations():
    bijeenkomst = open_bijeenkomst(capaciteit=1)
    confirmed, _ = register(bijeenkomst, 0)
    waiting, _ = register(bijeenkomst, 1)
    services.inschrijving_set_aanwezig(confirmed, True)
    confirmed.refresh_from_db()
    assert confirmed.aanwezig is True
    with pytest.raises(ValidationError, match="bevestigde"):
        services.inschrijving_set_aanwezig(waiting, True)


def test_a_change_raises_the_sequence():
    bijeenkomst = BijeenkomstFactory()
    services.bijeenkomst_changed(bijeenkomst)
    services.bijeenkomst_changed(bijeenkomst)
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).sequence == 2


def test_cancelling_a_gathering_in_the_back_office_mails_its_registrants_once(
    django_capture_on_commit_callbacks,
):
    from types import SimpleNamespace

    from wagtail import hooks

    bijeenkomst = open_bijeenkomst(capaciteit=1)
    register(bijeenkomst, 0)
    register(bijeenkomst, 1)  # waiting list
    _, token = register(bijeenkomst, 2)
    services.inschrijving_cancel(token)
    mail.outbox = []

    def edit(change):
        request = SimpleNamespace()
        for hook in hooks.get_hooks("before_edit_snippet"):
            hook(request, Bijeenkomst.objects.get(pk=bijeenkomst.pk))
        change()
        for hook in hooks.get_hooks("after_edit_snippet"):
            hook(request, Bijeenkomst.objects.get(pk=bijeenkomst.pk))

    with django_capture_on_commit_callbacks(execute=True):
        edit(
            lambda: Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(
                status=Bijeenkomst.Status.GEANNULEERD, annulatie_reden="Storm."
            )
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deelnemer0@example.be",
        "deelnemer1@example.be",
    ]
    assert mail.outbox[0].subject.startswith("Geannuleerd:")
    assert "Storm." in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        edit(lambda: None)  # saved again, still cancelled: no second mail
    assert len(mail.outbox) == 2
    assert Bijeenkomst.objects.get(pk=bijeenkomst.pk).sequence == 2


def test_registering_for_sessions_through_the_form(client):
    from django.urls import reverse

    bijeenkomst = open_bijeenkomst()
    a = Sessie.objects.create(
        bijeenkomst=bijeenkomst,
        title="Sessie A",
        start=bijeenkomst.start,
        einde=bijeenkomst.start + timedelta(hours=1),
    )
    url = reverse("netwerk:inschrijven", kwargs={"slug": bijeenkomst.slug})
    data = {"naam": "An", "email": "an@example.be"}
    refused = client.post(url, data)
    assert "Kies minstens één sessie" in refused.content.decode()
    assert not Inschrijving.objects.exists()
    client.post(url, {**data, "sessies": [a.pk]})
    assert list(Inschrijving.objects.get().sessies.all()) == [a]
    assert client.post(url, {**data, "sessies": ["\x00"]}).status_code == 200


def test_more_seats_move_the_waiting_list_up(django_capture_on_commit_callbacks):
    bijeenkomst = open_bijeenkomst(capaciteit=1)
    for n in range(4):
        register(bijeenkomst, n)
    mail.outbox = []
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(capaciteit=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.bijeenkomst_changed(bijeenkomst)
    statuses = list(
        Inschrijving.objects.order_by("created_at", "pk").values_list(
            "status", flat=True
        )
    )
    assert statuses == [S.BEVESTIGD, S.BEVESTIGD, S.BEVESTIGD, S.WACHTLIJST]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deelnemer1@example.be",
        "deelnemer2@example.be",
    ]


def _cancel_link(message):
    return re.search(r"http://testserver(/agenda/annuleren/\S+/)", message.body)


def test_the_reminder_carries_a_fresh_cancel_link_for_that_registration_only(
    client, django_capture_on_commit_callbacks
):
    soon = open_bijeenkomst(start=timezone.now() + timedelta(days=1), capaciteit=1)
    with django_capture_on_commit_callbacks(execute=True):
        mine, old_token = register(soon, 0)
        other, other_token = register(soon, 1)  # waiting list: no reminder
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.inschrijvingen_remind() == 1
    (reminder,) = mail.outbox
    assert reminder.to == ["deelnemer0@example.be"]
    link = _cancel_link(reminder)
    assert link, reminder.body
    path = link.group(1)
    assert old_token not in path
    # The confirmation mail's link no longer works; the reminder's does, once.
    assert services.agenda.inschrijving_for_token(old_token) is None
    assert client.get(path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 200
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.status == S.GEANNULEERD
    assert other.status == S.BEVESTIGD  # moved up, not cancelled
    assert services.agenda.inschrijving_for_token(other_token) == other
    assert client.post(path).status_code == 400
    mine.refresh_from_db()
    assert mine.status == S.GEANNULEERD
