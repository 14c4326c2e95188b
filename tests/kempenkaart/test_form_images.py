"""The project form keeps the user informed about images (issue 9): the edit form
shows the current images with credit and caption, and after a validation error a
chosen image is asked again by name, not silently dropped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.tests.utils import get_test_image_file

from kempenkaart.models import ProjectAfbeelding
from tests.kempenkaart.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_edit_form_shows_the_current_image(client, partner):
    from wagtail.images import get_image_model

    project = ProjectFactory(ingediend_door=partner)
    image = get_image_model().objects.create(
        title="Plein", file=get_test_image_file(), uploaded_by_user=partner
    )
    ProjectAfbeelding.objects.create(
        project=project, image=image, credit="Foto IOK", caption="Het plein in 2024"
    )
    client.force_login(partner)
    html = client.get(f"/kaart/projecten/{project.slug}/bewerken/").content.decode()
    assert "Het plein in 2024" in html and "© Foto IOK" in html
    assert "<img" in html.split("current-image", 1)[1]
    assert "Nog een afbeelding (optioneel)" in html


def test_an_image_chosen_before_an_error_is_asked_again_by_name(client, partner):
    client.force_login(partner)
    upload = SimpleUploadedFile(
        "plein.png", get_test_image_file().file.getvalue(), content_type="image/png"
    )
    response = client.post(
        "/kaart/projecten/nieuw/",
        {"title": "", "fase": "idee", "afbeelding": upload, "afbeelding_credit": "IOK"},
    )
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with its errors
    assert "Kies de afbeelding “plein.png” opnieuw" in html
