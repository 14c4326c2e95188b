"""A new model document or version is reviewed by partners and experts, then
published by IOK; the public sees it only then."""

import datetime

import pytest
from wagtail.models import PageLogEntry

from modeldocumenten.models import DocumentVersie, ModelDocumentPage
from tests.modeldocumenten.factories import document_file, model_document

pytestmark = pytest.mark.django_db


def add_version(page, user, nummer="2.0"):
    draft = page.get_latest_revision_as_object()
    draft.versies.add(
        DocumentVersie(
            nummer=nummer,
            datum=datetime.date(2026, 10, 1),
            wijzigingen="Aangepast aan het nieuwe decreet",
            bestand=document_file(f"v{nummer}.docx"),
        )
    )
    draft.save_revision(user=user)
    return draft


def test_model_documents_use_the_partner_review_workflow():
    page = model_document("Verordening terrassen")
    workflow = page.get_workflow()
    assert workflow.name == "Partnerreview modeldocumenten"
    assert [t.name for t in workflow.tasks] == [
        "Review door partners en experten",
        "Publicatie door IOK",
    ]


def test_a_new_version_is_public_only_after_review_and_publication(
    client, iok_medewerker, partner, gemeente_medewerker
):
    page = model_document("Verordening terrassen")
    add_version(page, iok_medewerker)
    page.get_workflow().start(page, iok_medewerker)
    page = ModelDocumentPage.objects.get(pk=page.pk)

    # Not public while it is under review.
    assert "Huidige versie 1.0" in client.get(page.url).content.decode()
    review = page.current_workflow_task_state
    assert review.task.name == "Review door partners en experten"

    # The reviewers see it waiting on their dashboard; a municipal official may not act.
    client.force_login(partner)
    assert page.title in client.get("/admin/").content.decode()
    task = review.task.specific
    assert not task.get_actions(page, gemeente_medewerker)
    assert "approve" in [name for name, *_ in task.get_actions(page, partner)]

    review.approve(user=partner, comment="Helder, klaar voor publicatie.")
    page = ModelDocumentPage.objects.get(pk=page.pk)
    publication = page.current_workflow_task_state
    assert publication.task.name == "Publicatie door IOK"
    assert not page.versies.filter(nummer="2.0").exists()  # still not live

    publication.approve(user=iok_medewerker)
    page = ModelDocumentPage.objects.get(pk=page.pk)
    client.logout()
    assert page.current_version().nummer == "2.0"
    assert "Huidige versie 2.0" in client.get(page.url).content.decode()
    # The audit log keeps who did what.
    log = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= log


def test_reviewers_can_ask_for_changes(iok_medewerker, expert):
    page = model_document("Checklist verkavelingen")
    add_version(page, iok_medewerker, nummer="1.1")
    page.get_workflow().start(page, iok_medewerker)
    page = ModelDocumentPage.objects.get(pk=page.pk)
    page.current_workflow_task_state.reject(
        user=expert, comment="Voeg een voorbeeld toe."
    )
    page = ModelDocumentPage.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == "needs_changes"
    assert not page.versies.filter(nummer="1.1").exists()
