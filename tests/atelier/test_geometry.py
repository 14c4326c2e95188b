"""atelier.geometry: users' geometry read in Python, in 2-D; GDAL only for the staff's
import, on three formats, off the network."""

import json
import sqlite3
from pathlib import Path

import pytest
from django.contrib.gis.gdal import DataSource, GDALException, SpatialReference
from django.contrib.gis.gdal.libgdal import lgdal
from django.contrib.gis.geos import LineString, Point, Polygon

from atelier import geometry
from atelier.geometry import GeometryInputError
from tests.netprobe import Listener

DATA = Path(__file__).resolve().parents[1] / "kempenkaart" / "data"
SQUARE = [[4.93, 51.32], [4.94, 51.32], [4.94, 51.33], [4.93, 51.33], [4.93, 51.32]]


def sample(name, **values):
    text = (DATA / name).read_text()
    for key, value in values.items():
        text = text.replace(f"__{key.upper()}__", str(value))
    return text.encode()


# force_2d


def test_force_2d_drops_the_height_and_keeps_the_srid():
    flat = geometry.force_2d(Polygon([(x, y, 12.0) for x, y in SQUARE], srid=4326))
    assert not flat.hasz
    assert flat.srid == 4326
    assert flat.equals_exact(Polygon(SQUARE), 0)
    point = Point(4.9, 51.3, srid=4326)
    assert geometry.force_2d(point) is point
    assert geometry.force_2d(None) is None


# GeoJSON


def test_geojson_geometries_are_built_in_2d_from_their_coordinates():
    point = geometry.geometry_from_geojson(
        '{"type": "Point", "coordinates": [4.9, 51.3, 12.5, 1.0]}'
    )
    assert point.coords == (4.9, 51.3) and point.srid == 4326
    polygon = geometry.geometry_from_geojson(
        {"type": "Polygon", "coordinates": [[[*p, 3.0] for p in SQUARE]]}
    )
    assert polygon.equals_exact(Polygon(SQUARE), 0) and not polygon.hasz
    collection = geometry.geometry_from_geojson(
        {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "MultiPoint", "coordinates": [[4.9, 51.3], [4.91, 51.31]]},
                {"type": "LineString", "coordinates": SQUARE[:2]},
                {"type": "MultiPolygon", "coordinates": [[SQUARE]]},
            ],
        }
    )
    assert [g.geom_type for g in collection] == [
        "MultiPoint",
        "LineString",
        "MultiPolygon",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
    ],
)
def test_a_crs_naming_wgs84_is_accepted(name):
    geom = geometry.geometry_from_geojson(
        {
            "type": "Point",
            "coordinates": [4.9, 51.3],
            "crs": {"type": "name", "properties": {"name": name}},
        }
    )
    assert geom.coords == (4.9, 51.3)


def test_a_lambert_72_file_is_transformed_but_the_api_takes_wgs84_only():
    here = Point(4.94, 51.32, srid=4326).transform(31370, clone=True)
    lambert = {
        "type": "Point",
        "coordinates": list(here.coords),
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31370"}},
    }
    (point,) = geometry.geometries_from_geojson(lambert)
    assert point.srid == 4326
    assert point.coords == pytest.approx((4.94, 51.32), abs=1e-6)  # 0.1 m
    with pytest.raises(GeometryInputError, match="EPSG:4326"):
        geometry.geometry_from_geojson(lambert)


