"""Who may enter the back offices: every rule with the roles it refuses."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from atelier import roles
from atelier.models import HomePage, Organisatie

pytestmark = pytest.mark.django_db

WAGTAIL_ADMIN = "/admin/"
DJANGO_ADMIN = "/django-admin/"


def test_the_roles_exist_as_groups_and_wagtails_defaults_are_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert names == set(roles.ALL)


def test_wagtail_admin_anonymous_is_sent_to_login(client):
    response = client.get(WAGTAIL_ADMIN)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize("role", ["gemeente_medewerker"])
def test_wagtail_admin_refuses_roles_without_back_office(client, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(WAGTAIL_ADMIN)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize("role", ["iok_medewerker", "beheerder", "partner", "expert"])
def test_wagtail_admin_admits_staff_and_the_reviewers_of_model_documents(
    client, request, role
):
    client.force_login(request.getfixturevalue(role))
    assert client.get(WAGTAIL_ADMIN).status_code == 200


def test_django_admin_is_for_superusers_only(
    client, iok_medewerker, beheerder, superuser
):
    assert client.get(DJANGO_ADMIN).status_code == 302
    for user in (iok_medewerker, beheerder):
        user.is_staff = True  # even staff status is not enough
        user.save()
        client.force_login(user)
        assert client.get(DJANGO_ADMIN).status_code == 302
    client.force_login(superuser)
    assert client.get(DJANGO_ADMIN).status_code == 200


def test_organisaties_back_office_for_iok_not_for_partners(
    client, iok_medewerker, partner
):
    url = reverse("wagtailsnippets_atelier_organisatie:list")
    client.force_login(partner)
    assert client.get(url).status_code == 302
    client.force_login(iok_medewerker)
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("wagtailsnippets_atelier_organisatie:add")).status_code
        == 200
    )


def test_iok_staff_may_not_add_or_delete_municipalities(
    client, iok_medewerker, turnhout
):
    client.force_login(iok_medewerker)
    assert (
        client.get(reverse("wagtailsnippets_atelier_gemeente:list")).status_code == 200
    )
    add = client.get(reverse("wagtailsnippets_atelier_gemeente:add"))
    delete = client.get(
        reverse("wagtailsnippets_atelier_gemeente:delete", args=[turnhout.pk])
    )
    assert add.status_code in (302, 403)
    assert delete.status_code in (302, 403)


def test_iok_staff_edit_pages_but_only_admins_manage_users(
    client, iok_medewerker, beheerder
):
    home = HomePage.objects.get()
    client.force_login(iok_medewerker)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code
        == 200
    )
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302
    client.force_login(beheerder)
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200


def test_role_permissions():
    iok = Group.objects.get(name=roles.IOK_MEDEWERKER)
    codenames = set(iok.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_organisatie", "view_gemeente"} <= codenames
    assert "change_gemeente" not in codenames
    assert "add_user" not in codenames
    official = Group.objects.get(name=roles.GEMEENTE_MEDEWERKER)
    assert "access_admin" not in official.permissions.values_list("codename", flat=True)
    for name in (roles.PARTNER, roles.KWALITEITSKAMER_LID):  # they review documents
        perms = Group.objects.get(name=name).permissions.values_list(
            "codename", flat=True
        )
        assert "access_admin" in perms
        assert not {"add_page", "change_organisatie", "publish_project"} & set(perms)


def organisatie_form(**fields):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    return nested_form_data(
        {
            "name": "Nieuwe partner",
            "slug": "nieuwe-partner",
            "kind": "partner",
            "gemeente": "",
            "website": "",
            "description": rich_text("<p>Werkt mee aan ruimtelijke kwaliteit.</p>"),
            "lidmaatschappen": inline_formset([]),
            **fields,
        }
    )


def test_iok_staff_add_an_organisation_in_the_back_office(client, iok_medewerker):
    client.force_login(iok_medewerker)
    response = client.post(
        reverse("wagtailsnippets_atelier_organisatie:add"), organisatie_form()
    )
    assert response.status_code == 302
    assert Organisatie.objects.filter(slug="nieuwe-partner").exists()


def test_a_gemeente_organisation_without_gemeente_is_refused_with_a_message(
    client, iok_medewerker
):
    client.force_login(iok_medewerker)
    response = client.post(
        reverse("wagtailsnippets_atelier_organisatie:add"),
        organisatie_form(kind="gemeente"),
    )
    assert response.status_code == 200
    assert "Kies een gemeente voor een organisatie van het soort gemeente" in (
        response.content.decode()
    )
    assert not Organisatie.objects.filter(slug="nieuwe-partner").exists()
