"""What the demo generators share: Django set-up and writing GeoJSON the way the
loaders read it (one feature per line, coordinates rounded by PostGIS to 6 decimals,
about 10 cm)."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRECISION = 6


def setup_django():
    """Django with the project's settings; the database is only read."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atelier.settings.base")
    import django

    django.setup()


def rounded(geom):
    """`geom` (GEOS, EPSG:4326) as a GeoJSON geometry rounded by PostGIS, and the
    GEOS geometry read back from it (check that one: rounding can break validity)."""
    from django.contrib.gis.geos import GEOSGeometry
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsGeoJSON(ST_GeomFromEWKT(%s), %s)", [geom.ewkt, PRECISION]
        )
        text = cursor.fetchone()[0]
    return json.loads(text), GEOSGeometry(text, srid=4326)


def write_features(path, features):
    """A FeatureCollection with one feature per line, so diffs stay readable.
    `features`: (properties, GeoJSON geometry as a dict)."""
    lines = [
        json.dumps(
            {"type": "Feature", "properties": properties, "geometry": geometry},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for properties, geometry in features
    ]
    Path(path).write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )
