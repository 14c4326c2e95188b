"""IOK staff and the Beheerder keep the expert pool (in Wagtail's admin)."""

from django.db import migrations

from atelier import roles

POOL = [f"kwaliteitskamer.{a}_expert" for a in ("add", "change", "view")]


def grant_permissions(apps, schema_editor):
    roles.grant(apps, roles.IOK_MEDEWERKER, POOL)
    roles.grant(apps, roles.BEHEERDER, [*POOL, "kwaliteitskamer.delete_expert"])


class Migration(migrations.Migration):
    dependencies = [("kwaliteitskamer", "0002_roles")]
    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