@pytest.mark.parametrize(
    "crs",
    [
        {"type": "link", "properties": {"href": "{url}/crs", "type": "proj4"}},
        {"type": "url", "properties": {"url": "{url}/crs"}},
        {"type": "name", "properties": {"name": "{url}/crs"}},
        {"type": "name", "properties": {"name": "/etc/passwd"}},
        {"type": "name", "properties": {"name": "EPSG:4326\u0000{url}"}},
        {"type": "name", "properties": {"name": "+proj=longlat +datum=WGS84"}},
        {"type": "EPSG", "properties": {"code": "{url}"}},
        "EPSG:4326",
    ],
)
def test_any_other_crs_is_refused_without_being_looked_up(crs):
    with Listener() as listener:
        crs = json.loads(json.dumps(crs).replace("{url}", listener.url))
        feature = {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Point", "coordinates": [4.9, 51.3], "crs": crs},
        }
        with pytest.raises(GeometryInputError, match="coördinatenstelsel"):
            geometry.geometries_from_geojson(feature)
        with pytest.raises(GeometryInputError, match="coördinatenstelsel"):
            geometry.geometry_from_geojson({**feature["geometry"], "CRS": crs})
        assert listener.connections() == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "Point", "coordinates": [NaN, 51.3]}', "geen getal"),
        ('{"type": "Point", "coordinates": [4.9, Infinity]}', "geen getal"),
        ('{"type": "Point", "coordinates": [1e999, 51.3]}', "eindig"),
        ('{"type": "Point", "coordinates": [1' + "0" * 400 + ", 51.3]}", "te groot"),
        ("[" * 50_000 + "]" * 50_000, "diep genest"),
        (b'{"type": "Point", "coordinates": [4.9, 51.3], "x": "\xff"}', "UTF-8"),
        ('{"type": "Point", "coordinates": [true, false]}', "twee getallen"),
        ('{"type": "Point", "coordinates": ["4.9", "51.3"]}', "twee getallen"),
        ('{"type": "Point", "coordinates": [4.9]}', "twee getallen"),
        ('{"type": "Point", "coordinates": []}', "leeg"),
        ('{"type": "Polygon", "coordinates": [[[4.9, 51.3], [5, 51.3]]]}', "minstens"),
        (json.dumps({"type": "Polygon", "coordinates": [SQUARE[:4]]}), "niet gesloten"),
        ('{"type": "Polygon\\u0000", "coordinates": []}', "Onbekend geometrietype"),
        ('{"type": "Feature", "geometry": null}', "Onbekend geometrietype"),
        ('{"type": "Polygon", "coordinates": {"a": 1}}', "lijst"),
        ("[4.9, 51.3]", "object"),
        ("geen json", "geen geldige JSON"),
    ],
)
def test_what_is_no_geojson_geometry_gets_a_reason(text, message):
    with pytest.raises(GeometryInputError, match=message):
        geometry.geometry_from_geojson(text)


def test_nested_collections_and_huge_inputs_are_bounded():
    nested = {"type": "Point", "coordinates": [4.9, 51.3]}
    for _ in range(geometry.MAX_COLLECTION_DEPTH + 1):
        nested = {"type": "GeometryCollection", "geometries": [nested]}
    with pytest.raises(GeometryInputError, match="diep genest"):
        geometry.geometry_from_geojson(nested)
    many = {
        "type": "MultiPoint",
        "coordinates": [[4.9, 51.3]] * (geometry.MAX_POSITIONS + 1),
    }
    with pytest.raises(GeometryInputError, match="te groot"):
        geometry.geometry_from_geojson(many)


def test_a_feature_collection_gives_the_geometries_of_its_features():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": None},
            {
                "type": "Feature",
                "properties": {"crs": {"type": "link"}},  # a field, not GDAL's crs
                "geometry": {"type": "Point", "coordinates": [4.9, 51.3, 8]},
            },
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            },
        ],
    }
    point, polygon = geometry.geometries_from_geojson(json.dumps(collection))
    assert point.coords == (4.9, 51.3)
    assert polygon.geom_type == "Polygon"


# KML and GPX


def test_a_google_earth_kml_gives_2d_geometry():
    parts = geometry.geometries_from_file(
        "plek.kml", (DATA / "hoogte_google_earth.kml").read_bytes()
    )
    assert [(g.geom_type, g.hasz) for g in parts] == [
        ("Point", False),
        ("Polygon", False),
    ]
    assert parts[0].coords == (4.998614, 51.165936)


