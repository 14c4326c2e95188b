import datetime
import json
import shutil
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.gis.gdal import GDALException, SpatialReference
from django.contrib.gis.gdal.libgdal import lgdal
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper

from kempenkaart.importers import instrumenten_import
from kempenkaart.management.commands.import_instrumenten import ProgressBar
from kempenkaart.models import Instrument, ProcedureStap
from tests.netprobe import Listener

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
# Made from data/bron/*.geojson with gdal-bin (see data/README.md).
LAMBERT_72 = DATA / "instrumenten_lambert72.shp"
LAMBERT_2008 = DATA / "instrumenten_lambert2008.gpkg"


def run(path, *args):
    out = StringIO()
    call_command("import_instrumenten", str(path), *args, stdout=out)
    return out.getvalue()


def gemeenten(external_id):
    instrument = Instrument.objects.get(external_id=external_id)
    return sorted(instrument.gemeenten.values_list("name", flat=True))


def test_import_geojson_in_4326():
    output = run(DATA / "instrumenten.geojson")

    assert "3 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 afgewezen." in output
    assert "EPSG:4326" in output
    stadspark = Instrument.objects.get(external_id="RUP-TH-001")
    assert stadspark.name == "RUP Stadspark"
    assert stadspark.slug == "rup-stadspark"
    assert stadspark.soort == Instrument.Soort.GEMEENTELIJK_RUP  # from the label
    assert stadspark.register_url == "https://www.ruimtelijkeplannen.be/RUP-TH-001"
    assert stadspark.geom.srid == 4326
    assert gemeenten("RUP-TH-001") == ["Turnhout"]
    assert Instrument.objects.get(external_id="BPA-GL-002").soort == "bpa"
    prup = Instrument.objects.get(external_id="PRUP-003")
    assert prup.soort == Instrument.Soort.PROVINCIAAL_RUP
    assert len(prup.geom) == 2
    assert gemeenten("PRUP-003") == ["Geel", "Herentals"]


def test_a_definitive_adoption_date_adds_the_step_and_sets_the_status():
    run(DATA / "instrumenten.geojson")

    stadspark = Instrument.objects.get(external_id="RUP-TH-001")
    assert list(stadspark.stappen.values_list("stap", "datum")) == [
        (ProcedureStap.Stap.DEFINITIEVE_VASTSTELLING, datetime.date(2021, 3, 15))
    ]
    assert stadspark.status == Instrument.Status.VAN_KRACHT
    geel = Instrument.objects.get(external_id="BPA-GL-002")
    assert not geel.stappen.exists()
    assert geel.status == Instrument.Status.IN_OPMAAK


def test_import_shapefile_in_lambert_72():
    output = run(LAMBERT_72)

    assert "2 nieuw" in output
    assert "EPSG:31370" in output
    sluis = Instrument.objects.get(external_id="101")  # an integer OIDN
    assert sluis.name == "RUP Sluis"
    assert sluis.soort == Instrument.Soort.GEMEENTELIJK_RUP
    assert sluis.geom.srid == 4326
    x, y = sluis.geom.centroid.coords
    assert x == pytest.approx(5.11, abs=1e-4)
    assert y == pytest.approx(51.19, abs=1e-4)
    assert gemeenten("101") == ["Mol"]
    assert sluis.stappen.get().datum == datetime.date(2019, 6, 20)
    assert gemeenten("102") == ["Turnhout"]
    assert Instrument.objects.get(external_id="102").soort == "gewestelijk-rup"


def test_import_geopackage_in_lambert_2008():
    output = run(LAMBERT_2008, "--layer", "instrumenten")

    assert "2 nieuw" in output
    assert "EPSG:3812" in output
    station = Instrument.objects.get(external_id="L08-001")
    assert station.name == "RUP Stationsomgeving"  # from "titel"
    assert station.register_url == "https://www.balen.be/rup-stationsomgeving"
    x, y = station.geom.centroid.coords
    assert x == pytest.approx(5.183, abs=1e-4)
    assert y == pytest.approx(51.1586, abs=1e-4)
    assert gemeenten("L08-001") == ["Balen"]
    assert station.status == Instrument.Status.VAN_KRACHT
    assert gemeenten("L08-002") == ["Kasterlee"]
    assert Instrument.objects.get(external_id="L08-002").soort == "rooilijnplan"


def test_a_file_without_srs_needs_srid(tmp_path):
    for suffix in (".shp", ".shx", ".dbf", ".cpg"):  # no .prj
        shutil.copy(LAMBERT_72.with_suffix(suffix), tmp_path / f"zonder{suffix}")

    with pytest.raises(CommandError, match="--srid"):
        run(tmp_path / "zonder.shp")
    assert not Instrument.objects.exists()

    run(tmp_path / "zonder.shp", "--srid", "31370")
    assert gemeenten("101") == ["Mol"]


