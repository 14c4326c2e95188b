"""The Kempenkaart's demo (kempenkaart/demo/): loaded once per session into a database
of its own (`demo` in tests/conftest.py); what the data files say is what the map
shows, through the same rules as a user's submissions."""

import json
from io import StringIO

import pytest
from django.contrib.gis.db.models import Union
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from PIL import Image as PILImage

from atelier.demo.records import DemoDataError
from atelier.models import Gemeente, User
from kempenkaart import demo as kempenkaart_demo
from kempenkaart.models import Instrument, ProcedureStap, Project, ProjectAfbeelding
from kempenkaart.services import validate_geometry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


INSTRUMENTS = kempenkaart_demo.DEMO.read("instrumenten.yaml")["instrumenten"]
PROJECTS = kempenkaart_demo.DEMO.read("projecten.yaml")["projecten"]


def test_every_municipality_has_an_instrument_and_a_published_project():
    gemeenten = Gemeente.objects.annotate(
        instrumenten_n=Count("instrumenten", distinct=True),
        projecten_n=Count("projecten", filter=Q(projecten__live=True), distinct=True),
    )
    assert gemeenten.count() == 29
    empty = gemeenten.filter(Q(instrumenten_n=0) | Q(projecten_n=0))
    assert list(empty.values_list("name", flat=True)) == []


def test_every_instrument_is_loaded_as_its_record_says():
    instruments = {i.slug: i for i in Instrument.objects.filter(is_demo=True)}
    assert set(instruments) == {record["slug"] for record in INSTRUMENTS}
    for record in INSTRUMENTS:
        instrument = instruments[record["slug"]]
        assert instrument.soort == record["soort"]
        # The links come from the area (the service), and agree with the record.
        linked = instrument.gemeenten.values_list("name", flat=True)
        assert sorted(linked) == sorted(record["gemeenten"]), instrument
        assert instrument.stappen.count() == len(record["stappen"])


def test_every_project_is_loaded_and_moderated_as_its_record_says():
    projects = {
        p.slug: p for p in Project.objects.filter(is_demo=True).select_related()
    }
    assert set(projects) == {record["slug"] for record in PROJECTS}
    for record in PROJECTS:
        project = projects[record["slug"]]
        assert project.gemeente.name == record["gemeente"]
        assert project.ingediend_door.username == record["ingediend_door"]
        assert (
            project.moderation_status
            == {
                "gepubliceerd": "gepubliceerd",
                "ingediend": "ingediend, wacht op publicatie",
                "afgewezen": "afgewezen",
            }[record.get("moderatie", "gepubliceerd")]
        ), project
        assert project.afbeeldingen.count() == len(record.get("afbeeldingen", []))


def test_the_demo_shows_every_moderation_state_as_moderation_leaves_it():
    projects = list(Project.objects.filter(is_demo=True).with_moderation())
    published = [p for p in projects if p.live]
    waiting = [p for p in projects if not p.live and not p.afwijzingsreden]
    rejected = [p for p in projects if not p.live and p.afwijzingsreden]
    assert published and waiting and rejected
    for project in published:
        assert project.live_revision is not None, project
        assert project.current_workflow_state is None, project
    for project in waiting:
        assert project.latest_revision is not None and project.live_revision is None
        assert project.workflow_in_progress, project
    for project in rejected:
        assert project.needs_changes and project.live_revision is None
    # Officials submit in their own municipality only.
    for project in Project.objects.filter(
        is_demo=True, ingediend_door__username="gemeente"
    ):
        assert project.gemeente in Gemeente.objects.for_user(project.ingediend_door)


