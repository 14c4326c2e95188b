from io import StringIO

import pytest
from django.contrib.gis.db.models import Union
from django.core.management import call_command
from django.db.models import Count, Q
from wagtail.images.models import Image
from wagtail.models import Revision

from atelier.models import Gemeente
from kempenkaart.models import Instrument, ProcedureStap, Project, ProjectAfbeelding
from kempenkaart.services import validate_geometry

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "instrumenten": list(
            Instrument.objects.values_list("slug", "status", "updated_at")
        ),
        "stappen": ProcedureStap.objects.count(),
        "projecten": list(
            Project.objects.values_list("slug", "live", "updated_at", "gemeente")
        ),
        "revisies": Revision.objects.count(),
        "afbeeldingen": (Image.objects.count(), ProjectAfbeelding.objects.count()),
    }


def test_demo_counts_and_summary(demo):
    assert demo["seconds"] < 30
    assert "Kempenkaart: 60 instrumenten, 80 projecten" in demo["output"]
    assert Instrument.objects.filter(is_demo=True).count() == 60
    assert Project.objects.filter(is_demo=True).count() == 80
    soorten = set(Instrument.objects.values_list("soort", flat=True))
    assert soorten == set(Instrument.Soort.values)
    assert 20 <= ProjectAfbeelding.objects.count() <= 35
    assert not ProjectAfbeelding.objects.filter(credit="").exists()


def test_every_municipality_has_an_instrument_and_a_project(demo):
    gemeenten = Gemeente.objects.annotate(
        instrumenten_n=Count("instrumenten", distinct=True),
        projecten_n=Count("projecten", distinct=True),
    )
    assert gemeenten.count() == 29
    assert not gemeenten.filter(Q(instrumenten_n=0) | Q(projecten_n=0)).exists()
    spanning = Instrument.objects.annotate(n=Count("gemeenten")).filter(n__gt=1)
    assert spanning.filter(soort=Instrument.Soort.BELEIDSPLAN_RUIMTE).exists()
    assert spanning.filter(soort=Instrument.Soort.PROVINCIAAL_RUP).count() == 3
    assert spanning.filter(soort=Instrument.Soort.GEWESTELIJK_RUP).count() == 2


def test_geometries_are_valid_and_inside_their_municipalities(demo):
    for instrument in Instrument.objects.prefetch_related("gemeenten"):
        validate_geometry(instrument.geom, label=instrument.name)
        assert instrument.geom.geom_type == "MultiPolygon"
        area = instrument.gemeenten.aggregate(area=Union("geom"))["area"]
        assert area is not None, instrument.name
        assert area.contains(instrument.geom), instrument.name
    for project in Project.objects.select_related("gemeente"):
        validate_geometry(project.locatie, label=project.title)
        assert project.gemeente.geom.contains(project.locatie), project.title
        if project.omtrek:
            validate_geometry(project.omtrek, label=project.title)
            assert project.gemeente.geom.contains(project.omtrek), project.title
    assert Project.objects.filter(omtrek__isnull=False).count() >= 20


def test_statuses_follow_from_the_procedure(demo):
    for instrument in Instrument.objects.all():
        steps = list(instrument.stappen.order_by("datum", "pk"))
        assert steps, instrument.name
        assert steps[0].stap == ProcedureStap.Stap.START
        dates = [step.datum for step in steps]
        assert dates == sorted(set(dates)), instrument.name
        assert dates[0].year >= 1995 and dates[-1].year <= 2026
        assert instrument.status == instrument.status_from_steps()
    statuses = set(Instrument.objects.values_list("status", flat=True))
    assert statuses == set(Instrument.Status.values)


def test_projects_are_moderated_like_real_ones(demo):
    demo_projects = Project.objects.filter(is_demo=True)
    published = demo_projects.filter(live=True)
    assert published.count() == 76
    for project in published:
        assert project.live_revision is not None, project.title
        assert project.revisions.exists()
    waiting = demo_projects.filter(live=False, afgewezen_op__isnull=True)
    assert waiting.count() == 3
    rejected = demo_projects.filter(live=False, afgewezen_op__isnull=False)
    assert rejected.count() == 1
    assert rejected.get().afwijzingsreden
    assert not demo_projects.filter(ingediend_door__isnull=True).exists()
    assert set(demo_projects.values_list("ingediend_door__username", flat=True)) == {
        "partner",
        "gemeente",
    }
    for project in demo_projects:
        assert project.themas.exists() and project.partners.exists(), project.title
        assert project.contact_email.endswith("@demo.atelierruimtekempen.be")
        if project.eind_jaar and project.start_jaar:
            assert project.eind_jaar >= project.start_jaar
        if project.fase == Project.Fase.GEREALISEERD:
            assert project.eind_jaar is not None


def test_loading_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "0 nieuw" in out.getvalue()
