"""Who may do what in the learning community: IOK staff and the Beheerder manage
trajectories (and alone see evaluations and survey answers); municipal officials and
partners register their organisation, answer the survey and share examples."""

from django.db import migrations

from atelier import roles

PARTICIPATE = ["leergemeenschap.add_inschrijving"]
MANAGE = ["leergemeenschap.manage_traject"] + [
    f"leergemeenschap.{action}_{model}"
    for model in ("traject", "hefboom", "werksessie", "inschrijving", "tool")
    for action in ("add", "change", "view")
]


def grant_permissions(apps, schema_editor):
    roles.grant(apps, roles.GEMEENTE_MEDEWERKER, PARTICIPATE)
    roles.grant(apps, roles.PARTNER, PARTICIPATE)
    roles.grant(apps, roles.IOK_MEDEWERKER, MANAGE)
    roles.grant(apps, roles.BEHEERDER, MANAGE)


class Migration(migrations.Migration):
    dependencies = [("leergemeenschap", "0001_traject")]
    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
