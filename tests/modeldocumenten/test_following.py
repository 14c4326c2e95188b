import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core import mail

from atelier.models import Thema
from modeldocumenten.models import (
    DocumentVersie,
    Melding,
    ModelDocumentPage,
    ThemaVolger,
)
from tests.modeldocumenten.factories import BROWSER, document_file, model_document

pytestmark = pytest.mark.django_db


def publish_new_version(page, nummer, django_capture_on_commit_callbacks):
    draft = page.get_latest_revision_as_object()
    draft.versies.add(
        DocumentVersie(
            nummer=nummer,
            datum=datetime.date(2026, 11, 1),
            wijzigingen="Nieuwe regels voor terrassen",
            bestand=document_file(f"v{nummer}.docx"),
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    return ModelDocumentPage.objects.get(pk=page.pk)


def test_rss_and_atom_feeds_list_documents_also_per_theme(client):
    model_document("Reglement terrassen", themas=["kernversterking"])
    model_document("Checklist bomen", themas=["natuur-en-landschap"])
    model_document("Nog in review", live=False)
    rss = client.get("/modeldocumenten/rss/")
    assert rss.status_code == 200 and "rss" in rss["Content-Type"]
    items = [i.findtext("title") for i in ET.fromstring(rss.content).iter("item")]
    assert sorted(items) == ["Checklist bomen (1.0)", "Reglement terrassen (1.0)"]
    themed = ET.fromstring(client.get("/modeldocumenten/rss/kernversterking/").content)
    assert [i.findtext("title") for i in themed.iter("item")] == [
        "Reglement terrassen (1.0)"
    ]
    atom = client.get("/modeldocumenten/atom/")
    assert atom.status_code == 200 and "atom" in atom["Content-Type"]
    assert client.get("/modeldocumenten/rss/onbestaand-thema/").status_code == 404


def test_who_downloaded_an_older_version_is_told_of_the_new_one(
    client, partner, gemeente_medewerker, django_capture_on_commit_callbacks
):
    page = model_document("Reglement terrassen")
    client.force_login(partner)
    client.get(page.versies.get().download_url("bestand"), headers=BROWSER)
    mail.outbox.clear()
    page = publish_new_version(page, "2.0", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "Nieuwe versie 2.0" in mail.outbox[0].subject
    assert "Nieuwe regels voor terrassen" in mail.outbox[0].body
    # ... and sees it on their own page; someone who did not download it sees nothing.
    assert "u had 1.0, nu is er 2.0" in client.get("/account/").content.decode()
    client.force_login(gemeente_medewerker)
    assert "u had 1.0" not in client.get("/account/").content.decode()
    # Told once: publishing again sends nothing new.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert mail.outbox == []
    assert Melding.objects.filter(user=partner).count() == 1


def test_following_a_theme_brings_news_of_new_documents(
    client, partner, django_capture_on_commit_callbacks
):
    client.force_login(partner)
    response = client.post(
        "/modeldocumenten/thema-volgen/", {"thema": "mobiliteit", "next": "/account/"}
    )
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert ThemaVolger.objects.filter(user=partner, thema__slug="mobiliteit").exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        model_document("Schoolstraten", themas=["mobiliteit"])
        model_document("Bomenplan", themas=["natuur-en-landschap"])
    assert [m.subject for m in mail.outbox] == ["Nieuw modeldocument: Schoolstraten"]
    # following again toggles it off
    client.post("/modeldocumenten/thema-volgen/", {"thema": "mobiliteit"})
    assert not ThemaVolger.objects.filter(user=partner).exists()


def test_following_needs_an_account_a_post_and_a_real_theme(client, partner):
    response = client.post("/modeldocumenten/thema-volgen/", {"thema": "mobiliteit"})
    assert response.status_code == 302 and "/account/aanmelden/" in response["Location"]
    client.force_login(partner)
    assert client.get("/modeldocumenten/thema-volgen/").status_code == 405
    assert (
        client.post("/modeldocumenten/thema-volgen/", {"thema": "x"}).status_code == 404
    )
    response = client.post(
        "/modeldocumenten/thema-volgen/",
        {"thema": "erfgoed", "next": "https://elders.example/"},
    )
    assert response["Location"] == "/"  # no open redirect
    assert Thema.objects.get(slug="erfgoed").volgers.count() == 1


def test_the_feed_asks_the_database_a_fixed_number_of_questions(
    client, django_assert_max_num_queries
):
    for n in range(12):
        model_document(f"Reglement {n}", themas=["erfgoed", "mobiliteit"])
    with django_assert_max_num_queries(8):
        response = client.get("/modeldocumenten/rss/")
    assert response.status_code == 200
    assert len(list(ET.fromstring(response.content).iter("item"))) == 12


def test_the_follow_button_says_what_it_will_do(client, partner):
    page = model_document("Reglement erfgoed", themas=["kernversterking"])
    client.force_login(partner)
    assert "volg dit thema" in client.get(page.url).content.decode()
    client.post(
        "/modeldocumenten/thema-volgen/",
        {"thema": "kernversterking", "next": page.url},
    )
    html = client.get(page.url).content.decode()
    assert "niet meer volgen" in html and "volg dit thema" not in html


def test_a_download_saves_the_file_instead_of_opening_it(client):
    page = model_document("Checklist bomen")
    versie = page.versies.get()
    response = client.get(versie.download_url("pdf"), follow=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
