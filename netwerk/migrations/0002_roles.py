"""Who may do what in the network: IOK staff organise, partners see partner gatherings."""

from django.db import migrations

from atelier import roles

ORGANISE = [
    f"netwerk.{action}_{model}"
    for model in ("bijeenkomst", "genodigde", "inschrijving")
    for action in ("add", "change", "view")
] + ["netwerk.view_partner_bijeenkomst"]


def grant_permissions(apps, schema_editor):
    roles.grant(apps, roles.PARTNER, ["netwerk.view_partner_bijeenkomst"])
    roles.grant(apps, roles.IOK_MEDEWERKER, ORGANISE)
    roles.grant(
        apps,
        roles.BEHEERDER,
        [
            *ORGANISE,
            "netwerk.delete_bijeenkomst",
            "netwerk.delete_genodigde",
            "netwerk.delete_inschrijving",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0001_bijeenkomst"), ("atelier", "0008_unaccent")]
    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