@pytest.mark.parametrize(
    "namespace",
    [
        'xmlns="http://www.opengis.net/kml/2.2"',
        'xmlns="http://earth.google.com/kml/2.1"',
        "",
    ],
)
def test_kml_versions_holes_multigeometry_and_sloppy_coordinates(namespace):
    outer = "4.93,51.32 4.94,51.32 4.94,51.33 4.93,51.33"  # not closed: KML tools vary
    inner = "4.934, 51.324, 5  4.936, 51.324, 5 4.936, 51.326, 5 4.934, 51.324, 5"
    kml = f"""<?xml version="1.0" encoding="UTF-8"?>
<kml {namespace}><Document><Folder><Placemark><MultiGeometry>
  <Point><coordinates>
    4.935,51.321,0
  </coordinates></Point>
  <LineString><coordinates>4.93,51.32 4.94,51.33</coordinates></LineString>
  <Polygon>
    <outerBoundaryIs><LinearRing><coordinates>{outer}</coordinates></LinearRing></outerBoundaryIs>
    <innerBoundaryIs><LinearRing><coordinates>{inner}</coordinates></LinearRing></innerBoundaryIs>
  </Polygon>
</MultiGeometry></Placemark></Folder></Document></kml>"""
    point, line, polygon = geometry.geometries_from_file("plek.kml", kml.encode())
    assert point.coords == (4.935, 51.321)
    assert line.equals_exact(LineString((4.93, 51.32), (4.94, 51.33)), 0)
    assert len(polygon) == 2 and polygon.valid and not polygon.hasz


def test_kml_links_are_never_followed():
    with Listener() as listener:
        parts = geometry.geometries_from_file(
            "plek.kml", sample("networklink.kml", poort=listener.port)
        )
        assert listener.connections() == []
    assert [g.coords for g in parts] == [(4.998614, 51.165936)]


@pytest.mark.parametrize(
    ("name", "sample_name"),
    [("plek.kml", "entiteiten.kml"), ("plek.gpx", "externe_entiteit.gpx")],
)
def test_xml_with_a_doctype_is_refused_before_any_entity_is_read(name, sample_name):
    with Listener() as listener:
        content = sample(sample_name, poort=listener.port)
        with pytest.raises(GeometryInputError, match="DOCTYPE"):
            geometry.geometries_from_file(name, content)
        assert listener.connections() == []


@pytest.mark.parametrize(
    "xml",
    [
        '<!DOCTYPE kml SYSTEM "{url}/kml.dtd"><kml/>',
        '<!DOCTYPE kml PUBLIC "-//x//y" "{url}/kml.dtd"><kml/>',
        '<!DOCTYPE kml [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]><kml/>',
        '<!DOCTYPE kml [<!ENTITY x "y">]><kml>&x;</kml>',
    ],
)
def test_external_dtds_and_parameter_entities_are_refused(xml):
    with Listener() as listener:
        with pytest.raises(GeometryInputError, match="DOCTYPE"):
            geometry.parse_xml(xml.replace("{url}", listener.url).encode())
        assert listener.connections() == []


def test_gpx_waypoints_are_points_and_tracks_lines():
    gpx = b"""<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="51.32" lon="4.93"><ele>23.5</ele><name>plek</name></wpt>
  <rte><rtept lat="51.32" lon="4.93"/><rtept lat="51.33" lon="4.94"/></rte>
  <trk><trkseg><trkpt lat="51.32" lon="4.93"/><trkpt lat="51.33" lon="4.94"/></trkseg></trk>
</gpx>"""
    parts = geometry.geometries_from_file("route.gpx", gpx)
    assert [g.geom_type for g in parts] == ["Point", "LineString", "LineString"]
    assert parts[0].coords == (4.93, 51.32)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plek.kml", b"<html>niets</html>", "geen KML"),
        ("plek.gpx", b"<kml/>", "geen GPX"),
        (
            "plek.kml",
            b"<kml><Placemark><Point/></Placemark></kml>",
            "zonder coördinaten",
        ),
        (
            "plek.kml",
            b"<kml><Placemark><Point><coordinates>4,x</coordinates></Point></Placemark></kml>",
            "Ongeldige KML-coördinaten",
        ),
        (
            "plek.kml",
            b"<kml><Placemark><Point><coordinates>nan,51</coordinates></Point></Placemark></kml>",
            "eindig",
        ),
        ("plek.gpx", b'<gpx><wpt lat="51.3"/></gpx>', "lat en lon"),
        ("plek.kml", b"<kml><unclosed></kml>", "geen geldige XML"),
        (
            "plek.kml",
            b'<?xml version="1.0" encoding="klingon"?><kml/>',
            "geen geldige XML",
        ),
        ("plek.shp", b"\x00\x00\x27\x0a", "Kies een GeoJSON"),
    ],
)
def test_broken_files_get_a_reason(name, content, message):
    with pytest.raises(GeometryInputError, match=message):
        geometry.geometries_from_file(name, content)


