"""Files of model documents reach the public only when the document is live and
public: not during review, not behind a view restriction."""

import pytest
from wagtail.models import PageViewRestriction

from tests.modeldocumenten.factories import model_document

pytestmark = pytest.mark.django_db


def test_files_of_a_restricted_document_are_not_downloaded(client):
    page = model_document("Intern reglement")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    versie = page.versies.get()
    assert client.get(versie.download_url("pdf")).status_code == 404
    assert versie.downloads.count() == 0


def test_version_files_of_an_unpublished_document_are_not_served(
    client, iok_medewerker
):
    page = model_document("Nog in review", live=False)
    document = page.versies.get().bestand
    assert client.get(document.url).status_code == 404
    client.force_login(iok_medewerker)  # staff who manage documents may
    assert client.get(document.url).status_code == 200


def test_version_files_of_a_published_document_are_served(client):
    document = model_document("Gepubliceerd reglement").versies.get().pdf
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_uploaded_documents_are_not_served_straight_from_media(client):
    document = model_document("Reglement").versies.get().pdf
    assert client.get(f"/media/{document.file.name}").status_code == 404
