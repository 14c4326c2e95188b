"""'Mijn account' leads to adding a project, for whoever may submit one."""

import pytest

from tests.kempenkaart.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_partner_adds_a_project_from_the_account_page(client, partner):
    ProjectFactory(ingediend_door=partner, live=False)
    client.force_login(partner)
    html = client.get("/account/").content.decode()
    assert 'href="/kaart/projecten/nieuw/"' in html
    assert "U diende 1 project in." in html


def test_no_project_link_for_who_may_not_submit(client, expert):
    client.force_login(expert)
    assert "/kaart/projecten/nieuw/" not in client.get("/account/").content.decode()
