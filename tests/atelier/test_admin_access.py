"""Partners and experts enter Wagtail's admin to review model documents; Wagtail's
generic views (choosers, reports, its admin API) must not show them what they may not
see elsewhere (issue 7, item 3)."""

import json

import pytest
from django.urls import reverse

from kempenkaart import services
from kempenkaart.models import Project
from tests.atelier.factories import image_file
from tests.kempenkaart.factories import ProjectFactory, inside
from tests.modeldocumenten.factories import document_file, library, model_document

pytestmark = pytest.mark.django_db

REVIEWERS = ["partner", "expert"]
STAFF = ["iok_medewerker", "beheerder", "superuser"]


@pytest.fixture
def hidden_project(gemeente_medewerker, turnhout):
    """An official's project that waits for IOK, with its log entry."""
    gemeente_medewerker.first_name = "Ambtenaar"
    gemeente_medewerker.last_name = "Vertrouwelijk"
    gemeente_medewerker.save()
    project = Project(
        title="Geheim woonerf",
        fase="idee",
        locatie=inside("turnhout"),
        gemeente=turnhout,
    )
    return services.project_submit(project=project, user=gemeente_medewerker)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("role", REVIEWERS)
@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        "/admin/reports/site-history/?export=csv",
    ],
)
def test_reviewers_do_not_get_the_site_history(
    client, request, role, url, hidden_project
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url)
    assert response.status_code == 403
    assert "Geheim woonerf" not in body(response)


@pytest.mark.parametrize("role", STAFF)
def test_staff_get_the_site_history_and_its_export(
    client, request, role, hidden_project
):
    client.force_login(request.getfixturevalue(role))
    assert "Geheim woonerf" in body(client.get("/admin/reports/site-history/"))
    export = client.get("/admin/reports/site-history/?export=csv")
    assert export.status_code == 200
    assert "Geheim woonerf" in body(export)


@pytest.mark.parametrize("role", REVIEWERS)
def test_reviewers_do_not_browse_the_project_chooser(
    client, request, role, hidden_project
):
    ProjectFactory(title="Gepubliceerd speelbos")
    client.force_login(request.getfixturevalue(role))
    base = "/admin/snippets/choose/kempenkaart/project/"
    for url in (
        base,
        base + "results/",
        f"{base}chosen/{hidden_project.pk}/",
        f"{base}chosen-multiple/?id={hidden_project.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Geheim woonerf" not in body(response)


def test_staff_choose_every_project(client, iok_medewerker, hidden_project):
    client.force_login(iok_medewerker)
    base = "/admin/snippets/choose/kempenkaart/project/"
    assert "Geheim woonerf" in body(client.get(base))
    assert "Geheim woonerf" in body(client.get(f"{base}chosen/{hidden_project.pk}/"))


@pytest.mark.parametrize("role", REVIEWERS)
def test_reviewers_do_not_use_the_choosers_of_back_office_data(client, request, role):
    client.force_login(request.getfixturevalue(role))
    for model in (
        "atelier/organisatie",
        "atelier/gemeente",
        "atelier/thema",
        "kempenkaart/instrument",
        "modeldocumenten/documentsoort",
        "modeldocumenten/doelgroep",
    ):
        url = f"/admin/snippets/choose/{model}/"
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", REVIEWERS)
def test_reviewers_do_not_get_the_page_chooser(client, request, role):
    concept = model_document("Concept parkeerreglement", live=False)
    client.force_login(request.getfixturevalue(role))
    for url in (
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[library().pk]),
        reverse("wagtailadmin_choose_page_child", args=[concept.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Concept",
        reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={concept.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Concept parkeerreglement" not in body(response)


def test_editors_choose_draft_pages_too(client, iok_medewerker):
    model_document("Concept parkeerreglement", live=False)
    client.force_login(iok_medewerker)
    url = reverse("wagtailadmin_choose_page_child", args=[library().pk])
    assert "Concept parkeerreglement" in body(client.get(url))


@pytest.mark.parametrize("role", REVIEWERS)
def test_reviewers_cannot_read_page_titles_through_the_move_confirmation(
    client, request, role
):
    concept = model_document("Concept parkeerreglement", live=False)
    client.force_login(request.getfixturevalue(role))
    url = reverse("wagtailadmin_pages:move_confirm", args=[concept.pk, library().pk])
    response = client.get(url)
    assert response.status_code == 403
    assert "Concept parkeerreglement" not in body(response)


def admin_api(client, kind, suffix=""):
    response = client.get(f"/admin/api/main/{kind}/{suffix}")
    return response.status_code, body(response)


@pytest.mark.parametrize("role", REVIEWERS)
def test_the_admin_api_lists_no_files_to_reviewers(client, request, role, partner):
    document = document_file("vertrouwelijk-verslag.pdf", b"%PDF-1.4 x")
    image = image_file("Vertrouwelijke schets", uploaded_by=partner)
    client.force_login(request.getfixturevalue(role))
    for kind, obj, title in (
        ("documents", document, "vertrouwelijk-verslag"),
        ("images", image, "Vertrouwelijke schets"),
    ):
        status, listing = admin_api(client, kind)
        assert status == 200
        assert json.loads(listing)["items"] == []
        assert admin_api(client, kind, f"{obj.pk}/")[0] == 404
        assert title not in admin_api(client, kind, f"find/?id={obj.pk}")[1]


def test_the_admin_api_lists_the_files_staff_may_choose(client, iok_medewerker):
    document = document_file("verslag.pdf", b"%PDF-1.4 x")
    image = image_file("Schets")
    client.force_login(iok_medewerker)
    documents = json.loads(admin_api(client, "documents")[1])["items"]
    images = json.loads(admin_api(client, "images")[1])["items"]
    assert [d["id"] for d in documents] == [document.pk]
    assert [i["id"] for i in images] == [image.pk]
    assert admin_api(client, "documents", f"{document.pk}/")[0] == 200
