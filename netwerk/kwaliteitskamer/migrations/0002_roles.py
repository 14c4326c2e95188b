"""Who may do what in the kwaliteitskamer: officials book and submit, experts
advise, IOK staff (and the Beheerder) manage everything."""

from django.db import migrations

from atelier import roles

MANAGE = [
    "kwaliteitskamer.manage_kwaliteitskamer",
    "kwaliteitskamer.book_tijdslot",
    "kwaliteitskamer.advise_dossier",
]


def grant_permissions(apps, schema_editor):
    roles.grant(apps, roles.GEMEENTE_MEDEWERKER, ["kwaliteitskamer.book_tijdslot"])
    roles.grant(apps, roles.KWALITEITSKAMER_LID, ["kwaliteitskamer.advise_dossier"])
    roles.grant(apps, roles.IOK_MEDEWERKER, MANAGE)
    roles.grant(apps, roles.BEHEERDER, MANAGE)


class Migration(migrations.Migration):
    dependencies = [
        ("kwaliteitskamer", "0001_zittingen_dossiers_advies"),
        ("netwerk", "0002_roles"),
    ]
    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
