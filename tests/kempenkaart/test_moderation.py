"""One moderation path: the project's Wagtail workflow, driven from the admin or
from the services, with the same result and the same mails."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState

from kempenkaart import rules, services
from kempenkaart.models import Project
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import ProjectFactory, project_admin_form

pytestmark = pytest.mark.django_db


def rejected_project(partner, iok_medewerker, title):
    project = ProjectFactory(
        title=title, ingediend_door=partner, live=False, submitted=True
    )
    services.project_reject(
        project=project, user=iok_medewerker, reason="Te weinig uitleg."
    )
    project.refresh_from_db()
    assert project.needs_changes and project.afwijzingsreden == "Te weinig uitleg."
    return project


def moderation_state(project):
    project = Project.objects.with_moderation().get(pk=project.pk)
    return {
        "live": project.live,
        "live_is_latest": project.live_revision_id == project.latest_revision_id,
        "has_unpublished_changes": project.has_unpublished_changes,
        "afwijzingsreden": project.afwijzingsreden,
        "moderation_status": str(project.moderation_status),
        "workflow_states": sorted(
            project.workflow_states.values_list("status", flat=True)
        ),
    }


def test_publishing_a_rejected_project_in_the_admin_equals_the_service(
    client, partner, iok_medewerker, django_capture_on_commit_callbacks
):
    in_admin = rejected_project(partner, iok_medewerker, "Via het beheer")
    by_service = rejected_project(partner, iok_medewerker, "Via de dienst")
    client.force_login(iok_medewerker)
    edit = reverse("wagtailsnippets_kempenkaart_project:edit", args=[in_admin.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit, project_admin_form(in_admin, **{"action-publish": "action-publish"})
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [m.to for m in mail.outbox] == [[partner.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.project_publish(project=by_service, user=iok_medewerker)
    assert [m.to for m in mail.outbox] == [[partner.email]]

    expected = {
        "live": True,
        "live_is_latest": True,
        "has_unpublished_changes": False,
        "afwijzingsreden": "",
        "moderation_status": "gepubliceerd",
        "workflow_states": [WorkflowState.STATUS_CANCELLED],
    }
    assert moderation_state(in_admin) == expected
    assert moderation_state(by_service) == expected
    client.force_login(partner)
    html = client.get("/kaart/mijn-projecten/").content.decode()
    assert "Via het beheer" in html and "Via de dienst" in html
    assert "Te weinig uitleg." not in html


def test_request_changes_in_the_admin_is_the_rejection_the_submitter_sees(
    client, partner, iok_medewerker, django_capture_on_commit_callbacks
):
    project = ProjectFactory(
        title="Speelbos", ingediend_door=partner, live=False, submitted=True
    )
    client.force_login(iok_medewerker)
    edit = reverse("wagtailsnippets_kempenkaart_project:edit", args=[project.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit,
            project_admin_form(
                project,
                **{
                    "action-workflow-action": "true",
                    "workflow-action-name": "reject",
                    "workflow-action-extra-data": json.dumps(
                        {"comment": "Voeg een foto toe."}
                    ),
                },
            ),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Project.objects.get(pk=project.pk).afwijzingsreden == "Voeg een foto toe."
    (sent,) = mail.outbox  # Wagtail's own workflow mails stay silent
    assert sent.to == [partner.email] and "Voeg een foto toe." in sent.body
    client.force_login(partner)
    html = client.get("/kaart/mijn-projecten/").content.decode()
    assert "afgewezen" in html and "Voeg een foto toe." in html


def test_afwijzen_stays_available_after_a_resubmission(
    client, partner, iok_medewerker, django_capture_on_commit_callbacks
):
    project = rejected_project(partner, iok_medewerker, "Tweede kans")
    listing = reverse("wagtailsnippets_kempenkaart_project:list")
    reject_url = reverse("kempenkaart_project_reject", args=[project.pk])
    client.force_login(iok_medewerker)
    assert reject_url not in client.get(listing).content.decode()  # nothing waits

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project = project.get_latest_revision_as_object()
        project.contact_naam = "Jan"
        services.project_update(project=project, user=partner)  # resubmits
    assert [m.to for m in mail.outbox] == [[iok_medewerker.email]]
    project = Project.objects.get(pk=project.pk)
    assert project.workflow_in_progress and project.afwijzingsreden == ""
    assert reject_url in client.get(listing).content.decode()
    response = client.post(reject_url, {"reden": "Nog steeds te vaag."})
    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).afwijzingsreden == "Nog steeds te vaag."


def test_the_workflow_is_found_by_reference_not_by_name(partner):
    workflow = Project.get_default_workflow()
    assert workflow is not None
    Workflow.objects.filter(pk=workflow.pk).update(name="Iets anders")
    project = ProjectFactory.build(title="Na de hernoeming", slug="")
    services.project_submit(project=project, user=partner)
    assert project.workflow_in_progress
    assert project.current_workflow_state.workflow_id == workflow.pk


def test_moderators_are_asked_through_the_rules(
    partner, iok_medewerker, superuser, django_capture_on_commit_callbacks
):
    """Group members, users with the permission themselves and superusers; not
    inactive users, nor users without it."""
    own_permission = UserFactory()
    own_permission.user_permissions.add(
        Permission.objects.get(codename="publish_project")
    )
    UserFactory(is_active=False, is_superuser=True)
    UserFactory()
    expected = {iok_medewerker.email, superuser.email, own_permission.email}
    assert set(rules.moderators().values_list("email", flat=True)) == expected
    assert rules.may_moderate(own_permission) and not rules.may_moderate(partner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(ingediend_door=partner, live=False, submitted=True)
    (sent,) = mail.outbox
    assert set(sent.to) == expected


def test_only_moderators_publish_or_reject_through_the_services(partner):
    from django.core.exceptions import PermissionDenied

    project = ProjectFactory(ingediend_door=partner, live=False, submitted=True)
    with pytest.raises(PermissionDenied):
        services.project_publish(project=project, user=partner)
    with pytest.raises(PermissionDenied):
        services.project_reject(project=project, user=partner, reason="Nee.")
    assert not Project.objects.get(pk=project.pk).live


def test_the_admin_listing_asks_the_workflow_once_not_per_project(
    client, partner, iok_medewerker
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    listing = reverse("wagtailsnippets_kempenkaart_project:list")
    client.force_login(iok_medewerker)

    def queries():
        client.get(listing)  # warm the caches (content types, permissions)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(listing).content.decode()
        return len(captured), html

    rejected_project(partner, iok_medewerker, "Eerste")
    ProjectFactory(ingediend_door=partner, live=False, submitted=True)
    few, _ = queries()
    for n in range(6):
        rejected_project(partner, iok_medewerker, f"Nog een {n}")
        ProjectFactory(ingediend_door=partner, live=False, submitted=True)
    many, html = queries()
    assert many == few
    assert len(re.findall(r">\s*afgewezen\s*<", html)) == 7  # the status column
    assert html.count("/afwijzen/") == 7  # Afwijzen for what waits
