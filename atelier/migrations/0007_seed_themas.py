"""The shared themes, from the KRAK seed document ("natuur en landschap, architectuur,
erfgoed, woonkwaliteit, duurzaamheid, zorg, gezondheid, mobiliteit, participatie"), plus
kernversterking and open ruimte; and who may manage them."""

from django.db import migrations
from django.utils.text import slugify

from atelier import roles

THEMAS = [
    "Natuur en landschap",
    "Architectuur",
    "Erfgoed",
    "Woonkwaliteit",
    "Duurzaamheid",
    "Zorg",
    "Gezondheid",
    "Mobiliteit",
    "Participatie",
    "Kernversterking",
    "Open ruimte",
]


def seed(apps, schema_editor):
    Thema = apps.get_model("atelier", "Thema")
    for name in THEMAS:
        Thema.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    perms = ["atelier.add_thema", "atelier.change_thema", "atelier.view_thema"]
    roles.grant(apps, roles.IOK_MEDEWERKER, perms)
    roles.grant(apps, roles.BEHEERDER, [*perms, "atelier.delete_thema"])


def unseed(apps, schema_editor):
    apps.get_model("atelier", "Thema").objects.filter(
        slug__in=[slugify(n) for n in THEMAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("atelier", "0006_thema")]
    operations = [migrations.RunPython(seed, unseed)]
