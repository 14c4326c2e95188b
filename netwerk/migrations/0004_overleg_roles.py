"""Who may do what in consultations, activities and tailored support: partners and
invited experts take part in consultations, officials ask for tailored support, IOK
staff manage all of it."""

from django.db import migrations

from atelier import roles

MODELS = (
    "overlegreeks",
    "overleg",
    "agendapunt",
    "besluit",
    "actiepunt",
    "activiteit",
    "maatwerkvraag",
    "maatwerkbijlage",
    "maatwerknotitie",
)
MANAGE = [
    f"netwerk.{action}_{model}"
    for model in MODELS
    for action in ("add", "change", "view")
] + ["netwerk.deelnemen_overleg"]


def grant_permissions(apps, schema_editor):
    roles.grant(apps, roles.PARTNER, ["netwerk.deelnemen_overleg"])
    roles.grant(apps, roles.KWALITEITSKAMER_LID, ["netwerk.deelnemen_overleg"])
    roles.grant(apps, roles.GEMEENTE_MEDEWERKER, ["netwerk.vragen_maatwerk"])
    roles.grant(apps, roles.IOK_MEDEWERKER, MANAGE)
    roles.grant(
        apps,
        roles.BEHEERDER,
        [*MANAGE, *(f"netwerk.delete_{model}" for model in MODELS)],
    )


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0003_overleg_models")]
    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
