"""The kwaliteitskamer's journey in a browser: an official books a slot and submits a
dossier (a sitting whose intake closed cannot be booked); staff compose the panel; an
expert records the advice, the chair approves it, and the advice letter is a PDF that
says what the panel advised."""

import io

import pytest
from pypdf import PdfReader

from atelier import roles
from netwerk.kwaliteitskamer.models import Dossier
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import inside
from tests.kwaliteitskamer.factories import ExpertFactory, minimal_pdf, zitting

from .test_kempenkaart import click_map_at, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(browser, base, user):
    page = browser.new_context(locale="nl-BE").new_page()
    log_in(page, base, user)
    return page


def test_booking_intake_panel_advice_and_letter(live_server, page, browser, tmp_path):
    from atelier.models import Gemeente

    turnhout = Gemeente.objects.get(slug="turnhout")
    official = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)
    iok = UserFactory(roles=[roles.IOK_MEDEWERKER])
    chair = ExpertFactory(user__first_name="Vera", user__last_name="Voorzitter")
    member = ExpertFactory(user__first_name="Mark", user__last_name="Lid")
    open_sitting = zitting(title="Zitting december", voorzitter=chair)
    closed_sitting = zitting(title="Zitting volgende week", days_ahead=4)
    base = live_server.url

    # An official books a free slot and submits the dossier.
    log_in(page, base, official)
    page.goto(base + "/kwaliteitskamer/")
    page.click("text=Zitting december")
    page.locator("a:has-text('Dit tijdslot boeken')").first.click()
    page.fill("#id_title", "Herinrichting Grote Markt")
    page.select_option("#id_ontwerpfase", "voorontwerp")
    page.fill("#id_vragen", "Is de verhouding tussen groen en verharding goed?")
    page.fill("#id_ontwerper", "Studio Plein")
    click_map_at(page, "dossier-map", inside("turnhout"))
    page.click("button:has-text('Boeken en concept bewaren')")
    page.wait_for_url("**/intake/")
    assert "Nog nodig" in page.content()
    for soort in ("plannen", "situering"):
        path = tmp_path / f"{soort}.pdf"
        path.write_bytes(minimal_pdf(f"Bijlage {soort}"))
        page.select_option("#id_soort", soort)
        page.set_input_files("#id_bestand", str(path))
        page.click("button:has-text('Bijlage toevoegen')")
        page.wait_for_url("**/intake/")
    assert "Alle vereiste documenten zijn er." in page.content()
    page.click("button:has-text('Dossier indienen')")
    page.locator("#dossier-status", has_text="ingediend").wait_for()
    dossier = Dossier.objects.get(title="Herinrichting Grote Markt")
    assert dossier.status == "ingediend" and dossier.locatie is not None

    # After the intake deadline a slot can no longer be booked.
    page.goto(base + closed_sitting.get_absolute_url())
    assert "De intake voor deze zitting is gesloten." in page.content()
    assert page.locator("a:has-text('Dit tijdslot boeken')").count() == 0
    slot = closed_sitting.tijdsloten.first()
    page.goto(f"{base}/kwaliteitskamer/boeken/{slot.pk}/")
    assert "intake voor deze zitting is gesloten" in page.content()

    # Staff compose the panel.
    staff = as_user(browser, base, iok)
    staff.goto(f"{base}/kwaliteitskamer/dossiers/{dossier.pk}/panel/")
    staff.check(f"input[name=experts][value='{chair.pk}']")
    staff.check(f"input[name=experts][value='{member.pk}']")
    staff.click("button:has-text('Panel bewaren')")
    staff.locator("text=Het panel is bewaard.").wait_for()
    assert set(dossier.panelleden.values_list("expert", flat=True)) == {
        chair.pk,
        member.pk,
    }

    # An expert records the advice.
    expert = as_user(browser, base, member.user)
    expert.goto(base + dossier.get_absolute_url())
    expert.click("a:has-text('Advies opstellen')")
    expert.fill("#id_context", "Een plein in het hart van de stad.")
    expert.fill(
        "#id_appreciatie", "Het ontwerp geeft de markt terug aan de voetganger."
    )
    expert.fill("#id_aanbevelingen", "Plant meer bomen aan de zuidkant.")
    expert.select_option("#id_conclusie", "voorwaarden")
    expert.click("button:has-text('Advies bewaren')")
    expert.locator("text=Het advies is bewaard.").wait_for()
    assert "Advies goedkeuren" not in expert.content()  # only the chair

    # The chair approves it; the advice letter is produced.
    voorzitter = as_user(browser, base, chair.user)
    voorzitter.goto(base + dossier.get_absolute_url())
    voorzitter.click("button:has-text('Advies goedkeuren en versturen')")
    voorzitter.locator("text=Het advies is goedgekeurd").wait_for()
    letter = voorzitter.request.get(
        f"{base}/kwaliteitskamer/dossiers/{dossier.pk}/adviesbrief.pdf"
    )
    assert letter.headers["content-type"] == "application/pdf"
    text = " ".join(
        sheet.extract_text() for sheet in PdfReader(io.BytesIO(letter.body())).pages
    )
    text = " ".join(text.split())
    assert "Advies van de kwaliteitskamer" in text
    assert "Herinrichting Grote Markt" in text
    assert "positief met voorwaarden" in text
    assert "Plant meer bomen aan de zuidkant." in text
    assert "Goedgekeurd door de voorzitter, Vera Voorzitter." in text
    assert open_sitting.bijeenkomst.genodigden.filter(user=member.user).exists()
