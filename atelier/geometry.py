"""Geometry that comes from outside: reading it safely, in two dimensions.

Users' geometry (the project form's file and drawn outline, the API) is parsed here in
Python and built into GEOS geometries from its coordinates. GDAL never sees it: GDAL
picks its driver by content, so a file named `plan.geojson` may be a VRT that reads
server files, fetches URLs or queries PostgreSQL; GeoJSON `crs` members make it fetch
URLs; GDAL 3.6 cannot be told to refuse either (see `gis.W001` in settings). Only
three formats are promised, and they are simple enough to read with the standard
library:

- GeoJSON (RFC 7946, plus the old `crs` member when it names an EPSG code we know);
- KML (Placemarks with Point, LineString, Polygon, MultiGeometry); links
  (`NetworkLink`, `href`) are never followed;
- GPX (waypoints; routes and tracks are lines).

XML is read by expat with no DOCTYPE at all: no entities (billion laughs), no external
entities or DTDs (file and network access).

Heights and measures are dropped: a project lies on the map, and Google Earth writes
an altitude into every coordinate.

The staff's import (`kempenkaart.importers`) needs GDAL for GeoPackage and Shapefile;
`open_datasource()` opens only a real GeoJSON, GeoPackage or Shapefile with GDAL's
allowed-driver list, and `gdal_sandbox()` keeps GDAL off the network meanwhile.
"""

import itertools
import json
import math
import os
import re
import struct
from contextlib import contextmanager
from ctypes import (
    CFUNCTYPE,
    Structure,
    c_char_p,
    c_int,
    c_size_t,
    c_void_p,
    sizeof,
)
from pathlib import Path
from xml.etree.ElementTree import TreeBuilder
from xml.parsers import expat

from django.contrib.gis.gdal import DataSource, Driver, GDALException
from django.contrib.gis.gdal.libgdal import lgdal
from django.contrib.gis.gdal.prototypes import ds as gdal_ds
from django.contrib.gis.geos import GEOSException, GEOSGeometry, WKBWriter
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

WGS84 = 4326  # what the portal stores and serves (lon/lat)

# What a user's GeoJSON file may declare as its `crs` (RFC 7946 files have none and
# are WGS84). Anything else is refused, never looked up.
FILE_SRIDS = {
    4326: "WGS84",
    4258: "ETRS89",
    31370: "Lambert 72",
    3812: "Lambert 2008",
}

# Bounds on the work one input may cause (a 2 MB file holds ~100,000 positions).
MAX_POSITIONS = 200_000
MAX_COLLECTION_DEPTH = 8

GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


class GeometryInputError(ValidationError):
    """Why an input is no usable geometry; the message is Dutch, for the user."""


def force_2d(geom):
    """`geom` without heights or measures (the same object when it has none)."""
    if geom is None or not geom.hasz:
        return geom
    writer = WKBWriter()
    writer.outdim = 2
    return GEOSGeometry(writer.write(geom), srid=geom.srid)


# --- validators on model fields -------------------------------------------------
#
# The same checks wherever geometry is saved: the model fields carry them (so the
# Wagtail admin's forms run them), and forms, the API and the importer call
# `validate_geometry` with the same arguments.

MAX_VERTICES = 10_000  # more than any real project or instrument outline needs
# The stored municipal boundaries are generalised (atelier/data/README.md: a few tens
# of metres off the legal line): a shape drawn along the region's edge may cross it
# by this much.
REGION_TOLERANCE = 25  # metres, measured in settings.METRIC_SRID
WITHIN, OVERLAPS = "within", "overlaps"


