"""Draw the geometry and images of the Kempenkaart demo (kempenkaart/demo/) for the
records of instrumenten.yaml and projecten.yaml that have none yet:

- an instrument's area (instrumenten.geojson): the whole territory for plans that
  cover it (beleidsplan, structuurplan, verordening), a strip along a street for
  rooilijn- and onteigeningsplannen, an irregular shape elsewhere; across the shared
  border when it lists several municipalities; always 2 m inside them;
- a project's location (projecten.geojson) well inside its municipality and, for
  some, an outline around it (projecten-omtrek.geojson);
- the illustration (a small JPEG: sky, field, trees, houses, a path) of every entry
  under `afbeeldingen` whose file is missing.

Geometry and images are drawn from a random generator seeded with the record's slug,
so a run gives the same result; existing features and files are kept (`--all` draws
everything again, which changes every shape). Coordinates are rounded by PostGIS to
6 decimals and checked again after rounding.

Dev tooling: needs Pillow and a migrated database, which it only reads (the
municipal boundaries):

    DATABASE_URL=postgis://postgres@127.0.0.1:5432/atelier \\
        .venv/bin/python scripts/demo/generate_kempenkaart.py [--all]

The committed files were drawn once by the demo loader of commit b3a63d0 (random
generator seeded 2026) and exported; see kempenkaart/demo/SOURCE.md.
"""

import argparse
import functools
import json
import math
import random
import sys
from io import BytesIO

import yaml
from demofiles import rounded, setup_django, write_features
from PIL import Image, ImageDraw

setup_django()

from django.conf import settings  # noqa: E402
from django.contrib.gis.gdal import CoordTransform, SpatialReference  # noqa: E402
from django.contrib.gis.geos import (  # noqa: E402
    LineString,
    MultiPolygon,
    Point,
    Polygon,
)
from django.core.exceptions import ValidationError  # noqa: E402

from atelier.models import Gemeente  # noqa: E402
from kempenkaart.demo import DEMO  # noqa: E402
from kempenkaart.services import as_multipolygon, validate_geometry  # noqa: E402

SEED = 2026
METRIC = settings.METRIC_SRID  # Lambert 72: shapes are drawn in metres
EDGE = 2  # metres kept free from a municipal border, so nothing merely touches it

WHOLE_TERRITORY = {"beleidsplan-ruimte", "structuurplan", "verordening"}
ALONG_A_STREET = {"rooilijnplan", "onteigeningsplan"}
RADIUS = {  # metres, of the area drawn for one municipality
    "gemeentelijk-rup": (80, 600),
    "bpa": (60, 400),
    "andere": (500, 800),
}
# Projects on these themes more often have an outline and show more trees.
AREA_THEMAS = {"kernversterking", "natuur-en-landschap", "open-ruimte"}
GREEN_THEMAS = {"natuur-en-landschap", "open-ruimte"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="draw everything again")
    args = parser.parse_args()
    areas = Areas()
    drawn = instruments(areas, redraw=args.all)
    drawn += projects(areas, redraw=args.all)
    drawn += images(redraw=args.all)
    print(f"{drawn} geometrie(ën) en afbeelding(en) getekend")
    return 0


def load_yaml(name):
    return yaml.safe_load((DEMO.path / name).read_text(encoding="utf-8"))


def existing(name):
    path = DEMO.path / name
    if not path.exists():
        return {}
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["slug"]: f for f in collection["features"]}


def instruments(areas, *, redraw):
    records = load_yaml("instrumenten.yaml")["instrumenten"]
    features = {} if redraw else existing("instrumenten.geojson")
    out, drawn = [], 0
    for record in records:
        slug = record["slug"]
        if slug in features:
            feature = features[slug]
        else:
            rng = random.Random(f"{SEED}:{slug}")
            geom = instrument_area(rng, areas, record["soort"], record["gemeenten"])
            feature = {"geometry": checked(geom, slug)}
            drawn += 1
        out.append(({"slug": slug, "name": record["name"]}, feature["geometry"]))
    write_features(DEMO.path / "instrumenten.geojson", out)
    return drawn


