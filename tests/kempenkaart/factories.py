import factory
from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Point
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from atelier.models import Gemeente
from kempenkaart.models import Instrument, ProcedureStap, Project


def square(centre, metres):
    """A square of `metres` around `centre` (EPSG:4326), drawn in Lambert 72."""
    metric = centre.transform(settings.METRIC_SRID, clone=True)
    shape = metric.buffer(metres / 2, quadsegs=1)  # a diamond; envelope: a square
    shape = shape.envelope
    shape.transform(4326)
    return MultiPolygon(shape, srid=4326)


def inside(slug):
    """A point well inside a municipality."""
    return Gemeente.objects.get(slug=slug).geom.point_on_surface


class InstrumentFactory(factory.django.DjangoModelFactory):
    """An instrument in Turnhout (or `gemeente__slug=...`), linked to the
    municipalities its area overlaps."""

    class Meta:
        model = Instrument
        skip_postgeneration_save = True

    class Params:
        in_gemeente = "turnhout"
        size = 300

    name = factory.Sequence(lambda n: f"RUP Testgebied {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    soort = Instrument.Soort.GEMEENTELIJK_RUP
    geom = factory.LazyAttribute(lambda o: square(inside(o.in_gemeente), o.size))

    @factory.post_generation
    def link_gemeenten(self, create, extracted, **kwargs):
        from kempenkaart.services import instrument_set_gemeenten

        instrument_set_gemeenten(self)

    @factory.post_generation
    def stappen(self, create, extracted, **kwargs):
        """`stappen=[("start", date), ...]`; the status follows."""
        from kempenkaart.services import instrument_refresh_status

        for stap, datum in extracted or []:
            ProcedureStap.objects.create(instrument=self, stap=stap, datum=datum)
        instrument_refresh_status(self)


class ProjectFactory(factory.django.DjangoModelFactory):
    """A published project at a point inside Turnhout (or `in_gemeente=...`)."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    class Params:
        in_gemeente = "turnhout"

    title = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    fase = Project.Fase.ONTWERP
    start_jaar = 2022
    locatie = factory.LazyAttribute(lambda o: inside(o.in_gemeente))
    gemeente = factory.LazyAttribute(lambda o: Gemeente.objects.get(slug=o.in_gemeente))
    live = True

    @factory.post_generation
    def themas(self, create, extracted, **kwargs):
        if extracted:
            self.themas.set(extracted)
            self.save()

    @factory.post_generation
    def submitted(self, create, extracted, **kwargs):
        """`submitted=True`: its revision waits in the moderation workflow."""
        if extracted:
            self.save_revision(user=self.ingediend_door)
            self.get_workflow().start(self, self.ingediend_door)


def offset(point, east=0, north=0):
    """`point` moved by metres east/north."""
    metric = point.transform(settings.METRIC_SRID, clone=True)
    moved = Point(metric.x + east, metric.y + north, srid=settings.METRIC_SRID)
    moved.transform(4326)
    return moved


def project_feature(slug="turnhout", **properties):
    """A project as the API takes it: a GeoJSON Feature at a point in `slug`."""
    here = inside(slug)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [here.x, here.y]},
        "properties": {"titel": "Via de API", "fase": "idee", **properties},
    }


def project_admin_form(project, **actions):
    """What the Wagtail admin's edit form posts for `project`, plus `actions`."""
    return nested_form_data(
        {
            "title": project.title,
            "slug": project.slug,
            "description": rich_text(project.description or "<p>Tekst.</p>"),
            "fase": project.fase,
            "start_jaar": str(project.start_jaar or ""),
            "eind_jaar": "",
            "locatie": project.locatie.geojson,
            "omtrek": "",
            "gemeente": project.gemeente.pk,
            "contact_naam": "",
            "contact_email": "",
            "afbeeldingen": inline_formset([]),
            **actions,
        }
    )