# GDAL, for the staff's import


@pytest.mark.parametrize(
    "name",
    [
        "instrumenten.geojson",
        "instrumenten_lambert2008.gpkg",
        "instrumenten_lambert72.shp",
    ],
)
def test_the_three_import_formats_open(name):
    with geometry.gdal_sandbox():
        source = geometry.open_datasource(DATA / name)
        assert len(source[0]) > 0


def csv_behind_a_vrt(tmp_path):
    """A VRT named .geojson that reads a CSV on the server (as in the attack)."""
    (tmp_path / "geheim.csv").write_text(
        'wkt,naam\n"POLYGON((4.93 51.32,4.94 51.32,4.94 51.33,4.93 51.32))",geheim\n'
    )
    vrt = tmp_path / "plan.geojson"
    vrt.write_bytes(
        sample("vrt_lokaal_bestand.geojson", bestand=tmp_path / "geheim.csv")
    )
    return vrt


def test_a_vrt_is_refused_by_content_and_by_the_allowed_driver_list(tmp_path):
    vrt = csv_behind_a_vrt(tmp_path)
    assert len(DataSource(str(vrt))[0]) == 1  # what GDAL does when left to choose
    with pytest.raises(GeometryInputError, match="geen GeoJSON"):
        geometry.open_datasource(vrt)
    with pytest.raises(GeometryInputError, match="niet geopend worden als GeoJSON"):
        geometry.open_with_driver(vrt, "GeoJSON")


@pytest.mark.parametrize(
    "path",
    [
        "/vsicurl/http://127.0.0.1:9/plan.geojson",
        "PG:dbname=atelier",
        "/etc",
        "GeoJSON:/x",
    ],
)
def test_gdal_paths_and_connection_strings_are_refused(path):
    with pytest.raises(GeometryInputError, match="gewoon bestand"):
        geometry.open_datasource(path)


def test_files_whose_content_is_not_their_format_are_refused(tmp_path):
    database = tmp_path / "plan.gpkg"
    sqlite3.connect(database).execute("create table t (x)").connection.close()
    fake_shapefile = tmp_path / "plan.shp"
    fake_shapefile.write_bytes(b"<OGRVRTDataSource/>".ljust(100))
    unknown = tmp_path / "plan.vrt"
    unknown.write_text("<OGRVRTDataSource/>")
    with pytest.raises(GeometryInputError, match="geen GPKG"):
        geometry.open_datasource(database)
    with pytest.raises(GeometryInputError, match="geen ESRI Shapefile"):
        geometry.open_datasource(fake_shapefile)
    with pytest.raises(GeometryInputError, match="Alleen GeoJSON"):
        geometry.open_datasource(unknown)


def test_a_geojson_with_a_linked_crs_is_refused_before_gdal_opens_it(tmp_path):
    with Listener() as listener:
        linked = tmp_path / "plan.geojson"
        linked.write_bytes(sample("crs_link.geojson", poort=listener.port))
        with pytest.raises(GeometryInputError, match="coördinatenstelsel"):
            geometry.open_datasource(linked)
        assert listener.connections() == []


def thread_option(key):
    return lgdal.CPLGetThreadLocalConfigOption(key.encode(), None)


def test_the_sandbox_keeps_gdal_off_the_network(tmp_path):
    with Listener() as listener:
        linked = tmp_path / "plan.geojson"
        linked.write_bytes(sample("crs_link.geojson", poort=listener.port))

        def attempts():
            """What GDAL would fetch: a linked crs, a spatial reference from a URL,
            a /vsicurl/ file and an HTTP data source."""
            DataSource(str(linked))[0].srs  # noqa: B018
            for target in (f"{listener.url}/srs", f"/vsicurl/{listener.url}/x.json"):
                with pytest.raises(GDALException):
                    if target.startswith("http"):
                        SpatialReference(target)
                    else:
                        DataSource(target)
            with pytest.raises(GDALException):
                DataSource(f"{listener.url}/plan.geojson")

        with geometry.gdal_sandbox():
            attempts()
        assert listener.connections() == []
        assert thread_option("CPL_VSIL_CURL_ALLOWED_FILENAME") is None  # restored
        attempts()  # outside the sandbox GDAL connects: the listener would see it
        assert len(listener.connections()) >= 3