def projects(areas, *, redraw):
    records = load_yaml("projecten.yaml")["projecten"]
    points = {} if redraw else existing("projecten.geojson")
    outlines = {} if redraw else existing("projecten-omtrek.geojson")
    out_points, out_outlines, drawn = [], [], 0
    for record in records:
        slug, gemeente = record["slug"], record["gemeente"]
        properties = {"slug": slug, "title": record["title"]}
        if slug in points:
            out_points.append((properties, points[slug]["geometry"]))
            if slug in outlines:
                out_outlines.append((properties, outlines[slug]["geometry"]))
            continue
        rng = random.Random(f"{SEED}:{slug}")
        point = areas.random_point(rng, gemeente)
        geometry, locatie = rounded(to_wgs84(point))
        if not areas.gemeenten[gemeente].geom.contains(locatie):
            raise SystemExit(f"{slug}: de locatie ligt niet in {gemeente}")
        out_points.append((properties, geometry))
        themas = set(record.get("themas") or [])
        if rng.random() < (0.6 if themas & AREA_THEMAS else 0.25):
            omtrek = clip(
                blob(rng, point, rng.uniform(40, 250)), areas.inner([gemeente])
            )
            if omtrek is not None and is_valid_place(omtrek):
                out_outlines.append((properties, checked(omtrek, slug)))
        drawn += 1
    write_features(DEMO.path / "projecten.geojson", out_points)
    write_features(DEMO.path / "projecten-omtrek.geojson", out_outlines)
    return drawn


