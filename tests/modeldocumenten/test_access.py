"""Files of model documents reach the public only when the document is live and
public: not during review, not behind a view restriction."""

import datetime

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from kempenkaart.models import InstrumentDocument
from modeldocumenten.models import DocumentVersie
from tests.modeldocumenten.factories import (
    InspirationPageFactory,
    document_file,
    model_document,
    story,
)

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


# Files of content that is not public yet (issue 7, item 2)


def add_version_under_review(page, user):
    """A new version with new files in the page's draft, submitted for review."""
    from tests.modeldocumenten.test_workflow import add_version

    draft = add_version(page, user)
    page.get_workflow().start(page, user)
    return draft.versies.get(nummer="2.0").bestand


def served(client, document):
    return client.get(document.url).status_code


def test_the_files_of_a_version_under_review_are_not_public(
    client, iok_medewerker, gemeente_medewerker
):
    page = model_document("Verordening terrassen")
    document = add_version_under_review(page, iok_medewerker)
    assert served(client, document) == 404
    client.force_login(gemeente_medewerker)
    assert served(client, document) == 404
    # The live version's files stay public meanwhile.
    assert DocumentVersie.objects.filter(page=page).count() == 1
    assert served(client, DocumentVersie.objects.get(page=page).pdf) == 200


def test_reviewers_get_the_files_they_review_while_their_task_runs(
    client, iok_medewerker, partner, expert
):
    page = model_document("Verordening terrassen")
    document = add_version_under_review(page, iok_medewerker)
    for reviewer in (partner, expert):
        client.force_login(reviewer)
        assert served(client, document) == 200
    # Once they approved, the file waits for IOK's publication: theirs no more.
    page.refresh_from_db()
    page.current_workflow_task_state.approve(user=partner)
    assert served(client, document) == 404
    client.force_login(iok_medewerker)
    assert served(client, document) == 200


def test_a_reviewer_does_not_get_files_of_an_other_revision(
    client, iok_medewerker, partner
):
    """A reviewer who edits the draft under review and picks another file (by its id)
    does not get that file: only the revision submitted for review counts."""
    page = model_document("Verordening terrassen")
    add_version_under_review(page, iok_medewerker)
    other = document_file("intern-verslag.pdf", b"%PDF-1.4 intern")
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    draft.versies.add(
        DocumentVersie(nummer="9.9", datum=datetime.date(2026, 1, 1), bestand=other)
    )
    draft.save_revision(user=partner)
    client.force_login(partner)
    assert served(client, other) == 404


def test_an_uploaded_document_attached_to_nothing_is_for_staff_only(
    client, partner, iok_medewerker, beheerder
):
    document = document_file("los-bestand.pdf", b"%PDF-1.4 los")
    assert served(client, document) == 404
    client.force_login(partner)
    assert served(client, document) == 404
    for staff in (iok_medewerker, beheerder):
        client.force_login(staff)
        assert served(client, document) == 200


def test_documents_of_instruments_and_of_live_pages_are_public(client):
    from tests.kempenkaart.factories import InstrumentFactory

    instrument = InstrumentFactory()
    plan = document_file("grafisch-plan.pdf", b"%PDF-1.4 plan")
    InstrumentDocument.objects.create(instrument=instrument, document=plan)
    folder = document_file("folder.pdf", b"%PDF-1.4 folder")
    concept = document_file("concept.pdf", b"%PDF-1.4 concept")
    story("Spelen", body=[("download", {"document": folder, "label": ""})])
    InspirationPageFactory(
        title="Nog niet af",
        body=[("download", {"document": concept, "label": ""})],
        live=False,
    )
    assert served(client, plan) == 200
    assert served(client, folder) == 200
    assert served(client, concept) == 404


def test_a_private_collection_keeps_its_restriction(client, partner):
    """A file of public content in a collection for signed-in users only: Wagtail's
    collection restriction still applies."""
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="login"
    )
    page = model_document("Reglement")
    document = page.versies.get().pdf
    document.collection = collection
    document.save()
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(partner)
    assert served(client, document) == 200


def test_files_of_a_page_for_signed_in_users_are_theirs(client, partner):
    """A restricted page's files follow its restriction: what one may read, one may
    download."""
    page = model_document("Intern reglement")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    versie = page.versies.get()
    assert served(client, versie.pdf) == 404
    client.force_login(partner)
    assert served(client, versie.pdf) == 200
    assert client.get(versie.download_url("pdf")).status_code == 302


def test_files_of_a_page_for_a_group_are_that_groups(client, partner, iok_medewerker):
    from django.contrib.auth.models import Group

    page = model_document("Reglement voor IOK")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="groups"
    )
    restriction.groups.set([Group.objects.get(name="IOK-medewerker")])
    versie = page.versies.get()
    client.force_login(partner)
    assert served(client, versie.pdf) == 404
    assert client.get(versie.download_url("pdf")).status_code == 404
    client.force_login(iok_medewerker)
    assert client.get(versie.download_url("pdf")).status_code == 302