def test_geometries_are_valid_and_inside_their_municipalities():
    for instrument in Instrument.objects.filter(is_demo=True).prefetch_related(
        "gemeenten"
    ):
        validate_geometry(instrument.geom, label=instrument.name)
        area = instrument.gemeenten.aggregate(area=Union("geom"))["area"]
        assert area is not None and area.contains(instrument.geom), instrument
    for project in Project.objects.filter(is_demo=True).select_related("gemeente"):
        validate_geometry(project.locatie, label=project.title)
        assert project.gemeente.geom.contains(project.locatie), project
        if project.omtrek:
            validate_geometry(project.omtrek, label=project.title)
            assert project.gemeente.geom.contains(project.omtrek), project


def test_statuses_follow_from_the_procedure_and_every_one_is_shown():
    for instrument in Instrument.objects.filter(is_demo=True):
        steps = list(instrument.stappen.order_by("datum", "pk"))
        assert steps[0].stap == ProcedureStap.Stap.START, instrument
        dates = [step.datum for step in steps]
        assert dates == sorted(set(dates)), instrument
        assert instrument.status == instrument.status_from_steps()
    shown = Instrument.objects.filter(is_demo=True)
    assert set(shown.values_list("status", flat=True)) == set(Instrument.Status.values)
    assert set(shown.values_list("soort", flat=True)) == set(Instrument.Soort.values)


def test_every_image_is_an_image_with_a_credit():
    afbeeldingen = ProjectAfbeelding.objects.filter(project__is_demo=True)
    assert afbeeldingen.exists()
    for afbeelding in afbeeldingen.select_related("image"):
        assert afbeelding.credit, afbeelding
        with afbeelding.image.open_file() as file, PILImage.open(file) as picture:
            picture.verify()
            assert picture.format == "JPEG"
        assert (afbeelding.image.width, afbeelding.image.height) == picture.size


# --- a wrong data file ----------------------------------------------------------

NEW = {
    "slug": "nieuw-project-turnhout",
    "title": "Nieuw project",
    "gemeente": "Turnhout",
    "fase": "idee",
    "ingediend_door": "partner",
    "themas": ["mobiliteit"],
}
TURNHOUT = {"type": "Point", "coordinates": [4.9447, 51.3227]}
GEEL = {"type": "Point", "coordinates": [4.9891, 51.1619]}


def add_project(demo_files, record, point=TURNHOUT, **files):
    """Add `record` (and its location) to a copy of the data files."""
    folder = demo_files.copy("kempenkaart")
    demo_files.edit(
        folder / "projecten.yaml", lambda data: data["projecten"].append(record)
    )
    if point is not None:
        path = folder / "projecten.geojson"
        collection = json.loads(path.read_text(encoding="utf-8"))
        collection["features"].append(
            {
                "type": "Feature",
                "properties": {"slug": record["slug"]},
                "geometry": point,
            }
        )
        path.write_text(json.dumps(collection), encoding="utf-8")
    for name, content in files.items():
        (folder / "afbeeldingen" / name).write_bytes(content)


def load_error():
    """The error of the Kempenkaart's loader (which rolls back what it did)."""
    with pytest.raises(DemoDataError) as error:
        kempenkaart_demo.load(StringIO())
    return str(error.value)


def test_a_new_record_loads_through_the_services(demo_files):
    add_project(demo_files, {**NEW, "moderatie": "ingediend"})
    out = StringIO()
    kempenkaart_demo.load(out)
    assert out.getvalue().endswith("; 1 nieuw")
    project = Project.objects.get(slug=NEW["slug"])
    assert project.gemeente.name == "Turnhout" and not project.live
    assert project.ingediend_door == User.objects.get(username="partner")
    assert project.latest_revision is not None  # submitted as a user submits


