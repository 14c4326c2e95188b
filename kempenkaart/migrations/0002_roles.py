"""Who may do what on the Kempenkaart."""

from django.db import migrations

from atelier import roles

SUBMIT = ["kempenkaart.add_project", "kempenkaart.view_project"]
MODERATE = [
    *SUBMIT,
    "kempenkaart.add_project_any_gemeente",
    "kempenkaart.change_project",
    "kempenkaart.publish_project",
    "kempenkaart.add_instrument",
    "kempenkaart.change_instrument",
    "kempenkaart.view_instrument",
    "kempenkaart.add_procedurestap",
    "kempenkaart.change_procedurestap",
    "kempenkaart.delete_procedurestap",
    "kempenkaart.view_procedurestap",
]


def grant_permissions(apps, schema_editor):
    # Partners add projects anywhere; municipal officials in their own municipality.
    roles.grant(apps, roles.PARTNER, [*SUBMIT, "kempenkaart.add_project_any_gemeente"])
    roles.grant(apps, roles.GEMEENTE_MEDEWERKER, SUBMIT)
    roles.grant(apps, roles.IOK_MEDEWERKER, MODERATE)
    roles.grant(
        apps,
        roles.BEHEERDER,
        [*MODERATE, "kempenkaart.delete_project", "kempenkaart.delete_instrument"],
    )


class Migration(migrations.Migration):
    dependencies = [("kempenkaart", "0001_initial"), ("atelier", "0007_seed_themas")]
    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
