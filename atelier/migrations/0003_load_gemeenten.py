"""Load the 29 IOK municipalities and their boundaries from atelier/data/.

Source: © Statbel, statistische sectoren 1/1/2025, generalised by Provincies in Cijfers
(see atelier/data/README.md). Re-running updates by NIS code.
"""

import json
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data" / "kempen_gemeenten.geojson"


def load(apps, schema_editor):
    Gemeente = apps.get_model("atelier", "Gemeente")
    collection = json.loads(DATA.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        props = feature["properties"]
        geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        if geom.geom_type == "Polygon":
            geom = MultiPolygon(geom, srid=4326)
        Gemeente.objects.update_or_create(
            nis_code=props["nis_code"],
            defaults={"name": props["name"], "slug": slugify(props["name"]), "geom": geom},
        )


def unload(apps, schema_editor):
    apps.get_model("atelier", "Gemeente").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("atelier", "0002_pages")]
    operations = [migrations.RunPython(load, unload)]
