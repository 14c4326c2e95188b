"""A new model document or version is reviewed by partners and experts, then
published by IOK; the public sees it only then."""

import datetime
import re

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowPage
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

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


def test_model_documents_are_reviewed_by_the_workflow_assigned_to_the_library():
    page = model_document("Verordening terrassen")
    library = page.get_parent()
    workflow = page.get_workflow()
    # Assigned by reference (Wagtail's WorkflowPage), not looked up by its name.
    assert WorkflowPage.objects.get(page=library).workflow == workflow
    assert [t.name for t in workflow.tasks] == [
        "Review door partners en experten",
        "Publicatie door IOK",
    ]
    # The library page itself is moderated like the rest of the site.
    assert library.specific.get_workflow() == library.get_parent().get_workflow()
    assert library.specific.get_workflow() != workflow


def edit_form(page, **fields):
    """The admin's edit form of `page` as a browser posts it."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "gebruik": rich_text(""),
            "body": streamfield([]),
            "soort": page.soort_id,
            "beleidsniveau": page.beleidsniveau,
            "versies": inline_formset(
                [
                    {
                        "id": v.pk,
                        "nummer": v.nummer,
                        "datum": v.datum.isoformat(),
                        "wijzigingen": v.wijzigingen,
                        "bestand": v.bestand_id,
                        "pdf": v.pdf_id or "",
                    }
                    for v in page.versies.all()
                ]
            ),
            "adopties": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def test_renaming_the_review_workflow_keeps_the_review(client, iok_medewerker):
    page = model_document("Verordening terrassen")
    workflow = page.get_workflow()
    workflow.name = "Nazicht door het netwerk"
    workflow.save()

    client.force_login(iok_medewerker)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, summary="Nieuwe samenvatting.", **{"action-submit": "1"}),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ModelDocumentPage.objects.get(pk=page.pk)
    state = page.current_workflow_state
    assert state.workflow.name == "Nazicht door het netwerk"
    assert state.current_task_state.task.name == "Review door partners en experten"
    assert page.summary != "Nieuwe samenvatting."  # not live before the review


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
    state = page.current_workflow_state
    assert state.status == "needs_changes"
    assert state.task_states.get(status="rejected").comment == "Voeg een voorbeeld toe."
    assert not page.versies.filter(nummer="1.1").exists()


def under_review(iok_medewerker):
    page = model_document("Verordening terrassen")
    add_version(page, iok_medewerker)
    page.get_workflow().start(page, iok_medewerker)
    return ModelDocumentPage.objects.get(pk=page.pk)


@pytest.mark.parametrize("reviewer", ["partner", "expert"])
def test_reviewers_see_the_draft_they_review(client, request, iok_medewerker, reviewer):
    """The draft (a new version, in the revision only) shows in the admin's "view
    draft" and in the workflow task's preview."""
    page = under_review(iok_medewerker)
    task = page.current_workflow_task_state.task
    client.force_login(request.getfixturevalue(reviewer))
    for url in (
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Huidige versie 2.0" in html
        assert "Aangepast aan het nieuwe decreet" in html
        assert "Versie 1.0" in html  # the earlier version, listed below
        # The files are linked directly (a preview counts no download), and the
        # reviewer gets them, the new version's too.
        files = re.findall(r'href="(/documenten/[^"]+)"', html)
        assert any("/v2" in f for f in files), files
        assert {client.get(f).status_code for f in files} == {200}


def test_the_editors_preview_shows_a_version_not_saved_yet(iok_medewerker):
    """The editor's preview renders the form's content: a new version there has no
    primary key yet. Its files are linked directly (no counted download)."""
    page = model_document("Verordening terrassen")
    draft = page.get_latest_revision_as_object()
    bestand = document_file("v3.0.docx")
    draft.versies.add(
        DocumentVersie(
            nummer="3.0",
            datum=datetime.date(2026, 11, 1),
            wijzigingen="Nog niet bewaard",
            bestand=bestand,
        )
    )
    response = draft.make_preview_request()
    html = response.render().content.decode()
    assert response.status_code == 200
    assert "Huidige versie 3.0" in html
    assert bestand.url in html
