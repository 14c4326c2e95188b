"""What waits for moderation is in plain sight (issue 9): first on the back office's
dashboard, oldest first, and a filter on moderation state in the project listing."""

import datetime

import pytest
from wagtail.models import TaskState

from atelier import roles
from kempenkaart import services
from tests.atelier.factories import UserFactory
from tests.kempenkaart.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(partner):
    """Three submitted projects; the middle one was submitted first."""
    projects = [
        ProjectFactory(title=title, live=False, ingediend_door=partner, submitted=True)
        for title in ("Tweede ingediend", "Eerst ingediend", "Laatst ingediend")
    ]
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for days, project in zip((2, 1, 3), projects, strict=True):
        TaskState.objects.filter(revision__object_id=str(project.pk)).update(
            started_at=start + datetime.timedelta(days=days)
        )
    return projects


def test_the_dashboard_lists_what_waits_oldest_first(client, iok_medewerker, waiting):
    client.force_login(iok_medewerker)
    html = client.get("/admin/").content.decode()
    positions = [html.index(t) for t in ("Eerst", "Tweede", "Laatst ingediend")]
    assert positions == sorted(positions)


def test_another_partner_has_no_moderation_queue(client, waiting):
    client.force_login(UserFactory(roles=[roles.PARTNER]))
    response = client.get("/admin/")
    assert "Eerst ingediend" not in response.content.decode()


def test_the_project_listing_filters_on_moderation_state(
    client, iok_medewerker, waiting, partner
):
    services.project_reject(
        project=waiting[0], user=iok_medewerker, reason="Voeg een foto toe."
    )
    ProjectFactory(title="Al gepubliceerd")
    client.force_login(iok_medewerker)

    def titles(state):
        html = client.get(
            "/admin/snippets/kempenkaart/project/", {"moderatie": state}
        ).content.decode()
        names = ["Tweede ingediend", "Eerst ingediend", "Laatst ingediend"]
        return {t for t in [*names, "Al gepubliceerd"] if t in html}

    assert titles("wacht") == {"Eerst ingediend", "Laatst ingediend"}
    assert titles("afgewezen") == {"Tweede ingediend"}
    assert titles("gepubliceerd") == {"Al gepubliceerd"}


def test_publish_sits_beside_reject_in_the_listing(client, iok_medewerker, waiting):
    client.force_login(iok_medewerker)
    project = waiting[1]
    html = client.get("/admin/snippets/kempenkaart/project/").content.decode()
    publish = f"/admin/kempenkaart/projecten/{project.pk}/publiceren/"
    assert publish in html
    assert f"/admin/kempenkaart/projecten/{project.pk}/afwijzen/" in html

    assert "zoals het nu is ingediend" in client.get(publish).content.decode()
    client.post(publish)
    project.refresh_from_db()
    assert project.live and not project.awaiting_moderation


def test_only_moderators_publish_from_the_listing(client, partner, waiting):
    client.force_login(partner)
    url = f"/admin/kempenkaart/projecten/{waiting[1].pk}/publiceren/"
    assert client.post(url).status_code in (302, 403)
    waiting[1].refresh_from_db()
    assert not waiting[1].live
