"""The back offices run under their own policy: Wagtail's admin (dashboard, page
editor with its preview, a project with its map widget) and Django's admin work
without a blocked script, style or frame."""

import pytest
from wagtail.models import Page

from tests.atelier.factories import UserFactory
from tests.browser.test_csp import violations, watched  # noqa: F401 (fixture)
from tests.kempenkaart.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-wachtwoord"


def test_the_back_offices_block_nothing(live_server, watched):  # noqa: F811
    admin = UserFactory(is_staff=True, is_superuser=True)
    project = ProjectFactory(title="Speelbos aan de Aa")
    home = Page.objects.get(depth=2)
    base = live_server.url

    watched.goto(base + "/admin/login/")
    watched.fill("#id_username", admin.username)
    watched.fill("#id_password", PASSWORD)
    watched.click("button[type=submit]")
    watched.wait_for_url(base + "/admin/")
    for url in (
        "/admin/",
        f"/admin/pages/{home.pk}/edit/",
        "/django-admin/atelier/user/",
        f"/admin/snippets/kempenkaart/project/edit/{project.pk}/",
    ):
        response = watched.goto(base + url)
        assert response.status == 200, url
        assert "'unsafe-inline'" in response.headers["content-security-policy"]
        watched.wait_for_load_state("networkidle")
        assert violations(watched) == [], url
    # The project's location widget (django-leaflet, inline scripts) drew its map.
    assert watched.locator(".leaflet-container").count() >= 1