def images(*, redraw):
    drawn = 0
    for record in load_yaml("projecten.yaml")["projecten"]:
        green = bool(set(record.get("themas") or []) & GREEN_THEMAS)
        for number, afbeelding in enumerate(record.get("afbeeldingen") or []):
            path = DEMO.path / afbeelding["file"]
            if path.exists() and not redraw:
                continue
            rng = random.Random(f"{SEED}:{record['slug']}:{number}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(illustration(rng, green=green))
            drawn += 1
    return drawn


# --- shapes ---------------------------------------------------------------------


def instrument_area(rng, areas, soort, gemeenten):
    inner = areas.inner(gemeenten)
    if soort in WHOLE_TERRITORY:
        return to_multipolygon(inner)
    for _ in range(50):
        if len(gemeenten) > 1:
            center = areas.shared_border_point(rng, gemeenten)
            radius = rng.uniform(
                *((900, 1400) if len(gemeenten) == 2 else (1500, 2200))
            )
            shape = blob(rng, center, radius)
        elif soort in ALONG_A_STREET:
            center = areas.random_point(rng, gemeenten[0])
            width = (
                rng.uniform(16, 24) if soort == "rooilijnplan" else rng.uniform(25, 40)
            )
            shape = strip(rng, center, rng.uniform(200, 700), width)
        else:
            center = areas.random_point(rng, gemeenten[0])
            shape = blob(rng, center, rng.uniform(*RADIUS.get(soort, (80, 600))))
        geom = clip(shape, inner)
        if geom is not None and is_valid_place(geom):
            return geom
    raise SystemExit(f"Geen geldig gebied gevonden in {', '.join(gemeenten)}.")


class Areas:
    """The municipalities in Lambert 72, shrunk by EDGE metres, cached per run."""

    def __init__(self):
        self.gemeenten = {g.name: g for g in Gemeente.objects.all()}
        self._metric = {}
        self._inner = {}
        self._core = {}

    def metric(self, name):
        if name not in self._metric:
            self._metric[name] = to_metric(self.gemeenten[name].geom)
        return self._metric[name]

    def inner(self, names):
        key = tuple(sorted(names))
        if key not in self._inner:
            area = self.metric(key[0])
            for name in key[1:]:
                area = area.union(self.metric(name))
            self._inner[key] = area.buffer(-EDGE)
        return self._inner[key]

    def random_point(self, rng, name):
        """A point well inside the municipality (its largest part)."""
        if name not in self._core:
            largest = max(polygons(self.metric(name)), key=lambda p: p.area)
            self._core[name] = (largest, largest.buffer(-100).prepared)
        largest, core = self._core[name]
        xmin, ymin, xmax, ymax = largest.extent
        for _ in range(200):
            point = Point(rng.uniform(xmin, xmax), rng.uniform(ymin, ymax), srid=METRIC)
            if core.contains(point):
                return point
        return largest.point_on_surface

    def shared_border_point(self, rng, names):
        """A point on the border of the first two, nearest the third if any."""
        first, second, *rest = (self.metric(name) for name in names)
        points = vertices(first.intersection(second))
        if not points:
            return self.random_point(rng, names[0])
        if rest:
            points.sort(key=lambda xy: rest[0].distance(Point(xy, srid=METRIC)))
            xy = points[rng.randint(0, min(3, len(points) - 1))]
        else:
            xy = rng.choice(points)
        return Point(xy, srid=METRIC)


@functools.cache
def transformation(source, target):
    """Built once: a SpatialReference costs a look-up in the PROJ database."""
    return CoordTransform(SpatialReference(source), SpatialReference(target))


def to_metric(geom):
    return geom.transform(transformation(4326, METRIC), clone=True)


def to_wgs84(geom):
    return geom.transform(transformation(METRIC, 4326), clone=True)


def blob(rng, center, radius):
    """An irregular star-shaped polygon (so always simple) around `center`."""
    n = rng.randint(7, 13)
    step = 2 * math.pi / n
    ring = []
    for i in range(n):
        angle = (i + rng.uniform(-0.3, 0.3)) * step
        r = radius * rng.uniform(0.55, 1.0)
        ring.append((center.x + r * math.cos(angle), center.y + r * math.sin(angle)))
    return Polygon([*ring, ring[0]], srid=METRIC)


def strip(rng, center, length, width):
    """A strip along a slightly bending street through `center`."""
    angle, bend, half = rng.uniform(0, math.pi), rng.uniform(-0.4, 0.4), length / 2
    line = LineString(
        [
            (center.x - half * math.cos(angle), center.y - half * math.sin(angle)),
            (center.x, center.y),
            (
                center.x + half * math.cos(angle + bend),
                center.y + half * math.sin(angle + bend),
            ),
        ],
        srid=METRIC,
    )
    return line.buffer(width / 2, quadsegs=2)


def clip(shape, inner):
    """`shape` within `inner`, as a valid MultiPolygon in EPSG:4326 (or None)."""
    return to_multipolygon(shape.intersection(inner))


def to_multipolygon(geom):
    parts = [p for p in polygons(geom) if p.area > 25]
    if not parts:
        return None
    multi = MultiPolygon(parts, srid=METRIC)
    if not multi.valid:
        multi = as_multipolygon(multi.buffer(0))
    multi = to_wgs84(multi)
    if not multi.valid:
        multi = as_multipolygon(multi.buffer(0))
    return multi


def is_valid_place(geom):
    try:
        validate_geometry(geom, label="gebied")
    except ValidationError:
        return False
    return isinstance(geom, MultiPolygon)


def checked(geom, slug):
    """The rounded GeoJSON of `geom`, refused when rounding broke it."""
    if geom is None:
        raise SystemExit(f"{slug}: geen gebied")
    geometry, back = rounded(geom)
    if not is_valid_place(as_multipolygon(back)):
        raise SystemExit(f"{slug}: het afgeronde gebied is ongeldig")
    return geometry


def polygons(geom):
    if geom.empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in {"MultiPolygon", "GeometryCollection"}:
        return [p for part in geom for p in polygons(part)]
    return []


def vertices(geom):
    if geom.empty:
        return []
    if geom.geom_type == "Point":
        return [geom.coords]
    if geom.geom_type in {"LineString", "LinearRing"}:
        return list(geom.coords)
    return [xy for part in geom for xy in vertices(part)]


# --- images ---------------------------------------------------------------------


def illustration(rng, *, green):
    """A small illustrative JPEG: sky, a field, trees, a few houses and a path."""
    width, height = 800, 500
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    horizon = rng.randint(250, 320)
    top = (rng.randint(80, 130), rng.randint(145, 185), rng.randint(210, 240))
    bottom = (228, 236, 244)
    for y in range(horizon):
        t = y / horizon
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    draw.rectangle(
        [0, horizon, width, height],
        fill=(rng.randint(70, 110), rng.randint(140, 170), rng.randint(60, 90)),
    )
    trees = 14 if green else 6
    for _ in range(rng.randint(trees // 2, trees)):
        x, r = rng.randint(0, width), rng.randint(18, 42)
        draw.ellipse(
            [x - r, horizon - 2 * r, x + r, horizon + 4],
            fill=(35, rng.randint(85, 125), 45),
        )
    draw.polygon(
        [(360, height), (470, height), (408, horizon + 20), (398, horizon + 20)],
        fill=(205, 195, 172),
    )
    houses = sorted(
        (horizon + rng.randint(25, 90), rng.randint(30, width - 170))
        for _ in range(rng.randint(1, 2) if green else rng.randint(2, 5))
    )
    for base, x in houses:
        w, h = rng.randint(80, 140), rng.randint(60, 110)
        wall = rng.choice(
            [(176, 92, 66), (196, 160, 120), (232, 226, 214), (125, 72, 52)]
        )
        draw.rectangle([x, base - h, x + w, base], fill=wall)
        ridge = base - h - rng.randint(35, 70)
        draw.polygon(
            [(x - 8, base - h), (x + w // 2, ridge), (x + w + 8, base - h)],
            fill=(68, 60, 62),
        )
        draw.rectangle(
            [x + w // 2 - 8, base - 34, x + w // 2 + 8, base], fill=(70, 50, 40)
        )
        for wx in (x + 10, x + w - 26):
            draw.rectangle(
                [wx, base - h + 12, wx + 16, base - h + 30], fill=(200, 220, 235)
            )
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


if __name__ == "__main__":
    sys.exit(main())