def region_accepts(geom, *, region=WITHIN, tolerance=REGION_TOLERANCE):
    """Whether the Kempen (the municipalities as stored now: never cached) hold
    `geom`: cover it up to `tolerance` metres (WITHIN) or overlap it (OVERLAPS).
    One query, on the spatial index."""
    from django.conf import settings
    from django.db import connection

    from atelier.models import Gemeente

    table = connection.ops.quote_name(Gemeente._meta.db_table)
    if region == OVERLAPS:
        sql = f"SELECT EXISTS (SELECT 1 FROM {table} WHERE ST_Intersects(geom, %s))"
        params = [geom.ewkb]
    else:
        # Only the municipalities near the shape (a margin in degrees > tolerance).
        sql = (
            "SELECT COALESCE(ST_Covers("
            "ST_Buffer(ST_Transform(ST_Union(geom), %s), %s), ST_Transform(%s, %s)"
            f"), false) FROM {table} WHERE geom && ST_Expand(%s::geometry, 0.01)"
        )
        params = [
            settings.METRIC_SRID,
            tolerance,
            geom.ewkb,
            settings.METRIC_SRID,
            geom.ewkb,
        ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def validate_geometry(
    geom,
    *,
    label,
    region=WITHIN,
    tolerance=REGION_TOLERANCE,
    max_vertices=MAX_VERTICES,
):
    """Refuse what no map should hold, with a Dutch message that names `label`: a
    wrong SRID, heights, an empty or invalid (self-intersecting) geometry, more than
    `max_vertices` vertices, coordinates that are no lon/lat, a place outside the
    Kempen (`region`: WITHIN up to `tolerance` metres, OVERLAPS, or None)."""
    if geom is None:
        return
    if geom.srid not in (None, WGS84):
        raise ValidationError(
            _(
                "%(label)s: verwacht coördinaten in EPSG:4326 (lengte/breedte), "
                "kreeg EPSG:%(srid)s."
            )
            % {"label": label, "srid": geom.srid},
            code="srid",
        )
    if geom.empty:
        raise ValidationError(_("%(label)s is leeg.") % {"label": label}, code="empty")
    if geom.hasz:
        raise ValidationError(
            _("%(label)s heeft hoogtes; alleen tweedimensionale geometrie kan.")
            % {"label": label},
            code="3d",
        )
    if geom.num_coords > max_vertices:
        raise ValidationError(
            _("%(label)s heeft %(n)s hoekpunten; meer dan %(max)s is niet toegelaten.")
            % {"label": label, "n": geom.num_coords, "max": max_vertices},
            code="vertices",
        )
    west, south, east, north = geom.extent
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValidationError(
            _("%(label)s: de coördinaten zijn geen lengte/breedte (EPSG:4326).")
            % {"label": label},
            code="srid",
        )
    if not geom.valid:
        raise ValidationError(
            _("%(label)s is geen geldige geometrie (%(reason)s).")
            % {"label": label, "reason": geom.valid_reason},
            code="invalid",
        )
    if region is None:
        return
    if geom.srid is None:
        geom = geom.clone()
        geom.srid = WGS84
    if not region_accepts(geom, region=region, tolerance=tolerance):
        message = (
            _("%(label)s ligt buiten de Kempen.")
            if region == OVERLAPS
            else _("%(label)s ligt (deels) buiten de Kempen.")
        )
        raise ValidationError(message % {"label": label}, code="region")


@deconstructible
class GeometryValidator:
    """`validate_geometry` as a model field's validator: `label` names the field in
    the message (`GeometryValidator(_("Het gebied"), region=OVERLAPS)`)."""

    def __init__(self, label, *, region=WITHIN, max_vertices=MAX_VERTICES):
        self.label = label
        self.region = region
        self.max_vertices = max_vertices

    def __call__(self, geom):
        validate_geometry(
            geom,
            label=self.label,
            region=self.region,
            max_vertices=self.max_vertices,
        )

    def __eq__(self, other):
        return isinstance(other, GeometryValidator) and (
            (str(self.label), self.region, self.max_vertices)
            == (str(other.label), other.region, other.max_vertices)
        )


# --- GeoJSON --------------------------------------------------------------------


def _refuse_constant(name):
    raise GeometryInputError(_("%(value)s is geen getal.") % {"value": name})


def load_json(text):
    """Parsed JSON; a `GeometryInputError` for what is none (NaN and Infinity
    included, nesting deeper than Python's recursion limit, undecodable bytes)."""
    try:
        if isinstance(text, bytes | bytearray | memoryview):
            text = bytes(text).decode("utf-8-sig")
        return json.loads(text, parse_constant=_refuse_constant)
    except UnicodeDecodeError as error:
        raise GeometryInputError(_("De tekst is geen UTF-8.")) from error
    except RecursionError as error:
        raise GeometryInputError(_("De JSON is te diep genest.")) from error
    except (ValueError, TypeError) as error:
        raise GeometryInputError(_("Dit is geen geldige JSON.")) from error


_EPSG_NAME = re.compile(
    r"(?:EPSG:|urn:ogc:def:crs:EPSG:[0-9.]*:)([0-9]{1,6})\Z", re.IGNORECASE
)
_CRS84_NAME = re.compile(r"(?:urn:ogc:def:crs:OGC:(?:1\.3)?:)?CRS84\Z", re.IGNORECASE)


def crs_srid(crs):
    """The EPSG code a GeoJSON `crs` member names, or a `GeometryInputError`: only a
    name (`EPSG:31370`, `urn:ogc:def:crs:EPSG::31370`, `…:OGC:1.3:CRS84`) or the
    old `{"type": "EPSG", "properties": {"code": 31370}}` is understood; links, URLs
    and file names are refused without being looked at."""
    if crs is None:
        return WGS84
    refused = GeometryInputError(
        _(
            "Het coördinatenstelsel (crs) van de GeoJSON wordt niet ondersteund: "
            "geef een EPSG-code of laat het weg (WGS84)."
        )
    )
    if not isinstance(crs, dict) or not isinstance(crs.get("properties"), dict):
        raise refused
    kind, properties = crs.get("type"), crs["properties"]
    if kind == "name" and isinstance(properties.get("name"), str):
        name = properties["name"].strip()
        if _CRS84_NAME.match(name):
            return WGS84
        match = _EPSG_NAME.match(name)
        if match:
            return int(match.group(1))
    if kind == "EPSG":
        code = properties.get("code")
        if isinstance(code, int) and not isinstance(code, bool) and 0 < code < 10**6:
            return code
    raise refused


def check_geojson_crs(data):
    """Refuse any `crs` member anywhere in parsed GeoJSON that `crs_srid()` does not
    understand (GDAL reads them on the collection, features and geometries, and
    compares member names case-insensitively up to a NUL byte). Returns the set of
    EPSG codes named."""
    srids = set()
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            for key, member in value.items():
                name = key.split("\0", 1)[0].lower()
                if name == "crs":
                    srids.add(crs_srid(member))
                elif name not in ("coordinates", "properties"):  # GDAL reads none
                    pending.append(member)
        elif isinstance(value, list):
            pending.extend(value)
    return srids


# Well-known binary (little-endian) geometry types: the reader writes WKB and GEOS
# reads it in one call (Django's coordinate-by-coordinate constructors take seconds
# for the 100,000 positions a 2 MB file may hold).
WKB_TYPES = dict(zip(GEOMETRY_TYPES, (1, 4, 2, 5, 3, 6, 7), strict=True))


def _wkb(kind, body):
    return struct.pack("<BI", 1, WKB_TYPES[kind]) + body


def _wkb_parts(kind, parts):
    return _wkb(kind, struct.pack("<I", len(parts)) + b"".join(parts))


def _wkb_coordinates(coords):
    return struct.pack(
        f"<I{2 * len(coords)}d", len(coords), *itertools.chain.from_iterable(coords)
    )


NUMBER_TYPES = (int, float)


class _Reader:
    """Checks coordinates and writes them as 2-D WKB; `geos()` makes the GEOS
    geometry, in `srid`. Counts positions against MAX_POSITIONS."""

    def __init__(self, srid):
        self.srid = srid
        self.positions = 0

    def geos(self, wkb):
        try:
            return GEOSGeometry(memoryview(wkb), srid=self.srid)
        except GEOSException as error:  # e.g. a ring that crosses nothing: no area
            raise GeometryInputError(
                _("De coördinaten vormen geen geometrie.")
            ) from error

    def position(self, value):
        """(x, y) from a GeoJSON position `[x, y, …]`; a height or measure is
        dropped. (Exact type checks: `True` is no coordinate.)"""
        if (
            type(value) is not list
            or len(value) < 2
            or type(value[0]) not in NUMBER_TYPES
            or type(value[1]) not in NUMBER_TYPES
        ):
            raise GeometryInputError(
                _("Een positie moet uit twee getallen bestaan (lengte, breedte).")
            )
        self.positions += 1
        if self.positions > MAX_POSITIONS:
            raise GeometryInputError(
                _("Meer dan %(max)s posities: te groot.") % {"max": MAX_POSITIONS}
            )
        try:
            x, y = float(value[0]), float(value[1])
        except OverflowError as error:
            raise GeometryInputError(_("Een coördinaat is te groot.")) from error
        if not (math.isfinite(x) and math.isfinite(y)):
            raise GeometryInputError(_("Een coördinaat is geen eindig getal."))
        return (x, y)

    def positions_of(self, value, minimum=1):
        if not isinstance(value, list) or len(value) < minimum:
            raise GeometryInputError(
                _("Verwacht een lijst van minstens %(n)s posities.") % {"n": minimum}
            )
        return [self.position(p) for p in value]

    def ring(self, value, *, close=False):
        coords = self.positions_of(value, minimum=3 if close else 4)
        if coords[0] != coords[-1]:
            if not close:
                raise GeometryInputError(_("Een ring van een vlak is niet gesloten."))
            coords.append(coords[0])
        if len(coords) < 4:
            raise GeometryInputError(_("Een ring van een vlak heeft te weinig punten."))
        return _wkb_coordinates(coords)

    def point(self, value):
        return _wkb("Point", struct.pack("<2d", *self.position(value)))

    def line(self, value):
        return _wkb("LineString", _wkb_coordinates(self.positions_of(value, 2)))

    def polygon(self, rings, *, close=False):
        if not isinstance(rings, list):
            raise GeometryInputError(_("Een vlak is een lijst van ringen."))
        if not rings:
            raise GeometryInputError(_("Een vlak zonder ringen is leeg."))
        return _wkb_parts("Polygon", [self.ring(r, close=close) for r in rings])

    def parts(self, kind, value, build):
        if not isinstance(value, list):
            raise GeometryInputError(_("De coördinaten moeten een lijst zijn."))
        if not value:
            raise GeometryInputError(_("De geometrie is leeg."))
        return _wkb_parts(kind, [build(part) for part in value])

    def geojson_geometry(self, data, depth=0):
        """The WKB of a GeoJSON geometry object (a dict)."""
        if not isinstance(data, dict):
            raise GeometryInputError(_("Verwacht een GeoJSON-geometrie (een object)."))
        kind = data.get("type")
        if kind not in GEOMETRY_TYPES:
            raise GeometryInputError(
                _("Onbekend geometrietype; verwacht: %(types)s.")
                % {"types": ", ".join(GEOMETRY_TYPES)}
            )
        if kind == "GeometryCollection":
            if depth >= MAX_COLLECTION_DEPTH:
                raise GeometryInputError(_("De geometrie is te diep genest."))
            members = data.get("geometries")
            if not isinstance(members, list) or not members:
                raise GeometryInputError(_("De geometrie is leeg."))
            return _wkb_parts(
                kind, [self.geojson_geometry(m, depth + 1) for m in members]
            )
        coordinates = data.get("coordinates")
        if coordinates == [] or coordinates is None:
            raise GeometryInputError(_("De geometrie is leeg."))
        build = {
            "Point": self.point,
            "LineString": self.line,
            "Polygon": self.polygon,
            "MultiPoint": lambda c: self.parts(kind, c, self.point),
            "MultiLineString": lambda c: self.parts(kind, c, self.line),
            "MultiPolygon": lambda c: self.parts(kind, c, self.polygon),
        }[kind]
        return build(coordinates)


def geometry_from_geojson(data, *, srids=(WGS84,)):
    """A 2-D GEOS geometry in EPSG:4326 from a GeoJSON geometry object (a dict or its
    text). A `crs` member must name one of `srids`; coordinates in another of those
    are transformed to EPSG:4326."""
    if not isinstance(data, dict):
        data = load_json(data)
        if not isinstance(data, dict):
            raise GeometryInputError(_("Verwacht een GeoJSON-geometrie (een object)."))
    (srid,) = _declared_srid(data, srids)
    reader = _Reader(srid)
    return _to_wgs84(reader.geos(reader.geojson_geometry(data)))


def _declared_srid(data, srids):
    declared = check_geojson_crs(data) or {WGS84}
    if len(declared) > 1 or not declared <= set(srids):
        names = ", ".join(f"{FILE_SRIDS.get(s, 'EPSG')} (EPSG:{s})" for s in srids)
        raise GeometryInputError(
            _("Dit coördinatenstelsel (crs) wordt niet ondersteund; gebruik %(names)s.")
            % {"names": names}
        )
    return declared


def _to_wgs84(geom):
    if geom.srid != WGS84:
        try:
            geom.transform(WGS84)  # an EPSG code from FILE_SRIDS: PROJ's own database
        except (GDALException, GEOSException) as error:
            raise GeometryInputError(
                _("De coördinaten kunnen niet omgezet worden naar WGS84.")
            ) from error
        if not all(math.isfinite(n) for n in geom.extent):
            raise GeometryInputError(_("Een coördinaat is geen eindig getal."))
    return geom


def geometries_from_geojson(data, *, srids=tuple(FILE_SRIDS)):
    """The geometries of a GeoJSON document (a FeatureCollection, a Feature or a bare
    geometry), 2-D, in EPSG:4326. Features without geometry are skipped."""
    if not isinstance(data, dict):
        data = load_json(data)
        if not isinstance(data, dict):
            raise GeometryInputError(_("Verwacht een GeoJSON-object."))
    (srid,) = _declared_srid(data, srids)
    reader = _Reader(srid)
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise GeometryInputError(_("Een FeatureCollection zonder features."))
    elif kind == "Feature":
        features = [data]
    else:
        return [_to_wgs84(reader.geos(reader.geojson_geometry(data)))]
    geometries = []
    for feature in features:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise GeometryInputError(_("Een element van features is geen Feature."))
        if feature.get("geometry") is not None:
            wkb = reader.geojson_geometry(feature["geometry"])
            geometries.append(_to_wgs84(reader.geos(wkb)))
    return geometries


# --- XML: KML and GPX -----------------------------------------------------------


class _UnsafeXML(GeometryInputError):
    pass


def parse_xml(data):
    """An ElementTree root from `data` (bytes), read by expat with no DOCTYPE, no
    entity declarations and no external entities at all. Tags are local names (the
    namespace is dropped: KML and GPX come in several versions)."""
    builder = TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*args):
        raise _UnsafeXML(
            _(
                "Het bestand bevat een DOCTYPE of entiteiten; die worden om "
                "veiligheidsredenen niet aanvaard."
            )
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = lambda tag, attrs: builder.start(
        tag.rsplit("}", 1)[-1], {k.rsplit("}", 1)[-1]: v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda tag: builder.end(tag.rsplit("}", 1)[-1])
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(bytes(data), True)
        return builder.close()
    except _UnsafeXML:
        raise
    except (expat.ExpatError, AssertionError, ValueError, LookupError) as error:
        raise GeometryInputError(_("Dit is geen geldige XML.")) from error


_SEPARATED_COMMA = re.compile(r"\s*,\s*")


def _kml_coordinates(element):
    """The positions in a KML `<coordinates>`: `lon,lat[,alt]` tuples separated by
    white space (the altitude is dropped)."""
    text = "".join(element.itertext()) if element is not None else ""
    text = _SEPARATED_COMMA.sub(",", text.strip())
    if not text:
        raise GeometryInputError(_("Een KML-geometrie zonder coördinaten."))
    positions = []
    for item in text.split():
        try:
            positions.append([float(n) for n in item.split(",")])
        except ValueError as error:
            raise GeometryInputError(
                _("Ongeldige KML-coördinaten; verwacht lengte,breedte[,hoogte].")
            ) from error
    return positions


def _child(element, name):
    return next((c for c in element if c.tag == name), None)


KML_GEOMETRIES = ("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry")


def _kml_geometry(reader, element, depth=0):
    tag = element.tag
    if tag == "Point":
        return [reader.point(_kml_coordinates(_child(element, "coordinates"))[0])]
    if tag in ("LineString", "LinearRing"):
        return [reader.line(_kml_coordinates(_child(element, "coordinates")))]
    if tag == "Polygon":
        outer = _child(element, "outerBoundaryIs")
        rings = [outer] + [c for c in element if c.tag == "innerBoundaryIs"]
        coordinates = []
        for boundary in rings:
            if boundary is None:
                raise GeometryInputError(_("Een KML-vlak zonder buitengrens."))
            for ring in boundary:
                if ring.tag == "LinearRing":
                    coordinates.append(_kml_coordinates(_child(ring, "coordinates")))
        return [reader.polygon(coordinates, close=True)]
    if depth >= MAX_COLLECTION_DEPTH:
        raise GeometryInputError(_("De geometrie is te diep genest."))
    parts = []
    for child in element:
        if child.tag in KML_GEOMETRIES:
            parts.extend(_kml_geometry(reader, child, depth + 1))
    return parts


def geometries_from_kml(data):
    """The geometries of the Placemarks in a KML document, 2-D, in EPSG:4326.
    `NetworkLink`s and other links are not followed."""
    root = parse_xml(data)
    if root.tag != "kml":
        raise GeometryInputError(_("Dit is geen KML-bestand."))
    reader = _Reader(WGS84)
    geometries = []
    for placemark in root.iter("Placemark"):
        for child in placemark:
            if child.tag in KML_GEOMETRIES:
                for wkb in _kml_geometry(reader, child):
                    geometries.append(reader.geos(wkb))
    return geometries


def _gpx_position(element):
    try:
        return [float(element.attrib["lon"]), float(element.attrib["lat"])]
    except (KeyError, ValueError) as error:
        raise GeometryInputError(
            _("Een GPX-punt zonder geldige lat en lon.")
        ) from error


def geometries_from_gpx(data):
    """Waypoints (points), routes and tracks (lines) of a GPX document, in EPSG:4326."""
    root = parse_xml(data)
    if root.tag != "gpx":
        raise GeometryInputError(_("Dit is geen GPX-bestand."))
    reader = _Reader(WGS84)

    wkbs = [reader.point(_gpx_position(w)) for w in root.iter("wpt")]
    for route in root.iter("rte"):
        points = [_gpx_position(p) for p in route.iter("rtept")]
        if points:
            wkbs.append(reader.line(points))
    for track in root.iter("trk"):
        for segment in track.iter("trkseg"):
            points = [_gpx_position(p) for p in segment.iter("trkpt")]
            if points:
                wkbs.append(reader.line(points))
    return [reader.geos(wkb) for wkb in wkbs]


# --- files ----------------------------------------------------------------------

FILE_READERS = {
    ".geojson": geometries_from_geojson,
    ".json": geometries_from_geojson,
    ".kml": geometries_from_kml,
    ".gpx": geometries_from_gpx,
}


def geometries_from_file(name, data):
    """The geometries in an uploaded GeoJSON, KML or GPX file (`data`: its bytes),
    chosen by the file name's extension and read as that format only. Collections
    are taken apart: the result holds Points, LineStrings and Polygons, 2-D, in
    EPSG:4326. A `GeometryInputError` says what is wrong."""
    reader = FILE_READERS.get(Path(name).suffix.lower())
    if reader is None:
        raise GeometryInputError(_("Kies een GeoJSON-, GPX- of KML-bestand."))
    return [part for geom in reader(data) for part in _simple_parts(geom)]


def _simple_parts(geom):
    pending, parts = [geom], []
    while pending:
        geom = pending.pop()
        if geom.geom_type in ("Point", "LineString", "Polygon"):
            parts.append(geom)
        else:
            pending.extend(reversed(list(geom)))
    return parts


# --- GDAL for the staff's import ------------------------------------------------

# What `open_datasource()` accepts: extension -> (GDAL driver, content check).
SQLITE_HEADER = b"SQLite format 3\x00"
GEOPACKAGE_IDS = (b"GPKG", b"GP10", b"GP11")
SHAPEFILE_CODE = (9994).to_bytes(4, "big")
SHAPEFILE_VERSION = (1000).to_bytes(4, "little")


def _is_geojson(path):
    with open(path, "rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"{"):
        return False
    try:
        data = load_json(Path(path).read_bytes())
    except GeometryInputError:
        return False
    if not isinstance(data, dict) or data.get("type") not in (
        "FeatureCollection",
        "Feature",
        *GEOMETRY_TYPES,
    ):
        return False
    check_geojson_crs(data)  # GDAL would fetch a linked crs
    return True


def _is_geopackage(path):
    with open(path, "rb") as handle:
        header = handle.read(100)
    return header.startswith(SQLITE_HEADER) and header[68:72] in GEOPACKAGE_IDS


def _is_shapefile(path):
    with open(path, "rb") as handle:
        header = handle.read(100)
    return (
        len(header) == 100
        and header[:4] == SHAPEFILE_CODE
        and header[28:32] == SHAPEFILE_VERSION
    )


VECTOR_FORMATS = {
    ".geojson": ("GeoJSON", _is_geojson),
    ".json": ("GeoJSON", _is_geojson),
    ".gpkg": ("GPKG", _is_geopackage),
    ".shp": ("ESRI Shapefile", _is_shapefile),
}


def open_datasource(path):
    """A GDAL DataSource for a local GeoJSON, GeoPackage or Shapefile, opened with
    that one driver only. Refused (`GeometryInputError`), before GDAL sees anything:
    GDAL's virtual paths (`/vsicurl/…`), connection strings (`PG:…`), directories,
    and files whose content is not what their extension says (a VRT or any other
    XML named `.geojson`, a SQLite database that is no GeoPackage). Open and read it
    inside `gdal_sandbox()`."""
    text = str(path)
    if text.startswith("/vsi") or re.match(r"[A-Za-z][A-Za-z0-9_]*:", text):
        raise GeometryInputError(
            _("Alleen een gewoon bestand op schijf kan ingelezen worden.")
        )
    path = Path(text).resolve()
    if not path.is_file():
        raise GeometryInputError(
            _("Alleen een gewoon bestand op schijf kan ingelezen worden.")
        )
    driver, looks_right = VECTOR_FORMATS.get(path.suffix.lower(), (None, None))
    if driver is None:
        raise GeometryInputError(
            _("Alleen GeoJSON (.geojson), GeoPackage (.gpkg) of Shapefile (.shp).")
        )
    if not looks_right(path):
        raise GeometryInputError(
            _("De inhoud van het bestand is geen %(format)s.") % {"format": driver}
        )
    return open_with_driver(path, driver)


def open_with_driver(path, driver):
    """A GDAL DataSource for `path` opened by `driver` and no other (GDALOpenEx's
    allowed-driver list): a VRT, a connection string or any other format fails."""
    Driver.ensure_registered()
    allowed = (c_char_p * 2)(driver.encode(), None)
    try:
        pointer = gdal_ds.open_ds(
            os.fsencode(path),
            gdal_ds.GDAL_OF_READONLY | gdal_ds.GDAL_OF_VECTOR,
            allowed,
            None,
            None,
        )
    except GDALException as error:
        raise GeometryInputError(
            _("Het bestand kan niet geopend worden als %(format)s.")
            % {"format": driver}
        ) from error
    source = DataSource(pointer, gdal_ds.get_dataset_driver(pointer))
    if source.driver.name != driver:  # cannot happen with the allowed-driver list
        raise GeometryInputError(_("Onverwacht formaat %s.") % source.driver.name)
    return source


class _HTTPResult(Structure):
    """GDAL's CPLHTTPResult (cpl_http.h)."""

    _fields_ = [
        ("nStatus", c_int),
        ("pszContentType", c_void_p),
        ("pszErrBuf", c_void_p),
        ("nDataLen", c_int),
        ("nDataAlloc", c_int),
        ("pabyData", c_void_p),
        ("papszHeaders", c_void_p),
        ("nMimePartCount", c_int),
        ("pasMimePart", c_void_p),
    ]


_FETCH_CALLBACK = CFUNCTYPE(
    c_void_p, c_char_p, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p
)
lgdal.CPLCalloc.argtypes = [c_size_t, c_size_t]
lgdal.CPLCalloc.restype = c_void_p
lgdal.CPLStrdup.argtypes = [c_char_p]
lgdal.CPLStrdup.restype = c_void_p
lgdal.CPLHTTPPushFetchCallback.argtypes = [_FETCH_CALLBACK, c_void_p]
lgdal.CPLHTTPPushFetchCallback.restype = c_int
lgdal.CPLHTTPPopFetchCallback.argtypes = []
lgdal.CPLHTTPPopFetchCallback.restype = c_int
lgdal.CPLGetThreadLocalConfigOption.argtypes = [c_char_p, c_char_p]
lgdal.CPLGetThreadLocalConfigOption.restype = c_char_p
lgdal.CPLSetThreadLocalConfigOption.argtypes = [c_char_p, c_char_p]
lgdal.CPLSetThreadLocalConfigOption.restype = None


@_FETCH_CALLBACK
def _refuse_fetch(url, options, progress, progress_arg, write, write_arg, user_data):
    """Answer every HTTP request GDAL makes with an error, without a connection."""
    result = lgdal.CPLCalloc(1, sizeof(_HTTPResult))
    answer = _HTTPResult.from_address(result)
    answer.nStatus = 1
    answer.pszErrBuf = lgdal.CPLStrdup(b"network access is disabled (atelier)")
    return result


SANDBOX_CONFIG = {
    # /vsicurl/ (and /vsis3/, /vsigs/… built on it) only for this impossible name.
    "CPL_VSIL_CURL_ALLOWED_FILENAME": "/nonexistent/no-network-access",
    # Views and triggers in a GeoPackage may not open other data sources (GDAL's
    # default; stated so that an environment variable cannot turn it on).
    "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": "NO",
    # No .aux.xml files written beside the input.
    "GDAL_PAM_ENABLED": "NO",
}


@contextmanager
def gdal_sandbox():
    """GDAL without network for the current thread: every request through GDAL's HTTP
    layer (linked GeoJSON crs, spatial references from URLs, HTTP data sources) fails
    without a connection, /vsicurl/ refuses every URL, and GeoPackage SQL cannot
    reach other data sources."""
    previous = {
        key: lgdal.CPLGetThreadLocalConfigOption(key.encode(), None)
        for key in SANDBOX_CONFIG
    }
    for key, value in SANDBOX_CONFIG.items():
        lgdal.CPLSetThreadLocalConfigOption(key.encode(), value.encode())
    lgdal.CPLHTTPPushFetchCallback(_refuse_fetch, None)
    try:
        yield
    finally:
        lgdal.CPLHTTPPopFetchCallback()
        for key, value in previous.items():
            lgdal.CPLSetThreadLocalConfigOption(key.encode(), value)
