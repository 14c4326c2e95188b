"""Tailored support (maatwerk): an official asks for their own municipality, with
attachments checked by content; staff assign partners, keep notes and a status; the
asking municipality follows its requests on /account/ and nobody else's (404),
attachments included."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from atelier import roles
from atelier.models import Gemeente, Organisatie, Thema
from netwerk.models import MaatwerkNotitie, Maatwerkvraag
from tests.atelier.factories import OrganisatieFactory, UserFactory

from .factories import MaatwerkvraagFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def thema(db):
    return Thema.objects.get(slug="kernversterking")


@pytest.fixture
def form(thema, turnhout):
    return {
        "gemeente": turnhout.pk,
        "onderwerp": "Visie op de\nstationsomgeving",
        "vraag": "Kan het Atelier ons helpen met een visie?",
        "thema": thema.pk,
        "urgentie": "hoog",
    }


def test_an_official_asks_with_an_attachment_and_follows_it_on_account(
    client, gemeente_medewerker, form, turnhout
):
    client.force_login(gemeente_medewerker)
    response = client.post(
        reverse("netwerk:maatwerk-create"), {**form, "bijlagen": [pdf()]}
    )
    vraag = Maatwerkvraag.objects.get()
    assert response.status_code == 302 and response.url == vraag.get_absolute_url()
    assert vraag.onderwerp == "Visie op de stationsomgeving"
    assert vraag.gemeente == turnhout and vraag.status == "nieuw"
    bijlage = vraag.bijlagen.get()
    download = client.get(bijlage.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    account = client.get(reverse("account:profile"))
    assert "Visie op de stationsomgeving" in account.text
    # A colleague of the same municipality follows it too.
    colleague = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    client.force_login(colleague)
    assert client.get(vraag.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", ["anoniem", "andere-gemeente", "partner", "expert"])
def test_nobody_else_sees_a_request_or_its_attachments(
    client, gemeente_medewerker, form, role
):
    client.force_login(gemeente_medewerker)
    client.post(reverse("netwerk:maatwerk-create"), {**form, "bijlagen": [pdf()]})
    vraag = Maatwerkvraag.objects.get()
    bijlage = vraag.bijlagen.get()
    client.logout()
    users = {
        "andere-gemeente": UserFactory(
            roles=[roles.GEMEENTE_MEDEWERKER], gemeente=Gemeente.objects.get(slug="mol")
        ),
        "partner": UserFactory(roles=[roles.PARTNER]),
        "expert": UserFactory(roles=[roles.KWALITEITSKAMER_LID]),
    }
    if role in users:
        client.force_login(users[role])
    expected = 302 if role == "anoniem" else 404
    assert client.get(vraag.get_absolute_url()).status_code == expected
    assert client.get(bijlage.get_absolute_url()).status_code == expected
    if role != "anoniem":
        assert "stationsomgeving" not in client.get(reverse("account:profile")).text
        assert (
            "stationsomgeving" not in client.get(reverse("netwerk:maatwerk-list")).text
        )
        assert (
            client.post(vraag.get_absolute_url(), {"status": "afgerond"}).status_code
            == 404
        )
    vraag.refresh_from_db()
    assert vraag.status == "nieuw"


@pytest.mark.parametrize(
    ("bijlage", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00rest"), "niet aanvaard"),
        (pdf("nep.pdf", b"<html><script>alert(1)</script>"), "PDF"),
        (SimpleUploadedFile("notitie.txt", b"<script>alert(1)</script>"), "HTML"),
    ],
)
def test_attachments_are_checked_by_content_and_nothing_is_half_saved(
    client, gemeente_medewerker, form, bijlage, message
):
    client.force_login(gemeente_medewerker)
    response = client.post(
        reverse("netwerk:maatwerk-create"), {**form, "bijlagen": [pdf(), bijlage]}
    )
    assert response.status_code == 200
    assert "form-errors" in response.text
    assert not Maatwerkvraag.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"onderwerp": "   "},
        {"onderwerp": "x" * 201},
        {"vraag": ""},
        {"urgentie": "meteen\x00"},
        {"thema": "999999999999999999999"},
        {"gemeente": "mol"},  # another municipality than the official's
    ],
)
def test_bad_input_is_refused_with_a_dutch_message(
    client, gemeente_medewerker, form, bad
):
    if bad.get("gemeente") == "mol":
        bad = {"gemeente": Gemeente.objects.get(slug="mol").pk}
    client.force_login(gemeente_medewerker)
    response = client.post(reverse("netwerk:maatwerk-create"), {**form, **bad})
    assert response.status_code == 200
    assert "Uw vraag is nog niet verstuurd" in response.text
    assert not Maatwerkvraag.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anoniem", 302), ("partner", 403), ("expert", 403), ("iok", 403)],
)
def test_only_officials_ask(client, role, status):
    users = {
        "partner": UserFactory(roles=[roles.PARTNER]),
        "expert": UserFactory(roles=[roles.KWALITEITSKAMER_LID]),
        "iok": UserFactory(roles=[roles.IOK_MEDEWERKER]),
    }
    if role in users:
        client.force_login(users[role])
    assert client.get(reverse("netwerk:maatwerk-create")).status_code == status


def test_staff_assign_partners_note_and_reject_only_with_a_reason(
    client, gemeente_medewerker, thema, turnhout, iok_medewerker
):
    vraag = MaatwerkvraagFactory(
        gemeente=turnhout, thema=thema, ingediend_door=gemeente_medewerker
    )
    partner_org = OrganisatieFactory(
        name="RURANT", kind=Organisatie.Kind.KERNPARTNER, partnerschap=True
    )
    client.force_login(iok_medewerker)
    assert "Vraag" in client.get(reverse("netwerk:maatwerk-list")).text
    response = client.post(
        vraag.get_absolute_url(),
        {"status": "afgewezen", "reden": "  ", "notitie": "eerste blik"},
    )
    assert response.status_code == 200
    assert "Geef een reden om de vraag af te wijzen." in response.text
    vraag.refresh_from_db()
    assert vraag.status == "nieuw" and not MaatwerkNotitie.objects.exists()
    mail.outbox = []
    with_commit = client.post(
        vraag.get_absolute_url(),
        {
            "status": "in-behandeling",
            "partners": [partner_org.pk],
            "notitie": "RURANT neemt contact op",
        },
    )
    assert with_commit.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == "in-behandeling"
    assert list(vraag.partners.all()) == [partner_org]
    assert vraag.notities.count() == 2  # the note and the change of status
    # A member of the assigned partner now sees the request; notes stay staff only.
    member = UserFactory(roles=[roles.PARTNER], organisaties=[partner_org])
    client.force_login(member)
    page = client.get(vraag.get_absolute_url())
    assert page.status_code == 200 and "RURANT neemt contact op" not in page.text
    assert client.post(
        vraag.get_absolute_url(), {"status": "afgerond"}
    ).status_code == (403)
    # The official sees the new status but not the staff's notes.
    client.force_login(gemeente_medewerker)
    page = client.get(vraag.get_absolute_url())
    assert "in behandeling" in page.text and "RURANT neemt contact op" not in page.text


def test_the_asker_is_mailed_a_new_status(
    django_capture_on_commit_callbacks, gemeente_medewerker, thema, turnhout
):
    from netwerk import services

    vraag = MaatwerkvraagFactory(
        gemeente=turnhout, thema=thema, ingediend_door=gemeente_medewerker
    )
    staff = UserFactory(roles=[roles.IOK_MEDEWERKER])
    with django_capture_on_commit_callbacks(execute=True):
        services.maatwerk_update(vraag, staff, status="afgewezen", reden="Buiten scope")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [gemeente_medewerker.email]
    assert "afgewezen" in mail.outbox[0].subject
    assert "Buiten scope" in mail.outbox[0].body


def test_staff_are_mailed_a_new_request_and_nobody_else(
    client, django_capture_on_commit_callbacks, gemeente_medewerker, form
):
    staff = UserFactory(roles=[roles.IOK_MEDEWERKER], email="iok@example.be")
    UserFactory(roles=[roles.PARTNER], email="partner@example.be")
    UserFactory(roles=[roles.IOK_MEDEWERKER], email="weg@example.be", is_active=False)
    client.force_login(gemeente_medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("netwerk:maatwerk-create"), form)
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "Visie op de stationsomgeving" in mail.outbox[0].subject
    assert "\n" not in mail.outbox[0].subject
