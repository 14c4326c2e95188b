"""Images (originals and renditions under /media/) are served to whom may see them:
an image of a project that waits for publication has a predictable name, but only its
submitter and the staff get it (issue 7, item 7c)."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from atelier.models import HomePage
from kempenkaart import services
from kempenkaart.models import Project, ProjectAfbeelding
from modeldocumenten.models import InspirationIndexPage
from tests.atelier.factories import image_file
from tests.kempenkaart.factories import ProjectFactory, inside

pytestmark = pytest.mark.django_db


def urls(image):
    """The original's URL and a rendition's, as the templates write them."""
    return [image.file.url, image.get_rendition("fill-20x20").url]


def statuses(client, image):
    return [client.get(url).status_code for url in urls(image)]


def submitted_project(user, image):
    project = Project(
        title="Speelbos in wording",
        fase="idee",
        locatie=inside("turnhout"),
        gemeente_id=ProjectFactory.build().gemeente.pk,
    )
    project.afbeeldingen.add(ProjectAfbeelding(image=image, credit="IOK"))
    return services.project_submit(project=project, user=user)


def test_an_image_of_an_unpublished_project_is_for_its_submitter_and_staff(
    client, gemeente_medewerker, partner, expert, iok_medewerker
):
    image = image_file("Speelbos schets", uploaded_by=gemeente_medewerker)
    submitted_project(gemeente_medewerker, image)
    assert image.file.url.startswith("/media/original_images/")
    assert statuses(client, image) == [404, 404]
    for other in (partner, expert):
        client.force_login(other)
        assert statuses(client, image) == [404, 404]
    for allowed in (gemeente_medewerker, iok_medewerker):
        client.force_login(allowed)
        assert statuses(client, image) == [200, 200]


def test_an_image_of_a_published_project_is_public(client, partner):
    project = ProjectFactory()
    image = image_file("Speelbos", uploaded_by=partner)
    ProjectAfbeelding.objects.create(project=project, image=image, credit="IOK")
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert statuses(client, image) == [200, 200]


def test_an_image_added_in_a_waiting_edit_of_a_published_project_is_not_public(
    client, partner, gemeente_medewerker
):
    project = ProjectFactory(ingediend_door=partner)
    image = image_file("Nieuwe foto", uploaded_by=partner)
    draft = project.get_latest_revision_as_object()
    draft.afbeeldingen.add(ProjectAfbeelding(image=image, credit="Partner"))
    services.project_update(project=draft, user=partner)
    assert statuses(client, image) == [404, 404]
    client.force_login(gemeente_medewerker)
    assert statuses(client, image) == [404, 404]
    client.force_login(partner)
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # no shared cache keeps it


def test_an_image_attached_to_nothing_is_for_staff_only(
    client, partner, iok_medewerker
):
    image = image_file("Losse foto", uploaded_by=iok_medewerker)
    assert statuses(client, image) == [404, 404]
    client.force_login(partner)
    assert statuses(client, image) == [404, 404]
    client.force_login(iok_medewerker)
    assert statuses(client, image) == [200, 200]


def test_an_image_of_a_live_page_is_public_and_of_a_draft_page_is_not(client):
    from tests.modeldocumenten.test_inspiration import story

    index = InspirationIndexPage(title="Inspiratie", slug="inspiratie")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()
    shown = image_file("Dorpsplein")
    hidden = image_file("Nog geheim plein")
    block = {"credit": "IOK", "caption": ""}
    story(index, "Pleinen", body=[("image", {**block, "image": shown})])
    draft = story(index, "Later", body=[("image", {**block, "image": hidden})])
    draft.unpublish()
    assert statuses(client, shown) == [200, 200]
    assert statuses(client, hidden) == [404, 404]


def test_an_image_in_a_private_collection_keeps_its_restriction(client, partner):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="login"
    )
    project = ProjectFactory()
    image = image_file("Intern beeld")
    image.collection = collection
    image.save()
    ProjectAfbeelding.objects.create(project=project, image=image, credit="IOK")
    assert statuses(client, image) == [404, 404]
    client.force_login(partner)
    assert statuses(client, image) == [200, 200]


@pytest.mark.parametrize(
    "path",
    [
        "/media/original_images/bestaat-niet.jpg",
        "/media/images/bestaat-niet.fill-20x20.jpg",
        "/media/original_images/../../../etc/passwd",
        "/media/original_images/%2e%2e/%2e%2e/etc/passwd",
        "/media/images/",
    ],
)
def test_unknown_and_crafted_paths_are_not_found(client, iok_medewerker, path):
    client.force_login(iok_medewerker)
    assert client.get(path).status_code == 404