@pytest.mark.parametrize(
    ("record", "point", "message"),
    [
        ({**NEW, "fase": "droom"}, TURNHOUT, "fase: "),
        ({**NEW, "gemeente": "Antwerpen"}, TURNHOUT, "onbekende gemeente 'Antwerpen'"),
        ({**NEW, "themas": ["kunst"]}, TURNHOUT, "onbekende thema 'kunst'"),
        ({**NEW, "ingediend_door": "niemand"}, TURNHOUT, "onbekende account 'niemand'"),
        (NEW, None, "onbekende locatie (in projecten.geojson)"),
        (NEW, GEEL, "Het project ligt niet in de gekozen gemeente Turnhout"),
        (
            NEW,
            {"type": "Point", "coordinates": [4.40, 51.22]},
            "ligt (deels) buiten de Kempen",
        ),
        ({**NEW, "moderatie": "misschien"}, TURNHOUT, "moderatie 'misschien' is geen"),
        (
            {**NEW, "moderatie": "afgewezen"},
            TURNHOUT,
            "Geef een reden op: de indiener krijgt ze te zien.",
        ),
    ],
)
def test_a_wrong_project_is_named_and_loads_nothing(demo_files, record, point, message):
    add_project(demo_files, record, point)
    error = load_error()
    assert f"projecten.yaml, projecten[81] ({NEW['slug']}): " in error
    assert message in error
    assert not Project.objects.filter(slug=NEW["slug"]).exists()


def test_a_wrong_data_file_loads_nothing_of_any_app(demo_files):
    account = {
        "username": "nieuw",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nieuw@demo.atelierruimtekempen.be",
        "roles": ["Partner"],
    }
    demo_files.edit(
        demo_files.copy("atelier") / "accounts.yaml",
        lambda data: data["accounts"].append(account),
    )
    add_project(demo_files, {**NEW, "fase": "droom"})
    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=StringIO())
    assert str(error.value).startswith("Demogegevens niet geladen: ")
    assert f"projecten[81] ({NEW['slug']}): fase: " in str(error.value)
    # The atelier's part loaded first, in the same transaction: undone as well.
    assert not User.objects.filter(username="nieuw").exists()


def test_a_file_that_is_no_image_is_refused_like_an_upload(demo_files):
    picture = {"file": "afbeeldingen/nieuw.jpg", "title": "Nieuw", "credit": "Demo"}
    add_project(
        demo_files, {**NEW, "afbeeldingen": [picture]}, **{"nieuw.jpg": b"<svg/>"}
    )
    error = load_error()
    assert f"({NEW['slug']}), afbeeldingen[1]: SVG-, HTML- en XML-bestanden" in error


def test_a_missing_file_is_named(demo_files):
    picture = {"file": "afbeeldingen/weg.jpg", "title": "Weg", "credit": "Demo"}
    add_project(demo_files, {**NEW, "afbeeldingen": [picture]})
    assert "afbeeldingen[1]: bestand 'afbeeldingen/weg.jpg' niet gevonden" in (
        load_error()
    )


def test_an_instrument_whose_area_disagrees_with_its_municipalities_is_refused(
    demo_files,
):
    folder = demo_files.copy("kempenkaart")
    record = INSTRUMENTS[0]
    demo_files.edit(
        folder / "instrumenten.yaml",
        lambda data: data.update(
            instrumenten=[{**record, "slug": "nieuw-rup", "gemeenten": ["Geel"]}]
        ),
    )
    path = folder / "instrumenten.geojson"
    collection = json.loads(path.read_text())
    feature = next(
        f for f in collection["features"] if f["properties"]["slug"] == record["slug"]
    )
    collection["features"].append({**feature, "properties": {"slug": "nieuw-rup"}})
    path.write_text(json.dumps(collection))
    error = load_error()
    assert "instrumenten[1] (nieuw-rup): het gebied overlapt Arendonk, niet Geel" in (
        error
    )


def test_a_geometry_of_the_wrong_type_is_named(demo_files):
    folder = demo_files.copy("kempenkaart")
    path = folder / "projecten-omtrek.geojson"
    collection = json.loads(path.read_text())
    collection["features"][0]["geometry"] = TURNHOUT
    path.write_text(json.dumps(collection))
    slug = collection["features"][0]["properties"]["slug"]
    assert (
        f"projecten-omtrek.geojson, feature 1 ({slug}): verwacht een MultiPolygon, "
        "kreeg een Point"
    ) in load_error()
