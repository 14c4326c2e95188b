"""Create the portal's roles as groups, with their permissions."""

from django.db import migrations

from atelier import roles

IOK_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "atelier.add_organisatie",
    "atelier.change_organisatie",
    "atelier.view_organisatie",
    "atelier.view_gemeente",
    "atelier.add_lidmaatschap",
    "atelier.change_lidmaatschap",
    "atelier.delete_lidmaatschap",
    "atelier.view_lidmaatschap",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
BEHEERDER_PERMISSIONS = [
    *IOK_PERMISSIONS,
    "atelier.delete_organisatie",
    "atelier.change_gemeente",
    "atelier.add_user",
    "atelier.change_user",
    "atelier.delete_user",
    "atelier.view_user",
    "auth.add_group",
    "auth.change_group",
    "auth.view_group",
    "wagtaildocs.delete_document",
    "wagtailimages.delete_image",
]
PAGE_PERMISSIONS = {
    roles.IOK_MEDEWERKER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    roles.BEHEERDER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page",
                      "bulk_delete_page"],
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    roles.grant(apps, roles.IOK_MEDEWERKER, IOK_PERMISSIONS)
    roles.grant(apps, roles.BEHEERDER, BEHEERDER_PERMISSIONS)

    home = Page.objects.get(depth=2, slug="home")
    root_collection = Collection.objects.get(depth=1)
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for app_label, model in (("wagtaildocs", "document"), ("wagtailimages", "image")):
            for action in ("add", "change", "choose"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    ),
                )


    # Wagtail's own "Editors" and "Moderators" groups would stand beside these roles:
    # IOK staff take over the default approval task, then the two groups go.
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    iok = Group.objects.get(name=roles.IOK_MEDEWERKER)
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators"):
        task.groups.add(iok)
        task.name = "Goedkeuring door IOK"
        task.save(update_fields=["name"])
    Workflow.objects.filter(name="Moderators approval").update(name="Goedkeuring door IOK")
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=roles.ALL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("atelier", "0004_create_homepage"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
