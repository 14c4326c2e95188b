import pytest

from .factories import hefboom, traject

pytestmark = pytest.mark.django_db

URLS = [
    "/admin/snippets/leergemeenschap/traject/",
    "/admin/snippets/leergemeenschap/fase/",
    "/admin/snippets/leergemeenschap/hefboom/",
    "/admin/snippets/leergemeenschap/tool/",
    "/admin/snippets/leergemeenschap/peilingthema/",
]


def test_staff_manage_trajectories_in_the_back_office(
    client, iok_medewerker, beheerder
):
    t = traject()
    for user in (iok_medewerker, beheerder):
        client.force_login(user)
        for url in URLS:
            assert client.get(url).status_code == 200, url
    assert t.title in client.get(URLS[0]).content.decode()


@pytest.mark.parametrize("role", ["partner", "expert", "gemeente_medewerker"])
def test_others_do_not(client, request, role):
    traject()
    client.force_login(request.getfixturevalue(role))
    for url in URLS:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Levendige kernen" not in response.content.decode()


def test_a_reserved_slug_is_refused_in_the_back_office(client, iok_medewerker):
    h = hefboom(traject(), 1)
    client.force_login(iok_medewerker)
    url = f"/admin/snippets/leergemeenschap/hefboom/edit/{h.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {
        name: form.initial.get(name) if form.initial.get(name) is not None else ""
        for name in form.fields
    }
    data.update(
        traject=h.traject_id,
        slug="toolbox",
        inschrijven_tot=h.inschrijven_tot.strftime("%Y-%m-%d %H:%M"),
    )
    response = client.post(url, data)
    assert "voorbehouden" in response.content.decode()
    h.refresh_from_db()
    assert h.slug != "toolbox"