def test_reimport_updates_instead_of_duplicating(tmp_path):
    run(DATA / "instrumenten.geojson")
    first = {i.external_id: (i.pk, i.updated_at) for i in Instrument.objects.all()}

    output = run(DATA / "instrumenten.geojson")

    assert "0 nieuw, 0 bijgewerkt, 3 ongewijzigd, 0 afgewezen." in output
    assert {
        i.external_id: (i.pk, i.updated_at) for i in Instrument.objects.all()
    } == first
    assert ProcedureStap.objects.count() == 1

    collection = json.loads((DATA / "instrumenten.geojson").read_text())
    props = collection["features"][1]["properties"]
    props["naam"] = "BPA Centrum Geel (herzien)"
    props["datum"] = "2024-05-02"
    changed = tmp_path / "herzien.geojson"
    changed.write_text(json.dumps(collection))

    output = run(changed)

    assert "0 nieuw, 1 bijgewerkt, 2 ongewijzigd, 0 afgewezen." in output
    assert Instrument.objects.count() == 3
    geel = Instrument.objects.get(external_id="BPA-GL-002")
    assert geel.pk == first["BPA-GL-002"][0]
    assert geel.name == "BPA Centrum Geel (herzien)"
    assert geel.slug == "bpa-centrum-geel"  # the URL stays
    assert geel.status == Instrument.Status.VAN_KRACHT


def test_dry_run_saves_nothing():
    output = run(DATA / "instrumenten.geojson", "--dry-run")

    assert "Proefdraai" in output
    assert "3 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 afgewezen." in output
    assert not Instrument.objects.exists()
    assert not ProcedureStap.objects.exists()


def test_dry_run_of_a_reimport_changes_nothing():
    run(DATA / "instrumenten.geojson")
    Instrument.objects.filter(external_id="RUP-TH-001").update(name="Oud")

    output = run(DATA / "instrumenten.geojson", "--dry-run")

    assert "0 nieuw, 1 bijgewerkt, 2 ongewijzigd" in output
    assert Instrument.objects.get(external_id="RUP-TH-001").name == "Oud"


def test_rejected_rows_are_reported_and_valid_rows_still_import():
    output = run(DATA / "afgekeurd.geojson")

    assert "2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 5 afgewezen." in output
    assert set(Instrument.objects.values_list("external_id", flat=True)) == {
        "OK-1",
        "OK-7",
    }
    assert "rij 2 (STRIK-2): Het gebied is geen geldige geometrie" in output
    assert "Self-intersection" in output
    assert "rij 3 (BUITEN-3): Het gebied ligt buiten de Kempen." in output
    assert "rij 4 (PUNT-4): Verwacht een (multi)polygoon, kreeg Point." in output
    assert "rij 5 (NAAMLOOS-5): De naam ontbreekt." in output
    assert "rij 6 (SOORT-6): Onbekende soort moestuin." in output


def test_the_report_lists_rejections_by_row():
    report = instrumenten_import(path=DATA / "afgekeurd.geojson", dry_run=True)

    assert report.total == 7
    assert report.created == 2
    assert [(r.row, r.external_id) for r in report.rejected] == [
        (2, "STRIK-2"),
        (3, "BUITEN-3"),
        (4, "PUNT-4"),
        (5, "NAAMLOOS-5"),
        (6, "SOORT-6"),
    ]
    assert not Instrument.objects.exists()


def test_default_soort_fills_in_missing_kinds(tmp_path):
    collection = json.loads((DATA / "instrumenten.geojson").read_text())
    for feature in collection["features"]:
        del feature["properties"]["soort"]
    path = tmp_path / "zonder_soort.geojson"
    path.write_text(json.dumps(collection))

    with pytest.raises(CommandError, match="--soort"):
        run(path)

    run(path, "--soort", "Beleidsplan Ruimte")
    assert set(Instrument.objects.values_list("soort", flat=True)) == {
        Instrument.Soort.BELEIDSPLAN_RUIMTE
    }


def test_field_names_can_be_given(tmp_path):
    collection = json.loads((DATA / "instrumenten.geojson").read_text())
    for feature in collection["features"]:
        props = feature["properties"]
        feature["properties"] = {"sleutel": props["id"], "benaming": props["naam"]}
    path = tmp_path / "andere_velden.geojson"
    path.write_text(json.dumps(collection))

    with pytest.raises(CommandError, match="sleutel, benaming"):
        run(path, "--soort", "bpa")

    output = run(
        path, "--id-field", "sleutel", "--name-field", "benaming", "--soort", "bpa"
    )
    assert "3 nieuw" in output
    assert Instrument.objects.get(external_id="RUP-TH-001").name == "RUP Stadspark"


