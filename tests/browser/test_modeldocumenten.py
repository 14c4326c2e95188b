import datetime

import pytest

from atelier import roles
from atelier.models import Gemeente
from modeldocumenten.models import DocumentVersie
from tests.atelier.factories import UserFactory
from tests.modeldocumenten.factories import model_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


def test_an_official_finds_downloads_and_sees_who_uses_a_model_document(
    live_server, page
):
    turnhout = Gemeente.objects.get(slug="turnhout")
    geel = Gemeente.objects.get(slug="geel")
    model_document(
        "Reglement terrassen en uithangborden",
        soort="reglement",
        themas=["kernversterking"],
        versies=[("1.0", D(2023, 1, 1), 5), ("2.0", D(2025, 9, 1), 2)],
        adopties=[(turnhout, D(2024, 1, 1)), (geel, D(2025, 10, 1))],
    )
    model_document(
        "Verordening verharding", soort="verordening", themas=["kernversterking"]
    )
    model_document("Checklist bomen", soort="checklist", themas=["natuur-en-landschap"])
    official = UserFactory(roles=[roles.GEMEENTE_MEDEWERKER], gemeente=turnhout)

    page.goto(live_server.url + "/account/aanmelden/")
    page.fill("#id_username", official.username)
    page.fill("#id_password", "geheim-wachtwoord")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/account/")

    page.goto(live_server.url + "/modeldocumenten/")
    page.select_option("#id_thema", "kernversterking")
    page.select_option("#id_soort", "reglement")
    page.click("button:has-text('Toon')")
    page.wait_for_url("**thema=kernversterking**soort=reglement**")
    cards = page.locator(".card h3")
    assert cards.all_inner_texts() == ["Reglement terrassen en uithangborden"]

    cards.first.locator("a").click()
    page.wait_for_url("**/reglement-terrassen-en-uithangborden/")
    assert "Huidige versie 2.0" in page.locator(".download-box").inner_text()

    with page.expect_download() as download_info:
        page.locator(".download-box a", has_text="DOCX").click()
    assert download_info.value.suggested_filename.endswith(".docx")
    assert DocumentVersie.objects.get(nummer="2.0").downloads.count() == 3

    # The adopting municipalities are filled in on the map of the 29.
    adopted = page.locator(
        "#adoptie-map .leaflet-overlay-pane path.leaflet-interactive"
    )
    adopted.first.wait_for()
    assert adopted.count() == 29 + 2
    assert "Turnhout" in page.locator("main").inner_text()
    assert "Geel" in page.locator("main").inner_text()
