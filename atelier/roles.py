"""The portal's roles, kept as auth groups with permissions.

Anonymous visitors need no group: they see what is public. Every other role is a group,
created and given its permissions in migrations through `grant()`, so that production and
tests have the same rules. Later apps add their permissions to these groups the same way.
"""

GEMEENTE_MEDEWERKER = "Gemeente-medewerker"
PARTNER = "Partner"
KWALITEITSKAMER_LID = "Kwaliteitskamer-lid"
IOK_MEDEWERKER = "IOK-medewerker"
BEHEERDER = "Beheerder"

ALL = [GEMEENTE_MEDEWERKER, PARTNER, KWALITEITSKAMER_LID, IOK_MEDEWERKER, BEHEERDER]


def grant(apps, group_name, permissions):
    """Give `group_name` the permissions named "app_label.codename" (for migrations).

    Model permissions are normally created after all migrations ran; this creates them
    first so that a data migration can hand them out.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for name in permissions:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group
