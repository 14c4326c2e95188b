"""The kinds of model documents and their audiences; who manages them."""

from django.db import migrations
from django.utils.text import slugify

from atelier import roles

SOORTEN = [
    "Verordening",
    "Reglement",
    "Bestek",
    "Checklist",
    "Visienota",
    "Sjabloon",
    "Modelbesluit",
    "Handleiding",
]
DOELGROEPEN = [
    "Gemeentebestuur",
    "Omgevingsambtenaar",
    "Ontwerpers en architecten",
    "Burgers en verenigingen",
]


def seed(apps, schema_editor):
    DocumentSoort = apps.get_model("modeldocumenten", "DocumentSoort")
    Doelgroep = apps.get_model("modeldocumenten", "Doelgroep")
    for name in SOORTEN:
        DocumentSoort.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name in DOELGROEPEN:
        Doelgroep.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    perms = [
        f"modeldocumenten.{action}_{model}"
        for model in ("documentsoort", "doelgroep")
        for action in ("add", "change", "view")
    ]
    roles.grant(apps, roles.IOK_MEDEWERKER, perms)
    roles.grant(apps, roles.BEHEERDER, perms)


class Migration(migrations.Migration):
    dependencies = [("modeldocumenten", "0001_initial"), ("atelier", "0007_seed_themas")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
