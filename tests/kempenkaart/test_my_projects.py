"""Mijn projecten: filtered by where a project stands, sorted as asked (issue 9)."""

import pytest

from kempenkaart import services
from tests.kempenkaart.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def listed(client, **params):
    html = client.get("/kaart/mijn-projecten/", params).content.decode()
    names = ["Bos", "Aanleg plein", "Centrum"]
    return sorted((html.index(n), n) for n in names if n in html)


def test_my_projects_filter_and_sort(client, partner, iok_medewerker):
    ProjectFactory(title="Bos", ingediend_door=partner, in_gemeente="mol")
    waiting = ProjectFactory(
        title="Aanleg plein", live=False, ingediend_door=partner, submitted=True
    )
    rejected = ProjectFactory(
        title="Centrum", live=False, ingediend_door=partner, submitted=True
    )
    services.project_reject(project=rejected, user=iok_medewerker, reason="Foto?")
    ProjectFactory(title="Van iemand anders")
    client.force_login(partner)

    assert [n for _, n in listed(client, sorteer="titel")] == [
        "Aanleg plein",
        "Bos",
        "Centrum",
    ]
    assert [n for _, n in listed(client, status="wacht")] == [waiting.title]
    assert [n for _, n in listed(client, status="afgewezen")] == ["Centrum"]
    assert [n for _, n in listed(client, status="gepubliceerd")] == ["Bos"]
    html = client.get("/kaart/mijn-projecten/").content.decode()
    assert "Van iemand anders" not in html


def test_a_bad_filter_value_is_explained(client, partner):
    client.force_login(partner)
    response = client.get("/kaart/mijn-projecten/", {"status": "%\x00"})
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