def test_unknown_default_soort_is_refused():
    with pytest.raises(CommandError, match="Onbekende soort"):
        run(DATA / "instrumenten.geojson", "--soort", "moestuin")


def test_an_unreadable_file_gives_a_command_error(tmp_path):
    broken = tmp_path / "kapot.geojson"
    broken.write_text("dit is geen GeoJSON")

    with pytest.raises(CommandError, match="kan niet gelezen worden"):
        run(broken)
    with pytest.raises(CommandError, match="bestaat niet"):
        run(tmp_path / "weg.geojson")
    with pytest.raises(CommandError, match="geen laag"):
        run(LAMBERT_2008, "--layer", "bestaat_niet")


def test_progress_is_a_line_every_ten_percent_off_a_terminal():
    output = run(DATA / "instrumenten.geojson")

    assert "1/3 (33%)" in output
    assert "3/3 (100%)" in output


def test_progress_bar_on_a_terminal():
    class Terminal(StringIO):
        def isatty(self):
            return True

    out = Terminal()
    bar = ProgressBar(OutputWrapper(out))
    bar.width = 10
    for done in range(1, 5):
        bar(done, 4)

    assert out.getvalue().startswith("\r[##--------] 1/4\r[#####-----] 2/4")
    assert out.getvalue().endswith("\r[##########] 4/4\n")


# The import opens real GeoJSON, GeoPackage and Shapefile files only, off the network


def sample(name, **values):
    text = (DATA / name).read_text()
    for key, value in values.items():
        text = text.replace(f"__{key.upper()}__", str(value))
    return text


def test_a_vrt_named_geojson_is_refused_and_the_file_behind_it_never_read(tmp_path):
    row = "RUP-GEHEIM,RUP uit een serverbestand,gemeentelijk RUP"
    wkt = "POLYGON((4.93 51.32,4.94 51.32,4.94 51.33,4.93 51.33,4.93 51.32))"
    (tmp_path / "geheim.csv").write_text(f'id,naam,soort,wkt\n{row},"{wkt}"\n')
    vrt = tmp_path / "plannen.geojson"
    vrt.write_text(
        sample("vrt_lokaal_bestand.geojson", bestand=tmp_path / "geheim.csv")
    )

    with pytest.raises(CommandError, match="geen GeoJSON"):
        run(vrt)
    assert not Instrument.objects.exists()


@pytest.mark.parametrize(
    "name", ["vrt_postgresql.geojson", "vrt_vsicurl.geojson", "crs_link.geojson"]
)
def test_an_import_file_never_makes_the_server_connect_anywhere(tmp_path, name):
    with Listener() as listener:
        path = tmp_path / "plannen.geojson"
        path.write_text(sample(name, poort=listener.port))
        with pytest.raises(CommandError, match="kan niet gelezen worden"):
            run(path)
        assert listener.connections() == []
    assert not Instrument.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/vsicurl/http://127.0.0.1:9/plannen.geojson",
        "PG:host=127.0.0.1 dbname=atelier",
        "GeoJSON:/tmp/plannen.geojson",
    ],
)
def test_gdal_paths_and_connection_strings_are_not_files(path):
    with pytest.raises(CommandError):
        run(path)


def test_a_sqlite_database_named_gpkg_and_a_directory_are_refused(tmp_path):
    database = tmp_path / "plannen.gpkg"
    sqlite3.connect(database).execute("create table t (x)").connection.close()
    with pytest.raises(CommandError, match="geen GPKG"):
        run(database)
    (tmp_path / "map.shp").mkdir()
    with pytest.raises(CommandError, match="gewoon bestand"):
        run(tmp_path / "map.shp")


@pytest.mark.parametrize(
    "path", [LAMBERT_72, LAMBERT_2008, DATA / "instrumenten.geojson"]
)
def test_the_rows_are_read_with_gdal_off_the_network(path):
    seen = []

    def progress(done, total):
        option = b"CPL_VSIL_CURL_ALLOWED_FILENAME"
        seen.append(lgdal.CPLGetThreadLocalConfigOption(option, None))
        with pytest.raises(GDALException):
            SpatialReference(f"{listener.url}/srs")

    with Listener() as listener:
        instrumenten_import(path=path, progress=progress)
        assert listener.connections() == []
    assert seen and None not in seen
