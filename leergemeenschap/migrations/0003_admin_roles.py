"""IOK staff and the Beheerder edit phases, tools and the survey's themes in the
back office."""

from django.db import migrations

from atelier import roles

EDIT = [
    f"leergemeenschap.{action}_{model}"
    for model in ("fase", "peilingthema", "tool")
    for action in ("add", "change", "view", "delete")
]


def grant_permissions(apps, schema_editor):
    roles.grant(apps, roles.IOK_MEDEWERKER, EDIT)
    roles.grant(apps, roles.BEHEERDER, EDIT)


class Migration(migrations.Migration):
    dependencies = [("leergemeenschap", "0002_roles")]
    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
